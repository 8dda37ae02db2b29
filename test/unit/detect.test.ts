import { describe, expect, test } from 'vitest';
import { findAppModule } from '../../src/detect/app-module.ts';
import { compiledPaths, findEntryPoint } from '../../src/detect/entry-point.ts';
import { readPackageJson } from '../../src/detect/package-json.ts';
import { readWorkspace } from '../../src/detect/workspaces.ts';
import { detectProject } from '../../src/detect/index.ts';
import { detectPrettier } from '../../src/detect/prettier.ts';
import { detectLanguage, detectModuleSystem } from '../../src/detect/language.ts';
import { findSqlMigrations } from '../../src/detect/migrations.ts';
import { readPathAliases } from '../../src/detect/path-aliases.ts';
import { detectNodeTarget } from '../../src/detect/node-version.ts';
import { detectPackageManager } from '../../src/detect/package-manager.ts';
import { detectDataLayers, detectFramework, detectTestRunner } from '../../src/detect/stack.ts';
import { parseSequelizeSchema } from '../../src/detect/sequelize.ts';
import { typeormMigrationSql } from '../../src/detect/typeorm.ts';
import { apiNamesOf, readDeclaredModels } from '../../src/detect/orm-models/index.ts';
import { harnessDir } from '../../src/detect/test-dirs.ts';
import { readHeaderPolicy } from '../../src/detect/app-headers.ts';
import { fitToTree, versionSetFor, VITEST_FALLBACK, VITEST_PEER_NAMES } from '../../src/kit/versions.ts';
import { installedVersions } from '../../src/detect/installed-versions.ts';
import { unmetPeers } from '../../src/detect/unmet-peers.ts';
import { tempProject } from '../support/temp-project.ts';

describe('package manager', () => {
  test.each([
    ['pnpm-lock.yaml', 'pnpm'],
    ['yarn.lock', 'yarn'],
    ['bun.lock', 'bun'],
    ['package-lock.json', 'npm'],
  ])('%s means %s', (lockfile, pm) => {
    const dir = tempProject({ 'package.json': {}, [lockfile]: '' });
    expect(detectPackageManager(dir, {}, {})).toEqual({ value: pm, source: lockfile });
  });

  test('the packageManager field beats the user agent', () => {
    const dir = tempProject({ 'package.json': {} });
    expect(detectPackageManager(dir, { packageManager: 'pnpm@9.1.0' }, { npm_config_user_agent: 'npm/11.0.0 node/v20' }).value).toBe('pnpm');
  });

  test('the user agent of `yarn create` decides when nothing else does', () => {
    const dir = tempProject({ 'package.json': {} });
    expect(detectPackageManager(dir, {}, { npm_config_user_agent: 'yarn/4.1.0 npm/? node/v22' })).toEqual({ value: 'yarn', source: 'npm_config_user_agent' });
    expect(detectPackageManager(dir, {}, {})).toEqual({ value: 'npm', source: 'default' });
  });
});

describe('language and module system', () => {
  test('a tsconfig makes it TypeScript', () => {
    expect(detectLanguage(tempProject({ 'tsconfig.json': '{}' }), {})).toBe('ts');
    expect(detectLanguage(tempProject({}), {})).toBe('js');
  });

  test('package type wins; tsconfig module decides when type is absent', () => {
    expect(detectModuleSystem(tempProject({}), { type: 'module' })).toBe('esm');
    expect(detectModuleSystem(tempProject({ 'tsconfig.json': '{"compilerOptions":{"module":"ESNext"}}' }), {})).toBe('esm');
    expect(detectModuleSystem(tempProject({ 'tsconfig.json': '{"compilerOptions":{"module":"commonjs"}}' }), {})).toBe('cjs');
    expect(detectModuleSystem(tempProject({}), {})).toBe('cjs');
  });
});

describe('Node target and dependency set', () => {
  test('the lowest declared Node decides', () => {
    const dir = tempProject({ '.nvmrc': 'v22.14.0\n' });
    expect(detectNodeTarget(dir, { engines: { node: '>=20.19' } }, '24.1.0')).toEqual({ version: '20.19.0', source: 'engines.node ">=20.19"' });
    expect(detectNodeTarget(dir, {}, '24.1.0')).toEqual({ version: '22.14.0', source: '.nvmrc' });
    expect(detectNodeTarget(tempProject({}), {}, '24.1.0').source).toBe('running Node');
    // Typed against Node 20: Vitest 5's peer range for @types/node would not install.
    expect(detectNodeTarget(tempProject({}), { devDependencies: { '@types/node': '^20.19.0' } }, '24.1.0')).toEqual({
      version: '20.19.0',
      source: '@types/node "^20.19.0"',
    });
  });

  test('Node 22.12+ gets current majors, Node 20 the last majors that support it', () => {
    expect(versionSetFor('24.1.0').name).toBe('current');
    expect(versionSetFor('22.12.0').name).toBe('current');
    expect(versionSetFor('22.11.0').name).toBe('node20');
    expect(versionSetFor('20.19.0').packages.vitest).toMatch(/^4\./);
  });

  test('a tree holding a peer Vitest refuses gets the Vitest that does not ask for it, read from node_modules or any lockfile', () => {
    const npm = tempProject({
      'package.json': {},
      'package-lock.json': JSON.stringify({ packages: { '': {}, 'node_modules/@opentelemetry/api': { version: '1.3.0' } } }),
    });
    const pnpm = tempProject({
      'package.json': {},
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n\n  '@opentelemetry/api@1.3.0':\n    resolution: {}\n  vite@5.4.2:\n    resolution: {}\n",
    });
    const yarn = tempProject({ 'package.json': {}, 'yarn.lock': '"vite@^5.0.0":\n  version "5.4.2"\n' });
    const installed = tempProject({ 'package.json': {}, 'node_modules/vite/package.json': { version: '7.1.0' } });
    expect(installedVersions(npm, VITEST_PEER_NAMES)).toEqual({ '@opentelemetry/api': '1.3.0' });
    expect(installedVersions(pnpm, VITEST_PEER_NAMES)).toEqual({ '@opentelemetry/api': '1.3.0', vite: '5.4.2' });
    expect(installedVersions(yarn, VITEST_PEER_NAMES)).toEqual({ vite: '5.4.2' });
    const node20 = versionSetFor('20.19.0');
    expect(fitToTree(node20, installedVersions(npm, VITEST_PEER_NAMES)).packages.vitest).toBe(VITEST_FALLBACK);
    expect(fitToTree(node20, installedVersions(npm, VITEST_PEER_NAMES)).adjusted).toMatch(
      /@opentelemetry\/api 1\.3\.0, outside the range Vitest 4\.\S+ accepts/,
    );
    expect(fitToTree(versionSetFor('24.1.0'), installedVersions(yarn, VITEST_PEER_NAMES)).packages.vitest).toBe(VITEST_FALLBACK);
    expect(fitToTree(node20, installedVersions(installed, VITEST_PEER_NAMES))).toBe(node20);
  });
});

describe('unmet peers', () => {
  test('a dependency whose required peer is installed outside its range is named; optional peers are not', () => {
    const dir = tempProject({
      'package.json': { dependencies: { '@nestjs/typeorm': '^9.0.1', typeorm: '^0.2', vitest: '^4' } },
      'node_modules/@nestjs/typeorm/package.json': { version: '9.0.1', peerDependencies: { typeorm: '^0.3.0' } },
      'node_modules/typeorm/package.json': { version: '0.2.41' },
      'node_modules/vitest/package.json': { version: '4.1.12', peerDependencies: { typeorm: '^0.3.0' }, peerDependenciesMeta: { typeorm: { optional: true } } },
    });
    expect(unmetPeers(dir, readPackageJson(dir).json)).toEqual(['@nestjs/typeorm 9.0.1 needs typeorm ^0.3.0, the project has 0.2.41']);
  });
});

describe('framework, data layer, runner', () => {
  test('reads them from dependencies with versions', () => {
    const pkg = { dependencies: { express: '^5.1.0', 'better-sqlite3': '^12.0.0', knex: '3.1.0' }, devDependencies: { vitest: '^3.2.0' } };
    expect(detectFramework(pkg)).toEqual({ value: 'express', version: '5.1.0' });
    expect(detectDataLayers(pkg).map((l) => l.value)).toEqual(['knex', 'better-sqlite3']);
    expect(detectTestRunner(pkg)).toEqual({ value: 'vitest', version: '3.2.0' });
    expect(detectTestRunner({ scripts: { test: 'node --test test/' } })).toEqual({ value: 'node' });
  });

  test('NestJS is recognised before the express it depends on', () => {
    expect(detectFramework({ dependencies: { '@nestjs/core': '10.0.0', express: '4.0.0' } })?.value).toBe('nest');
  });
});

describe('the module that creates the app', () => {
  test('an exported factory, and how it takes the database', () => {
    const dir = tempProject({
      'src/app.ts': "import express from 'express';\nexport function createApp(db: Database) {\n  const app = express();\n  return app;\n}\n",
    });
    expect(findAppModule(dir, 'express').app).toEqual({ file: 'src/app.ts', exportName: 'createApp', kind: 'factory', async: false, dbParam: 'positional' });
  });

  test('a destructured dependency object', () => {
    const dir = tempProject({
      'src/app.js': "const express = require('express');\nasync function buildApp({ db, logger }) {\n  return express();\n}\nmodule.exports = { buildApp };\n",
    });
    expect(findAppModule(dir, 'express').app).toMatchObject({ exportName: 'buildApp', kind: 'factory', async: true, dbParam: { key: 'db' } });
  });

  test('an exported instance in CommonJS', () => {
    const dir = tempProject({ 'app.js': "const express = require('express');\nconst app = express();\nmodule.exports = app;\n" });
    expect(findAppModule(dir, 'express').app).toEqual({ file: 'app.js', exportName: 'default', kind: 'instance', async: false });
  });

  test('created and listened in one file: booted from its entry point, the file that creates it scanned for routes', () => {
    const dir = tempProject({
      'package.json': { scripts: { start: 'node --env-file=.env dist/server.js' } },
      'tsconfig.json': '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }',
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/', (_req, res) => res.send('hi'));\napp.listen(3000);\n",
    });
    const entry = findEntryPoint(dir, readPackageJson(dir).json);
    expect(entry).toEqual({ file: 'src/server.ts', source: 'package.json scripts.start' });
    expect(findAppModule(dir, 'express', undefined, undefined, undefined, entry).app).toEqual({
      file: 'src/server.ts',
      exportName: 'default',
      kind: 'entry',
      async: true,
      entry,
    });
  });

  test('with no entry point to boot, created and listened in one file stays a problem', () => {
    const dir = tempProject({ 'lib/serve.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n" });
    const { app, problem } = findAppModule(dir, 'express');
    expect(app).toBeUndefined();
    expect(problem?.reason).toMatch(/calls listen\(\) in the same file/);
  });

  test('an app created inside a connect callback (nothing exported) is booted from main', () => {
    const dir = tempProject({
      'package.json': { main: 'index.js' },
      'index.js': "const Koa = require('koa');\nconnect().then(() => {\n  const app = new Koa();\n  app.listen(3000);\n});\n",
    });
    const entry = findEntryPoint(dir, readPackageJson(dir).json);
    expect(entry).toEqual({ file: 'index.js', source: 'package.json main' });
    expect(findAppModule(dir, 'koa', undefined, undefined, undefined, entry).app).toMatchObject({ file: 'index.js', kind: 'entry' });
  });

  test.each([
    ['tsx watch', { scripts: { dev: 'tsx watch --env-file=.env src/index.ts' } }, { 'src/index.ts': '' }, 'src/index.ts', 'package.json scripts.dev'],
    [
      'ts-node with a require flag',
      { scripts: { start: 'ts-node -r dotenv/config ./src/main.ts' } },
      { 'src/main.ts': '' },
      'src/main.ts',
      'package.json scripts.start',
    ],
    [
      'nodemon and its nodemon.json',
      { scripts: { dev: 'nodemon' } },
      { 'nodemon.json': '{ "exec": "ts-node ./src/server.ts" }', 'src/server.ts': '' },
      'src/server.ts',
      'package.json scripts.dev',
    ],
    [
      'nest start and nest-cli.json',
      { scripts: { start: 'nest start' } },
      { 'nest-cli.json': '{ "sourceRoot": "apps/api", "entryFile": "boot" }', 'apps/api/boot.ts': '' },
      'apps/api/boot.ts',
      'package.json scripts.start',
    ],
    [
      'an env assignment and a bare name',
      { scripts: { start: 'NODE_ENV=production node ./server' } },
      { 'server.js': '' },
      'server.js',
      'package.json scripts.start',
    ],
    ['the usual name', { scripts: { start: 'react-scripts start' } }, { 'src/index.ts': '' }, 'src/index.ts', 'the usual name'],
  ])('entry point: %s', (_label, pkg, files, file, source) => {
    const dir = tempProject({ 'package.json': pkg, ...files });
    expect(findEntryPoint(dir, readPackageJson(dir).json)).toEqual({ file, source });
  });

  test('--entry must name a file that exists', () => {
    const dir = tempProject({ 'package.json': {}, 'boot.js': '' });
    expect(findAppModule(dir, 'express', undefined, undefined, undefined, findEntryPoint(dir, {}, 'boot.js')).app).toMatchObject({
      kind: 'entry',
      entry: { file: 'boot.js', source: '--entry' },
    });
    expect(() => findAppModule(dir, 'express', undefined, undefined, undefined, findEntryPoint(dir, {}, 'nope.js'))).toThrow(/--entry nope\.js: no such file/);
  });

  test('an exported app that listens only when run directly is importable', () => {
    const dir = tempProject({
      'index.js': "const express = require('express');\nconst app = express();\nif (require.main === module) app.listen(3000);\nmodule.exports = app;\n",
    });
    expect(findAppModule(dir, 'express').app?.kind).toBe('instance');
  });

  test('a factory without routes is passed over for the module that builds the app with it and exports it', () => {
    const dir = tempProject({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/lib/app.ts': 'export const notTheFactory = 1;\n',
      'src/lib/create-app.ts': "import { OpenAPIHono } from '@hono/zod-openapi';\nexport default function createApp() {\n  return new OpenAPIHono();\n}\n",
      'src/app.ts': "import createApp from '@/lib/create-app';\nconst app = createApp();\napp.route('/', tasks);\nexport default app;\n",
      'src/index.ts': "import { serve } from '@hono/node-server';\nimport app from './app';\nserve({ fetch: app.fetch });\n",
    });
    expect(findAppModule(dir, 'hono').app).toEqual({ file: 'src/app.ts', exportName: 'default', kind: 'instance', async: false });
  });

  test('Fastify: a root plugin (fastify-cli style) when no file exports an app', () => {
    const dir = tempProject({
      'src/app.ts': 'export default async function serviceApp(fastify: FastifyInstance, opts: FastifyPluginOptions) {\n  fastify.register(autoload, {});\n}\n',
      'src/server.ts':
        "import Fastify from 'fastify';\nimport serviceApp from './app.js';\nconst app = Fastify();\napp.register(fp(serviceApp));\nawait app.listen({ port: 3000 });\n",
    });
    expect(findAppModule(dir, 'fastify').app).toEqual({ file: 'src/app.ts', exportName: 'default', kind: 'plugin', async: true });
  });

  test('Nest: the root module main.ts bootstraps, with main.ts kept for its global prefix', () => {
    const dir = tempProject({
      'src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { ApplicationModule } from './app.module';\nconst app = await NestFactory.create(ApplicationModule);\n",
      'src/app.module.ts': '@Module({})\nexport class ApplicationModule {}\n',
    });
    expect(findAppModule(dir, 'nest').app).toEqual({
      file: 'src/app.module.ts',
      exportName: 'ApplicationModule',
      kind: 'module',
      async: true,
      bootstrapFile: 'src/main.ts',
    });
  });

  test('a Nest recipe beside an Express service: the service, started by the module that loads it, in the language it is written in', () => {
    const dir = tempProject({
      'package.json': { dependencies: { '@nestjs/core': '^9.2.1', express: '^4.18.2' }, devDependencies: { typescript: '^4.9.4' } },
      'recipes/nestjs/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app/app.module';\nNestFactory.create(AppModule);\n",
      'recipes/nestjs/app/app.module.ts': '@Module({})\nexport class AppModule {}\n',
      'example-application/entry-points/api.js':
        "const express = require('express');\nconst initializeWebServer = () => new Promise((resolve) => {\n  const app = express();\n  const server = app.listen(0, () => resolve(server.address()));\n});\nmodule.exports = { initializeWebServer };\n",
      'example-application/start.js': "const { initializeWebServer } = require('./entry-points/api');\ninitializeWebServer();\n",
      'example-application/data-access/repository.js': 'module.exports = {};\n',
    });
    const detection = detectProject(dir);
    expect(detection.framework?.value).toBe('express');
    expect(detection.frameworkPassedOver).toEqual({ value: 'nest', file: 'recipes/nestjs/main.ts' });
    expect(detection.app).toMatchObject({
      file: 'example-application/entry-points/api.js',
      kind: 'entry',
      entry: { file: 'example-application/start.js', source: 'the module that loads example-application/entry-points/api.js' },
    });
    expect(detection.language).toBe('js');
  });

  test('a Nest service that also declares express keeps Nest', () => {
    const dir = tempProject({
      'package.json': { dependencies: { '@nestjs/core': '^10.0.0', express: '^4.18.2' } },
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule);\n",
      'src/app.module.ts': '@Module({})\nexport class AppModule {}\n',
    });
    expect(detectProject(dir)).toMatchObject({ framework: { value: 'nest' } });
    expect(detectProject(dir).frameworkPassedOver).toBeUndefined();
  });

  test('--app overrides the search and must name a file that exists', () => {
    const dir = tempProject({ 'lib/make.ts': 'export function makeServer() {}\n' });
    expect(findAppModule(dir, 'express', 'lib/make.ts#makeServer').app).toMatchObject({ file: 'lib/make.ts', exportName: 'makeServer', kind: 'factory' });
    expect(() => findAppModule(dir, 'express', 'lib/nope.ts#x')).toThrow(/no file lib\/nope\.ts/);
  });
});

describe('workspaces', () => {
  test('npm workspaces and pnpm-workspace.yaml: the packages that are services', () => {
    const files = {
      'apps/api/package.json': { dependencies: { fastify: '^5.0.0' } },
      'apps/web/package.json': { dependencies: { react: '^19.0.0' } },
      'packages/db/package.json': {},
    };
    const npm = tempProject({ 'package.json': { workspaces: ['apps/*', 'packages/*'] }, ...files });
    expect(readWorkspace(npm, readPackageJson(npm).json)).toEqual({
      source: 'package.json workspaces',
      packages: ['apps/api', 'apps/web', 'packages/db'],
      services: ['apps/api'],
    });
    const pnpm = tempProject({ 'package.json': {}, 'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n", ...files });
    expect(readWorkspace(pnpm, readPackageJson(pnpm).json)?.services).toEqual(['apps/api']);
  });

  test('a root that is a service itself is not treated as a workspace', () => {
    const dir = tempProject({ 'package.json': { workspaces: ['packages/*'], dependencies: { express: '^5.0.0' } } });
    expect(readWorkspace(dir, readPackageJson(dir).json)).toBeUndefined();
  });

  test("a workspace package's package manager is the root lockfile's", () => {
    const dir = tempProject({ 'package.json': { workspaces: ['apps/*'] }, 'pnpm-lock.yaml': '', 'apps/api/package.json': {} });
    expect(detectPackageManager(`${dir}/apps/api`, {}, {})).toEqual({ value: 'pnpm', source: '../../pnpm-lock.yaml' });
  });
});

describe('migrations', () => {
  test('a folder of SQL files, in numeric order, without down migrations', () => {
    const dir = tempProject({ 'db/migrations/10_c.sql': '', 'db/migrations/2_b.sql': '', 'db/migrations/1_a.sql': '', 'db/migrations/1_a.down.sql': '' });
    expect(findSqlMigrations(dir)).toEqual({
      path: 'db/migrations',
      kind: 'folder',
      files: ['db/migrations/1_a.sql', 'db/migrations/2_b.sql', 'db/migrations/10_c.sql'],
    });
  });

  test('a single schema file', () => {
    expect(findSqlMigrations(tempProject({ 'schema.sql': '' }))?.kind).toBe('file');
    expect(findSqlMigrations(tempProject({}))).toBeUndefined();
  });
});

test('detectProject rejects a folder that is not a Node project, naming the fix', () => {
  expect(() => detectProject(tempProject({}))).toThrow(/No package.json .*--cwd/);
  expect(() => detectProject(tempProject({ 'package.json': '{ nope' }))).toThrow(/is not valid JSON/);
  expect(() => detectProject(tempProject({ 'package.json': '[]' }))).toThrow(/must hold a JSON object/);
});

describe('TypeORM', () => {
  const project = (dataSource: string) =>
    tempProject({
      'package.json': JSON.stringify({ type: 'module', dependencies: { typeorm: '^1.1.1', pg: '^8.16.0' } }),
      'src/data-source.ts': dataSource,
      'src/entities/Book.ts': [
        "@Entity({ name: 'books' })",
        'export class Book {',
        '  @PrimaryGeneratedColumn() id: number;',
        "  @Column({ name: 'author_id', type: 'integer' })",
        '  authorId: number;',
        '}',
        '@Entity()',
        'export class BookReview {',
        "  @Column({ name: 'book_id' }) bookId: number;",
        '}',
      ].join('\n'),
      'src/migrations/1-Init.ts':
        'await queryRunner.query(`CREATE TABLE "books" ("id" SERIAL NOT NULL, "isbn" character varying NOT NULL, CONSTRAINT "UQ_isbn" UNIQUE ("isbn"))`);',
    });

  test('the DataSource module, its migrations read from the sources when the glob names compiled output, and renamed columns', () => {
    const dir = project("export const AppDataSource = new DataSource({ type: 'postgres', entities: [Book], migrations: ['dist/migrations/*.js'] });");
    const detection = detectProject(dir);
    expect(detection.typeorm).toMatchObject({
      file: 'src/data-source.ts',
      exportName: 'AppDataSource',
      entityGlobs: false,
      entityFiles: ['src/entities/Book.ts'],
    });
    expect(detection.migrations).toEqual({ path: 'src/migrations', kind: 'folder', files: ['src/migrations/1-Init.ts'] });
    expect(apiNamesOf(readDeclaredModels(detection), undefined).apiFields).toEqual({ books: { author_id: 'authorId' }, book_review: { book_id: 'bookId' } });
  });

  test('entity globs are noticed, and the SQL of queryRunner.query calls is what the schema is read from', () => {
    expect(detectProject(project("export default new DataSource({ entities: ['src/entities/*.ts'] });")).typeorm).toMatchObject({
      exportName: 'default',
      entityGlobs: true,
    });
    const migration = ['await queryRunner.query(`CREATE TABLE "a" ("v" text DEFAULT \'x\')`);', 'await queryRunner.query("DROP TABLE \\"b\\"");'].join('\n');
    expect(typeormMigrationSql(migration)).toBe(`CREATE TABLE "a" ("v" text DEFAULT 'x');\nDROP TABLE "b"`);
  });
});

describe('TypeORM the service connects itself', () => {
  test('createConnection(options) in the entry: the file, its literal type, synchronize, and entity files found by decorator', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ dependencies: { typeorm: '^0.2.32', pg: '^8.5.1' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { outDir: './dist', rootDir: './src' } }),
      'src/server.ts':
        "import { createConnection } from 'typeorm';\ncreateConnection({ type: 'postgres', url: process.env.DATABASE_URL, synchronize: true, entities: ['dist/entity/**/*.js'] }).then(() => {});\n",
      'src/entity/user.ts': '@Entity()\nexport class User {}\n',
      'src/subscriber/audit.ts': '@EventSubscriber()\nexport class Audit {}\n',
    });
    expect(detectProject(dir).typeorm).toEqual({
      file: 'src/server.ts',
      entityGlobs: true,
      entityFiles: ['src/entity/user.ts'],
      subscriberFiles: ['src/subscriber/audit.ts'],
      synchronize: true,
      type: 'postgres',
    });
    // The folders an entry named in package.json is mapped back from (dist, build, lib, out) are the ones compiled files are looked for in.
    expect(compiledPaths(dir, 'src/entity/user.ts')).toEqual([
      'src/entity/user.js',
      ...['dist', 'build', 'lib', 'out'].flatMap((out) => [`${out}/entity/user.js`, `${out}/src/entity/user.js`]),
    ]);
  });

  test('TypeOrmModule.forRoot() with no options: type and synchronize from TYPEORM_* in the example env file', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ dependencies: { '@nestjs/typeorm': '^9.0.1', typeorm: '^0.2', pg: '^8.10.0' } }),
      '.env.template': 'TYPEORM_CONNECTION = postgres\nTYPEORM_SYNCHRONIZE = true\nTYPEORM_ENTITIES = dist/**/*.entity.js\n',
      'src/app.module.ts': "import { TypeOrmModule } from '@nestjs/typeorm'\n@Module({ imports: [TypeOrmModule.forRoot()] })\nexport class AppModule {}\n",
    });
    expect(detectProject(dir).typeorm).toMatchObject({ file: 'src/app.module.ts', type: 'postgres', synchronize: true });
  });

  test('options in ormconfig.json; a service that neither exports nor synchronizes is read as not synchronizing', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ dependencies: { typeorm: '^0.3.14', mysql: '^2.18.1' } }),
      'ormconfig.json': JSON.stringify({ type: 'mysql', synchronize: true, entities: ['src/entity/*.js'] }),
      'src/index.ts': "import { createConnection } from 'typeorm';\ncreateConnection().then(() => {});\n",
    });
    expect(detectProject(dir).typeorm).toMatchObject({ file: 'src/index.ts', type: 'mysql', synchronize: true });
    const plain = tempProject({
      'package.json': JSON.stringify({ dependencies: { typeorm: '^0.3.14' } }),
      'src/index.ts': "import { DataSource } from 'typeorm';\nconst source = new DataSource({ type: 'postgres', synchronize: false });\n",
    });
    expect(detectProject(plain).typeorm).toMatchObject({ file: 'src/index.ts', synchronize: false });
  });
});

describe('Sequelize', () => {
  const project = tempProject({
    'package.json': JSON.stringify({ dependencies: { sequelize: '^6.37.8', mysql2: '^3.14.0' } }),
    '.sequelizerc': "module.exports = { 'migrations-path': path.resolve('db', 'migrate') };",
    'models/index.js': [
      'const sequelize = new Sequelize(process.env.DATABASE_URL, {});',
      "const Order = sequelize.define('Order', { customerId: { type: DataTypes.INTEGER, field: 'customer_id' } }, { tableName: 'orders', underscored: true });",
      'const db = { Order };',
      'db.sequelize = sequelize;',
      'module.exports = db;',
    ].join('\n'),
    'db/migrate/1-orders.js': [
      'module.exports = { async up(queryInterface, Sequelize) {',
      "  await queryInterface.createTable('customers', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, email: { type: Sequelize.STRING, allowNull: false, unique: true } });",
      "  await queryInterface.createTable('orders', {",
      '    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },',
      "    customer_id: { type: Sequelize.INTEGER, allowNull: false, references: { model: 'customers', key: 'id' } },",
      '    placed_at: { type: Sequelize.DATE, allowNull: false },',
      '  });',
      "  await queryInterface.addIndex('orders', ['placed_at']);",
      '} };',
    ].join('\n'),
  });

  test('the instance behind sequelize-cli models/index.js, and the migrations .sequelizerc names', () => {
    const detection = detectProject(project);
    expect(detection.sequelize).toEqual({
      file: 'models/index.js',
      exportName: 'default',
      property: 'sequelize',
      modelFiles: ['models/index.js'],
      syncs: false,
    });
    expect(detection.migrations?.files).toEqual(['db/migrate/1-orders.js']);
  });

  test('createTable and addIndex give the schema; field and underscored give the API names', () => {
    const schema = parseSequelizeSchema(project, detectProject(project).migrations!);
    const orders = schema.tables.find((t) => t.name === 'orders')!;
    expect(orders.columns.map((c) => [c.name, c.type, c.notNull])).toEqual([
      ['id', 'INTEGER', true],
      ['customer_id', 'INTEGER', true],
      ['placed_at', 'TIMESTAMP', true],
    ]);
    expect(orders.foreignKeys).toEqual([{ column: 'customer_id', table: 'customers', references: 'id' }]);
    expect(orders.indexes).toEqual([{ name: 'orders_placed_at', unique: false, origin: 'c', columns: ['placed_at'] }]);
    expect(schema.tables.find((t) => t.name === 'customers')!.indexes).toEqual([{ name: 'email', unique: true, origin: 'u', columns: ['email'] }]);
    expect(apiNamesOf(readDeclaredModels(detectProject(project)), schema).apiFields).toEqual({
      orders: { customer_id: 'customerId', placed_at: 'placedAt', created_at: 'createdAt', updated_at: 'updatedAt' },
    });
  });
});

describe('Prisma', () => {
  test('schema from prisma.config.ts, the generated client module, Migrate folders and @map renames', () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ type: 'module', dependencies: { '@prisma/client': '7.10.0', '@prisma/adapter-pg': '7.10.1' } }),
      'prisma.config.ts': "export default defineConfig({ schema: 'db/schema.prisma' });",
      'db/schema.prisma': [
        'generator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}',
        'datasource db {\n  provider = "postgresql"\n}',
        'model Lesson {\n  id       Int @id\n  courseId Int @map("course_id")\n  @@map("lessons")\n}',
      ].join('\n'),
      'db/migrations/20250102_b/migration.sql': '',
      'db/migrations/20250101_a/migration.sql': '',
      'db/migrations/migration_lock.toml': '',
    });
    const detection = detectProject(dir);
    // The client is generated code: not there yet, which the plan refuses with the command that makes it.
    expect(detection.prisma).toEqual({
      schema: 'db/schema.prisma',
      clientModule: 'src/generated/prisma/client.ts',
      clientIsFile: true,
      clientMissing: true,
      provider: 'postgresql',
      adapterDrivers: {},
    });
    expect(detection.migrations).toEqual({
      path: 'db/migrations',
      kind: 'folder',
      files: ['db/migrations/20250101_a/migration.sql', 'db/migrations/20250102_b/migration.sql'],
      perFolder: 'migration.sql',
    });
    expect(apiNamesOf(readDeclaredModels(detection), undefined).apiFields).toEqual({ lessons: { course_id: 'courseId' } });
  });
});

test("the harness moves to <tests>/itest when <tests>/integration holds the team's own tests", () => {
  expect(harnessDir(tempProject({ 'tests/integration/user.test.js': '' }), 'tests')).toBe('tests/itest');
  expect(harnessDir(tempProject({ 'tests/integration/helpers/db.js': '' }), 'tests')).toBe('tests/integration');
  expect(harnessDir(tempProject({ 'tests/integration/user.test.js': '', 'tests/integration/.itest-kit.json': '{}' }), 'tests')).toBe('tests/integration');
  expect(harnessDir(tempProject({}), 'test')).toBe('test/integration');
});

test('the headers the app middleware promises: helmet, CORS and its origin, X-Powered-By off', () => {
  expect(readHeaderPolicy('app.use(helmet());\napp.use(cors());')).toEqual({
    securityHeaders: true,
    csp: true,
    cors: true,
    corsOrigin: '*',
    hidesPoweredBy: true,
  });
  expect(readHeaderPolicy("app.use(cors({ origin: 'https://app.example.test', credentials: true }));\napp.disable('x-powered-by');")).toEqual({
    securityHeaders: false,
    csp: false,
    cors: true,
    corsOrigin: 'https://app.example.test',
    hidesPoweredBy: true,
  });
  // Koa's cors echoes the request's Origin; Hono's secureHeaders sets no CSP; only Express announces itself.
  expect(readHeaderPolicy("const cors = require('@koa/cors');\napp.use(helmet());\napp.use(cors());", 'koa')).toEqual({
    securityHeaders: true,
    csp: true,
    cors: true,
    corsOrigin: 'reflect',
    hidesPoweredBy: false,
  });
  expect(readHeaderPolicy("app.use('*', secureHeaders());\napp.use('*', cors({ origin: 'https://a.test' }));", 'hono')).toMatchObject({
    securityHeaders: true,
    csp: false,
    corsOrigin: 'https://a.test',
  });
  expect(readHeaderPolicy("app.register(helmet);\napp.register(cors, { origin: 'https://a.test' });", 'fastify')).toMatchObject({
    securityHeaders: true,
    corsOrigin: 'https://a.test',
  });
  expect(readHeaderPolicy('app.use(cors({ origin: process.env.ORIGIN }));')).toEqual({ securityHeaders: false, csp: false, cors: true, hidesPoweredBy: false });
});

test('tsconfig baseUrl: each folder and module in it can be imported bare, unless a package has the name', () => {
  const dir = tempProject({
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": "./src", }, }\n',
    'src/app.module.ts': '',
    'src/auth/auth.module.ts': '',
    'src/config.ts': '',
    'node_modules/config/package.json': '{}',
  });
  expect(readPathAliases(dir)).toEqual([
    { prefix: 'app.module', targets: ['src/app.module'] },
    { prefix: 'auth/', targets: ['src/auth/'] },
  ]);
});

describe('Prettier', () => {
  test("the project's configuration is found in its files or package.json", () => {
    expect(detectPrettier(tempProject({ 'package.json': {} }), {})).toBeUndefined();
    expect(detectPrettier(tempProject({ 'package.json': {}, '.prettierrc': '{ "semi": false }' }), {})).toEqual({ config: '.prettierrc' });
    expect(detectPrettier(tempProject({ 'package.json': { prettier: { semi: false } } }), { prettier: { semi: false } } as never)).toEqual({
      config: 'package.json',
    });
    expect(detectPrettier(tempProject({ 'package.json': {}, 'prettier.config.mjs': 'export default {};' }), {})).toEqual({ config: 'prettier.config.mjs' });
  });
});
