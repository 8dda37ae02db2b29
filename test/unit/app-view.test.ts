import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createContext, detectProject, resolveAnswers } from '../../src/index.ts';
import { appView } from '../../src/kit/app-view.ts';
import { defaultFrom, namedFrom, wholeModule } from '../../src/kit/module-binding.ts';
import { importCode, requireCode } from '../../src/kit/spelling.ts';
import { renderTemplate } from '../../src/kit/templates.ts';
import { FIXTURES } from '../support/paths.ts';

async function viewOf(fixture: string, flags: Record<string, unknown> = {}) {
  const detection = detectProject(path.join(FIXTURES, fixture));
  const kit = createContext(detection, await resolveAnswers({ yes: true, ...flags }, detection, undefined));
  return appView(kit, `${kit.paths.support}/app.${kit.paths.ext}`);
}

test('a module binding is spelled as an import, or as a require where the project is CommonJS', () => {
  const bindings = [
    namedFrom('@nestjs/testing', 'Test'),
    namedFrom('./app.js', 'app', 'serviceApp'),
    defaultFrom('fastify', 'Fastify'),
    wholeModule('../../src/db/schema.js', 'schema'),
  ];
  expect(bindings.map(importCode)).toEqual([
    "import { Test } from '@nestjs/testing';",
    "import { app as serviceApp } from './app.js';",
    "import Fastify from 'fastify';",
    "import * as schema from '../../src/db/schema.js';",
  ]);
  expect(bindings.map(requireCode)).toEqual([
    "const { Test } = require('@nestjs/testing');",
    "const { app: serviceApp } = require('./app.js');",
    "const Fastify = require('fastify');",
    "const schema = require('../../src/db/schema.js');",
  ]);
});

describe('app.ts view: facts about how the harness gets the app, its client and its server', () => {
  test('a Fastify root plugin goes on a fresh instance, registered through fastify-plugin where the project has it', async () => {
    const view = await viewOf('fastify4-plugin-js-cjs');
    expect(view.app).toEqual({ local: 'serviceApp', fastifyPlugin: true });
    expect(view.glue).toEqual({ fastify: { plugin: true, throughFp: true } });
    expect(view.harnessModules).toEqual([defaultFrom('fastify', 'Fastify'), defaultFrom('fastify-plugin', 'fp')]);
  });

  test('Nest: the root module compiled for the test, with the global prefix main.ts sets', async () => {
    const view = await viewOf('nest-sqlite-ts-cjs');
    expect(view.app).toMatchObject({ local: 'AppModule', nestModule: true });
    expect(view.glue).toMatchObject({ nest: { prefix: expect.any(String) } });
    expect(view.harnessModules[0]).toEqual(namedFrom('@nestjs/testing', 'Test'));
  });

  test('Drizzle on MySQL: the schema module whole, default mode, on the test connection; the factory is given the client', async () => {
    const view = await viewOf('express-drizzle-mysql-ts-esm');
    expect(view.clientBeforeApp).toEqual({ call: 'drizzle', onDb: true, schema: true, defaultMode: true });
    expect(view.projectModules.map((binding) => Object.keys(binding).filter((key) => key !== 'specifier'))).toEqual([['named'], ['whole'], expect.anything()]);
    expect(view.app).toMatchObject({ factory: { positional: 'client' } });
  });

  test('--db none: no client; a factory that takes a database still gets none', async () => {
    const view = await viewOf('express-nodb-ts-cjs', { db: 'none' });
    expect(view.clientBeforeApp).toBeUndefined();
    expect(view.clientAfterApp).toBeUndefined();
    expect(view.glue).toEqual({ express: true });
  });

  test('the app expression spells each kind of app', () => {
    const spelled = (app: object) => renderTemplate('harness/app-expression.ts.hbs', app);
    expect(spelled({ local: 'createApp', factory: { awaited: true, keyed: { key: 'knex', name: 'db' } } })).toBe('await createApp({ knex: db })\n');
    expect(spelled({ local: 'createApp', factory: { keyed: { key: 'db', name: 'db', shorthand: true } } })).toBe('createApp({ db })\n');
    expect(spelled({ local: 'buildApp', factory: {} })).toBe('buildApp()\n');
    expect(spelled({ local: 'serviceApp', instance: true })).toBe('serviceApp\n');
  });
});
