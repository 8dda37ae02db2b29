import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { mergePackageJson } from '../../src/kit/package-json.ts';
import { applyTree } from '../../src/plan/apply.ts';
import { classify } from '../../src/plan/changes.ts';
import { editJson } from '../../src/plan/json-edit.ts';
import { Tree } from '../../src/plan/tree.ts';
import type { KitAction } from '../../src/kit/generator.ts';
import { tempProject } from '../support/temp-project.ts';

const MANIFEST = 'test/integration/.itest-kit.json';

describe('editJson keeps the look of package.json', () => {
  test.each([
    ['two spaces', '{\n  "name": "a"\n}\n'],
    ['tabs, no final newline', '{\n\t"name": "a"\n}'],
    ['CRLF', '{\r\n    "name": "a"\r\n}\r\n'],
  ])('%s', (_label, text) => {
    const next = editJson<Record<string, unknown>>(text, (pkg) => {
      pkg.scripts = { t: 'vitest' };
    });
    expect(next.startsWith(text.slice(0, text.indexOf('"name"')))).toBe(true);
    expect(next.endsWith('\n')).toBe(text.endsWith('\n'));
    expect(next.includes('\r\n')).toBe(text.includes('\r\n'));
    expect(JSON.parse(next)).toEqual({ name: 'a', scripts: { t: 'vitest' } });
  });

  test('a no-op edit returns the bytes unchanged, even odd spacing', () => {
    const text = '{ "name":"a",  "x": [1,2] }';
    expect(editJson(text, () => {})).toBe(text);
  });
});

describe('mergePackageJson', () => {
  test('adds what is missing and keeps what the user set, with a note', () => {
    const dir = tempProject({ 'package.json': { scripts: { 'test:integration': 'jest' }, devDependencies: { vitest: '^3.2.4' } } });
    const tree = new Tree(dir);
    const changed = mergePackageJson(
      tree,
      {
        type: 'itest:package-json',
        scripts: { 'test:integration': 'vitest run', 'typecheck:integration': 'tsc' },
        devDependencies: { vitest: '4.1.12', supertest: '7.3.2' },
        buildScripts: ['supertest', 'vitest'],
      },
      'harness',
      'npm',
    );
    expect(changed).toEqual(['script typecheck:integration', 'supertest@7.3.2', 'npm may build supertest']);
    const pkg = JSON.parse(tree.read('package.json')!);
    expect(pkg.scripts['test:integration']).toBe('jest');
    expect(pkg.devDependencies).toEqual({ vitest: '^3.2.4', supertest: '7.3.2' });
    // vitest was the user's already: its build permission is theirs to give.
    expect(pkg.allowScripts).toEqual({ supertest: true });
    expect(tree.notes).toEqual([
      'Kept your "test:integration" script; the kit\'s would be: vitest run',
      'Kept your vitest@^3.2.4; the harness is tested with vitest@4.1.12.',
    ]);
  });

  test('a Vitest 3 older than 3.2 is raised within its major, with a note', () => {
    const tree = new Tree(tempProject({ 'package.json': { devDependencies: { vitest: '3.1.1', '@vitest/coverage-v8': '3.1.1' } } }));
    expect(mergePackageJson(tree, { type: 'itest:package-json', devDependencies: { vitest: '4.1.12' } }, 'harness', 'pnpm')).toEqual([
      'vitest@^3.2.4',
      '@vitest/coverage-v8@^3.2.4',
    ]);
    expect(JSON.parse(tree.read('package.json')!).devDependencies).toEqual({ vitest: '^3.2.4', '@vitest/coverage-v8': '^3.2.4' });
    expect(tree.notes).toEqual([expect.stringMatching(/Raised vitest from 3\.1\.1 to \^3\.2\.4 \(same major\)/)]);
  });

  test('a Vitest that needs a major upgrade stops the plan with the command to run', () => {
    const tree = new Tree(tempProject({ 'package.json': { devDependencies: { vitest: '^2.1.0' } } }));
    expect(() => mergePackageJson(tree, { type: 'itest:package-json', devDependencies: { vitest: '4.1.12' } }, 'harness', 'pnpm')).toThrow(
      /vitest@\^2\.1\.0, older than the harness can run on .*a major upgrade: run pnpm add -D vitest@4\.1\.12/,
    );
  });

  test('an @types/node older than Vitest accepts is raised, with a note', () => {
    const tree = new Tree(tempProject({ 'package.json': { devDependencies: { '@types/node': '^14.14.37' } } }));
    expect(mergePackageJson(tree, { type: 'itest:package-json', devDependencies: { vitest: '4.1.12' } }, 'harness', 'npm')).toEqual([
      '@types/node@^20.0.0',
      'vitest@4.1.12',
    ]);
    expect(tree.notes).toEqual([expect.stringMatching(/Raised @types\/node from \^14\.14\.37 to \^20\.0\.0/)]);
  });
});

test.each([
  ['pnpm', { pnpm: { onlyBuiltDependencies: ['better-sqlite3'] } }],
  ['bun', { trustedDependencies: ['better-sqlite3'] }],
  ['yarn', {}],
] as const)('%s is allowed to build the native dependency the kit adds', (pm, expected) => {
  const tree = new Tree(tempProject({ 'package.json': {} }));
  mergePackageJson(tree, { type: 'itest:package-json', devDependencies: { 'better-sqlite3': '12.11.1' }, buildScripts: ['better-sqlite3'] }, 'db', pm);
  expect(JSON.parse(tree.read('package.json')!)).toEqual({ devDependencies: { 'better-sqlite3': '12.11.1' }, ...expected });
});

describe('classify and apply', () => {
  function planned(dir: string, files: Record<string, string>): Tree {
    const tree = new Tree(dir);
    for (const [file, content] of Object.entries(files)) tree.write(file, content, 'test');
    return tree;
  }
  const listAll = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();

  test('new files are created, identical ones skipped, and a second apply writes nothing', async () => {
    const dir = tempProject({ 'same.txt': 'same\n' });
    const first = await applyTree(planned(dir, { 'same.txt': 'same\n', 'a/new.ts': 'x\n' }), { manifestPath: MANIFEST, policy: 'skip' });
    expect(first.changes.map((c) => [c.path, c.status])).toEqual([
      ['a/new.ts', 'create'],
      ['same.txt', 'unchanged'],
    ]);
    const snapshot = listAll(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8').length]);
    const second = await applyTree(planned(dir, { 'same.txt': 'same\n', 'a/new.ts': 'x\n' }), { manifestPath: MANIFEST, policy: 'skip' });
    expect(second.written).toEqual([]);
    expect(listAll(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8').length])).toEqual(snapshot);
  });

  test('a file the kit wrote and nobody touched is updated to the new template', async () => {
    const dir = tempProject({});
    await applyTree(planned(dir, { 'f.ts': 'v1\n' }), { manifestPath: MANIFEST, policy: 'skip' });
    const result = await applyTree(planned(dir, { 'f.ts': 'v2\n' }), { manifestPath: MANIFEST, policy: 'skip' });
    expect(result.changes[0]?.status).toBe('update');
    expect(readFileSync(path.join(dir, 'f.ts'), 'utf8')).toBe('v2\n');
  });

  test('a file the user changed is a conflict: kept by default and with skip, replaced only with consent', async () => {
    const dir = tempProject({});
    await applyTree(planned(dir, { 'f.ts': 'v1\n' }), { manifestPath: MANIFEST, policy: 'skip' });
    writeFileSync(path.join(dir, 'f.ts'), 'mine\n');

    for (const policy of ['skip', 'ask'] as const) {
      const kept = await applyTree(planned(dir, { 'f.ts': 'v2\n' }), { manifestPath: MANIFEST, policy, resolve: async () => 'skip' });
      expect(kept.kept.map((c) => c.path)).toEqual(['f.ts']);
      expect(readFileSync(path.join(dir, 'f.ts'), 'utf8')).toBe('mine\n');
    }
    // Still the user's on the next run: keeping it did not adopt it into the manifest.
    expect(classify(planned(dir, { 'f.ts': 'v2\n' }), MANIFEST)[0]?.status).toBe('conflict');

    const resolve = vi.fn(async () => 'overwrite' as const);
    await applyTree(planned(dir, { 'f.ts': 'v2\n' }), { manifestPath: MANIFEST, policy: 'ask', resolve });
    expect(resolve).toHaveBeenCalledOnce();
    expect(readFileSync(path.join(dir, 'f.ts'), 'utf8')).toBe('v2\n');
  });

  test('a file that existed before the kit (not in the manifest) is never overwritten without --force', async () => {
    const dir = tempProject({ 'vitest.config.ts': 'theirs\n' });
    await applyTree(planned(dir, { 'vitest.config.ts': 'ours\n' }), { manifestPath: MANIFEST, policy: 'skip' });
    expect(readFileSync(path.join(dir, 'vitest.config.ts'), 'utf8')).toBe('theirs\n');
    await applyTree(planned(dir, { 'vitest.config.ts': 'ours\n' }), { manifestPath: MANIFEST, policy: 'force' });
    expect(readFileSync(path.join(dir, 'vitest.config.ts'), 'utf8')).toBe('ours\n');
  });

  test('conflicts are all decided before the first write', async () => {
    const dir = tempProject({ 'b.ts': 'theirs\n' });
    const resolve = vi.fn(async () => {
      expect(listAll(dir)).toEqual(['b.ts']);
      throw Object.assign(new Error('cancelled'), { name: 'ExitPromptError' });
    });
    await expect(applyTree(planned(dir, { 'a.ts': 'new\n', 'b.ts': 'ours\n' }), { manifestPath: MANIFEST, policy: 'ask', resolve })).rejects.toThrow(
      'cancelled',
    );
    expect(listAll(dir)).toEqual(['b.ts']);
  });
});

describe('planKit', () => {
  test('an error inside an action reaches the caller as itself, not as "undefined"', async () => {
    const { planKit } = await import('../../src/kit/plan-kit.ts');
    const { KitError } = await import('../../src/kit/errors.ts');
    const kit = { detection: { root: tempProject({}) }, tree: new Tree(tempProject({})), claims: [], apiFields: {} } as never;
    const { GENERATORS } = await import('../../generators/index.ts');
    // A template no contract names: what a stale build would ask for.
    const missing = { type: 'itest:render', template: 'harness/no-such-template.hbs', path: 'x.ts', data: {} } as unknown as KitAction;
    const spy = vi.spyOn(GENERATORS[0]!, 'plan').mockReturnValue([missing]);
    await expect(planKit(kit)).rejects.toThrow(/no-such-template/);
    spy.mockImplementation(() => {
      throw new KitError('one line that says what to do');
    });
    await expect(planKit(kit)).rejects.toBeInstanceOf(KitError);
    spy.mockRestore();
  });
});

describe('a service booted from its entry point', () => {
  /** Plans a fixture in process, as the CLI would with --yes, and lists the files it would write. */
  async function plan(fixture: string, env: Record<string, string> = {}, cache: Record<string, string> = {}) {
    const { detectProject } = await import('../../src/detect/index.ts');
    const { resolveAnswers } = await import('../../src/kit/answers.ts');
    const { createContext } = await import('../../src/kit/context.ts');
    const { planKit } = await import('../../src/kit/plan-kit.ts');
    const dir = tempProject({});
    const { cpSync } = await import('node:fs');
    cpSync(path.join(import.meta.dirname, '../fixtures', fixture), dir, { recursive: true });
    for (const [file, content] of Object.entries(cache)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    const detection = detectProject(dir);
    const kit = createContext(detection, await resolveAnswers({ yes: true, ...env }, detection, undefined));
    await planKit(kit);
    return { kit, files: [...kit.tree.files.keys()] };
  }

  test("coverage comes at the project's own Vitest version where it has one, else at the harness's", async () => {
    const devDependencies = (kit: { tree: { read(file: string): string | undefined } }) => JSON.parse(kit.tree.read('package.json') ?? '{}').devDependencies;
    const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/express-listen-ts-cjs/package.json'), 'utf8'));
    const withVitest = (range: string) => JSON.stringify({ ...manifest, devDependencies: { ...manifest.devDependencies, vitest: range } });
    const installed = (version: string) => `{ "name": "vitest", "version": "${version}" }`;
    const own = await plan('express-listen-ts-cjs', {}, { 'package.json': withVitest('^3.2.0'), 'node_modules/vitest/package.json': installed('3.2.1') });
    expect(devDependencies(own.kit)).toMatchObject({ vitest: '^3.2.0', '@vitest/coverage-v8': '3.2.1' });
    // A Vitest too old for the harness is raised within its major: the provider follows it.
    const raised = await plan('express-listen-ts-cjs', {}, { 'package.json': withVitest('^3.1.0'), 'node_modules/vitest/package.json': installed('3.1.1') });
    expect(devDependencies(raised.kit)).toMatchObject({ vitest: '^3.2.4', '@vitest/coverage-v8': '^3.2.4' });
    const { kit } = await plan('express-listen-ts-cjs');
    expect(devDependencies(kit)['@vitest/coverage-v8']).toBe(kit.versions.packages.vitest);
    expect(JSON.parse(kit.tree.read('package.json')!).scripts['coverage:integration']).toMatch(
      /vitest run --config test\/integration\/vitest\.config\.mts --coverage$/,
    );
  });

  test('an app created and listened in one file: boot.ts and an app.ts that starts the entry', async () => {
    const { kit, files } = await plan('express-listen-ts-cjs');
    expect(kit.app).toMatchObject({ kind: 'entry', file: 'src/server.ts', entry: { file: 'src/server.ts', source: 'package.json scripts.start' } });
    expect(files).toEqual(
      expect.arrayContaining(['test/integration/support/boot.ts', 'test/integration/support/app.ts', 'test/integration/support/require-ts.ts']),
    );
    expect(kit.routes.routes).toHaveLength(8);
    // It runs under Node's require: the harness requires its database module by name, or Vitest would load a second one.
    const { importPath, loadsWithRequire } = await import('../../src/kit/context.ts');
    expect(loadsWithRequire(kit)).toBe(true);
    expect(importPath('test/integration/support/db.ts', 'src/db.ts', kit)).toBe('../../../src/db.ts');
  });

  test('a pg pool opened at import: its settings point at the test database and its connections are bound', async () => {
    const { kit } = await plan('hono-pgpool-ts-esm');
    expect(kit.app.kind).toBe('instance');
    expect(kit.detection.env.db).toEqual([{ name: 'DATABASE_URL', part: 'url' }]);
    // API_TOKEN is set by .env.example: nothing to make up.
    expect(kit.detection.env.unsetSecrets).toEqual([]);
    expect(kit.tree.read('test/integration/support/db.ts')).toMatch(/bindProjectConnections\(client, db\)/);
  });

  test("libpq's variables, read in a connect callback's service", async () => {
    const { kit } = await plan('koa-pgconnect-js-cjs');
    expect(kit.app).toMatchObject({ kind: 'entry', file: 'src/index.js', entry: { source: 'package.json scripts.start' } });
    expect(kit.detection.env.db.map((setting) => setting.part)).toEqual(['database', 'host', 'password', 'port', 'user']);
  });

  test('Nest with TypeOrmModule.forRoot and synchronize: the service connection is bound, its schema read once it has built it', async () => {
    const { kit, files } = await plan('nest-typeorm-env-ts-cjs');
    expect(kit.detection.typeorm).toEqual({
      file: 'src/app.module.ts',
      entityGlobs: true,
      entityFiles: ['src/notes/note.entity.ts'],
      subscriberFiles: [],
      synchronize: true,
      type: 'postgres',
    });
    expect(kit.app.kind).toBe('module');
    expect(kit.schema).toBeUndefined();
    expect(files).toEqual(
      expect.arrayContaining([
        'test/integration/support/orm.ts',
        'test/integration/support/database/built-schema.ts',
        'test/integration/support/migrations.ts',
      ]),
    );
    expect(kit.apiFields).toEqual({ notes: { author_name: 'authorName', created_at: 'createdAt' } });
    // What built-schema.ts leaves after the first run: the next plan has the table, its unique title, and factories.
    const ddl =
      'CREATE TABLE "notes" (\n  "id" integer NOT NULL DEFAULT nextval(\'notes_id_seq\'::regclass),\n  "title" character varying(120) NOT NULL,\n  "author_name" character varying(80) NOT NULL,\n  CONSTRAINT "UQ_1" UNIQUE (title),\n  CONSTRAINT "PK_1" PRIMARY KEY (id)\n);\n';
    const next = await plan('nest-typeorm-env-ts-cjs', {}, { 'node_modules/.cache/create-itest-kit/schema.sql': ddl });
    expect(
      next.kit.schema?.tables.map((table) => [
        table.name,
        table.columns.map((column) => [column.name, column.primaryKey]),
        table.indexes.filter((index) => index.unique).map((index) => index.columns),
      ]),
    ).toEqual([
      [
        'notes',
        [
          ['id', true],
          ['title', false],
          ['author_name', false],
        ],
        [['title']],
      ],
    ]);
    expect(next.kit.orm?.models.map((model) => model.name)).toEqual(['Note']);
    expect(next.files).toContain('test/integration/support/factories.ts');
  });

  test('Sequelize with sync() and no migrations: the schema is synced from the models', async () => {
    const { kit, files } = await plan('express-sequelize-sync-js-cjs');
    expect(kit.detection.sequelize).toMatchObject({ file: 'src/models.js', syncs: true });
    expect(kit.detection.migrations).toBeUndefined();
    expect(files).toContain('test/integration/support/migrations.js');
    expect(kit.tree.read('test/integration/support/migrations.js')).toMatch(/instance\.sync\(\)/);
  });

  test('Drizzle over libSQL opened at import: bound at the driver, API names and boolean modes from the schema the factories read', async () => {
    const { kit, files } = await plan('hono-drizzle-libsql-ts-esm');
    expect(kit.detection.libsqlModule).toEqual({ file: 'src/db/index.ts' });
    expect(kit.detection.drizzle).toMatchObject({ schema: 'src/db/schema.ts', casing: 'snake_case' });
    expect(kit.detection.env.db).toEqual([{ name: 'DATABASE_URL', part: 'url' }]);
    expect(kit.apiFields).toEqual({ projects: { created_at: 'createdAt' }, tasks: { project_id: 'projectId' } });
    expect(kit.apiBooleans).toEqual({ projects: ['archived'], tasks: ['done'] });
    expect(files).toEqual(expect.arrayContaining(['test/integration/support/database/libsql.ts', 'test/integration/support/database/savepoints.ts']));
    // Statuses written as constants (HttpStatus.CREATED) are read like literals.
    expect(kit.routes.routes.find((route) => route.method === 'delete')?.statuses).toEqual([204, 404]);
  });
});

describe('undoApply', () => {
  test('puts back changed files, removes created ones and the folders that held only them', async () => {
    const { snapshot, undoApply } = await import('../../src/plan/undo.ts');
    const dir = tempProject({ 'package.json': '{ "name": "x" }\n', 'src/keep.ts': 'keep\n' });
    const tree = new Tree(dir);
    tree.write('package.json', '{ "name": "x", "scripts": {} }\n', 'harness', { merge: true });
    tree.write('test/integration/support/app.ts', 'app\n', 'harness');
    const before = snapshot(dir, [MANIFEST, 'package-lock.json']);
    const result = await applyTree(tree, { manifestPath: MANIFEST, policy: 'skip' });
    writeFileSync(path.join(dir, 'package-lock.json'), '{}\n');
    undoApply(dir, result, before);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(['package.json', 'src', 'src/keep.ts']);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{ "name": "x" }\n');
  });
});
