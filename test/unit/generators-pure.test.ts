import path from 'node:path';
import { expect, test } from 'vitest';
import { GENERATORS } from '../../generators/index.ts';
import { createContext, detectProject, resolveAnswers } from '../../src/index.ts';
import { FIXTURES } from '../support/paths.ts';

test.each(['express-sqlite-ts-esm', 'express-clients-ts-esm', 'fastify-pg-js-cjs', 'nest-typeorm-env-ts-cjs'])(
  'generators only plan (%s): files, notes and claims are actions, and the plan tree is untouched until they are carried out',
  async (fixture) => {
    const detection = detectProject(path.join(FIXTURES, fixture));
    const kit = createContext(detection, await resolveAnswers({ yes: true }, detection, undefined));
    const actions = GENERATORS.flatMap((generator) => generator.plan(kit));
    expect(kit.tree.files.size).toBe(0);
    expect(kit.tree.notes).toEqual([]);
    expect(kit.claims).toEqual([]);
    // What the plan tells the user comes from the plan itself, as note actions.
    const notes = actions.flatMap((action) => (action.type === 'itest:note' ? [action.text] : []));
    if (fixture === 'express-clients-ts-esm')
      expect(notes).toEqual([
        expect.stringMatching(/undici's own client/),
        expect.stringMatching(/^HTTP client src\/clients\/github\.ts/),
        expect.stringMatching(/^Clients that retry through the project's own helper/),
      ]);
  },
);
