import { beforeAll, expect, test, vi } from 'vitest';
import { planEveryFixture, typeCheckPlans } from '../support/planned-types.ts';

/** A template that emits invalid code: a name that does not exist, in TypeScript and in the JavaScript made from it. */
const BROKEN = 'templates/harness/answers.ts.hbs';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((file: Parameters<typeof fs.readFileSync>[0], options?: Parameters<typeof fs.readFileSync>[1]) => {
    const content = fs.readFileSync(file, options as never);
    return String(file).endsWith(BROKEN) ? `${String(content)}\nexport const broken: number = notDefinedAnywhere + 1;\n` : content;
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

let problems: string[] = [];
beforeAll(async () => {
  const { planned } = await planEveryFixture(['express-sqlite-ts-esm', 'express-sqlite-js-cjs'], 'broken');
  problems = typeCheckPlans(planned);
}, 120_000);

test('the fast tier fails when a template emits invalid code, naming the file in each language', () => {
  expect(problems).toEqual([
    expect.stringMatching(/^express-sqlite-js-cjs\/test\/integration\/support\/answers\.js\(\d+,\d+\): TS2304 Cannot find name 'notDefinedAnywhere'/),
    expect.stringMatching(/^express-sqlite-ts-esm\/test\/integration\/support\/answers\.ts\(\d+,\d+\): TS2304 Cannot find name 'notDefinedAnywhere'/),
  ]);
});
