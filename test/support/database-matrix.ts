import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkJs, fixtureCopy, harnessConfig, installFromCache, runKit } from './projects.ts';
import { ensureNode24, machineNode, type Runtime } from './runtimes.ts';
import { containerEngine, listening } from './services.ts';

/**
 * Issue #3's matrix: each engine in each mode runs the generated suite with two
 * parallel workers, twice in a row where the database outlives a run. A mode whose
 * engine is not reachable here is skipped with the reason in its name.
 */
const node24 = await ensureNode24();
const engine = await containerEngine();
const postgresUp = await listening(5432);
const mariadbUp = await listening(3306);

const PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const noEngine = engine === true ? undefined : engine;
const postgres = { db: 'postgres', codes: ['23505', '23503'] } as const;
const mysql = { db: 'mysql', codes: ['ER_DUP_ENTRY', 'ER_NO_REFERENCED_ROW_2'] } as const;
const sqlite = { db: 'sqlite', codes: ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_FOREIGNKEY'] } as const;

type Mode = { mode: string; env: Record<string, string>; skip?: string | undefined };
/** An edit that makes one of the fixture's migrations fail to apply. */
type BrokenMigration = { file: string; from: string; to: string };
/** An edit to the app that the test named `failing` must catch. */
type AppEdit = BrokenMigration & { failing: string };
const pgUrl: Mode = { mode: 'url', env: { TEST_DATABASE_URL: PG_URL }, skip: postgresUp ? undefined : 'nothing listens on 127.0.0.1:5432' };
const mysqlUrl: Mode = { mode: 'url', env: { TEST_DATABASE_URL: MYSQL_URL }, skip: mariadbUp ? undefined : 'nothing listens on 127.0.0.1:3306' };
const embedded: Mode = { mode: 'embedded', env: {} };
const container: Mode = { mode: 'container', env: {}, skip: noEngine };
const memory: Mode = { mode: 'memory', env: {} };
/**
 * Each fixture with the engine it runs on and the modes to prove; `ext` picks the config and the type check.
 * Each mode runs the raw driver of its engine and at least two ORMs (issue #3); an ORM runs in one or
 * two of them, not all: where the server runs makes no difference to a data layer, which gets a pool
 * or a URL either way.
 */
const MATRIX: {
  fixture: string;
  db: string;
  codes: readonly (string | number)[];
  ext: 'ts' | 'js';
  modes: Mode[];
  node24Only?: boolean;
  prepare?: (dir: string, runtime: Runtime) => Promise<unknown>;
  brokenMigration?: BrokenMigration;
  manglingApp?: AppEdit;
}[] = [
  { fixture: 'express-pg-ts-esm', ...postgres, ext: 'ts', modes: [pgUrl, embedded, container] },
  { fixture: 'express-drizzle-pg-ts-esm', ...postgres, ext: 'ts', modes: [embedded] },
  { fixture: 'express-knex-pg-js-esm', ...postgres, ext: 'js', modes: [container] },
  {
    fixture: 'express-typeorm-pg-ts-esm',
    ...postgres,
    ext: 'ts',
    modes: [pgUrl, container],
    brokenMigration: { file: 'src/migrations/1735689600000-Init.ts', from: 'CREATE TABLE "books"', to: 'CREATE TABLEX "books"' },
  },
  { fixture: 'express-sequelize-pg-ts-esm', ...postgres, ext: 'ts', modes: [pgUrl] },
  // Prisma's client is generated code (gitignored), made before the kit runs, as a team's postinstall would.
  {
    fixture: 'express-prisma-pg-ts-esm',
    ...postgres,
    ext: 'ts',
    modes: [container, embedded],
    prepare: prismaGenerate,
    manglingApp: {
      file: 'src/app.ts',
      from: 'data: { code, title }',
      to: 'data: { code, title: title.slice(0, 12) }',
      failing: 'POST /courses: edge-case values > title: unicode and emoji',
    },
  },
  { fixture: 'express-mysql-js-cjs', ...mysql, ext: 'js', modes: [mysqlUrl, container] },
  { fixture: 'express-drizzle-mysql-ts-esm', ...mysql, ext: 'ts', modes: [container] },
  { fixture: 'express-knex-mysql-js-cjs', ...mysql, ext: 'js', modes: [container] },
  { fixture: 'express-typeorm-mysql-ts-cjs', ...mysql, ext: 'ts', modes: [mysqlUrl] },
  { fixture: 'express-prisma-mysql-ts-esm', ...mysql, ext: 'ts', modes: [container], prepare: prismaGenerate },
  {
    fixture: 'express-sequelize-mysql-js-cjs',
    ...mysql,
    ext: 'js',
    modes: [mysqlUrl],
    brokenMigration: { file: 'migrations/20250102000000-create-orders.js', from: "references: { model: 'customers'", to: "references: { model: 'clients'" },
  },
  { fixture: 'express-drizzle-sqlite-ts-cjs', ...sqlite, ext: 'ts', modes: [memory] },
  { fixture: 'express-knex-sqlite-ts-esm', ...sqlite, ext: 'ts', modes: [memory] },
  { fixture: 'express-typeorm-sqlite-ts-esm', ...sqlite, ext: 'ts', modes: [memory] },
  {
    fixture: 'express-sequelize-sqlite-js-esm',
    ...sqlite,
    ext: 'js',
    modes: [memory],
    manglingApp: {
      file: 'src/app.js',
      from: 'List.create({ name })',
      to: 'List.create({ name: name.slice(0, 5) })',
      failing: 'POST /lists: edge-case values > name: unicode and emoji',
    },
  },
  {
    fixture: 'express-prisma-sqlite-ts-esm',
    ...sqlite,
    ext: 'ts',
    modes: [memory],
    prepare: prismaGenerate,
    brokenMigration: { file: 'prisma/migrations/20250401000000_init/migration.sql', from: '"title" TEXT NOT NULL\n);', to: '"title" TEXT NOT NULL,\n);' },
  },
  // node:sqlite works without a flag from Node 22.13: this one runs on Node 24 only.
  { fixture: 'express-node-sqlite-ts-esm', db: 'sqlite', codes: [2067, 787], ext: 'ts', modes: [memory], node24Only: true },
];

/** Every fixture on the machine's Node; node:sqlite and the raw Postgres driver again on Node 24, which gets the current dependency set (testcontainers 12). */
const RUNS: { entry: (typeof MATRIX)[number]; runtime?: Runtime; skip?: string }[] = [
  ...MATRIX.filter((entry) => !entry.node24Only).map((entry) => ({ entry, runtime: machineNode() })),
  // What Node 24 changes is the dependency set: its testcontainers in the default mode, not where else a server can run.
  ...MATRIX.filter((entry) => entry.node24Only || entry.fixture === 'express-pg-ts-esm').map((entry) => {
    const node24Entry = { ...entry, modes: entry.modes.filter((mode) => mode === container || mode === memory) };
    return typeof node24 === 'string' ? { entry: node24Entry, skip: node24 } : { entry: node24Entry, runtime: node24 };
  }),
];

/** The matrix's runs on these engines: a test file per group, so the e2e files can share the two cores. */
export function describeDatabaseRuns(engines: string[]): void {
  for (const { entry, runtime, skip: runtimeSkip } of RUNS.filter((run) => engines.includes(run.entry.db))) {
    describe.skipIf(!runtime)(`${entry.db}: ${entry.fixture} on ${runtime?.label ?? `Node 24 (skipped: ${runtimeSkip})`}`, () => {
      let dir: string;
      const config = harnessConfig(entry.ext, entry.fixture);
      const suite = (env: Record<string, string>, extra: string[] = []) =>
        execa('npx', ['vitest', 'run', '--config', config, '--maxWorkers', '2', ...extra], {
          cwd: dir,
          reject: false,
          all: true,
          env: { ...runtime!.env, ...env, CI: 'true' },
        });

      beforeAll(async () => {
        dir = await fixtureCopy(entry.fixture, runtime!);
        await entry.prepare?.(dir, runtime!);
        // The harness's packages come from the test install cache (keyed by the dependency set): the matrix is about databases.
        const result = await runKit(dir, ['--db', entry.db, '--no-verify', '--no-install'], runtime!);
        expect(result.exitCode, result.all).toBe(0);
        await installFromCache(dir, runtime!);
      });

      // A database that outlives the run (url mode) runs the suite twice: a re-run must pass on what the first left.
      // Every other mode starts from a new database each run: once. Each last run is shuffled.
      for (const { mode, env, skip } of entry.modes) {
        const runs = mode === 'url' ? [1, 2] : [2];
        const title =
          runs.length === 2 ? 'the suite passes twice in a row with two workers, the second time shuffled' : 'the suite passes with two workers, shuffled';
        test.skipIf(Boolean(skip))(`${mode} mode: ${title}${skip ? ` (skipped: ${skip})` : ''}`, async () => {
          for (const run of runs) {
            // Tests never share rows: any order passes (issue #6).
            const result = await suite({ ITEST_DB_MODE: mode, ...env }, run === 2 ? ['--sequence.shuffle'] : []);
            expect(result.exitCode, `run ${run}:\n${result.all}`).toBe(0);
            // Pools, PGlite and containers are closed in teardown: nothing keeps the process alive.
            expect(result.all).not.toMatch(/close timed out|prevents .* from exiting|handles? (is|are) (still )?(open|active)/i);
          }
        });
      }

      test('a wrong expectation in a generated constraint or index test fails', async () => {
        const [mode] = entry.modes.filter((m) => !m.skip);
        if (!mode) return expect.soft(mode, 'no mode of this engine is reachable here').toBeDefined();
        const file = path.join(dir, `test/integration/db/constraints.test.${entry.ext}`);
        const source = readFileSync(file, 'utf8');
        const [unique, foreignKey] = entry.codes;
        const literal = (code: string | number | undefined) => (typeof code === 'number' ? String(code) : `'${code}'`);
        const mutated = source
          .replace(new RegExp(`(code|errcode): ${literal(unique)}`), "$1: 'WRONG_UNIQUE'")
          .replace(new RegExp(`(code|errcode): ${literal(foreignKey)}`), "$1: 'WRONG_FK'")
          .replace(/toContain\('(\w+)'\)/, "toContain('$1_missing')");
        expect(mutated).not.toBe(source);
        writeFileSync(file, mutated);
        try {
          const result = await suite({ ITEST_DB_MODE: mode.mode, ...mode.env }, [file]);
          expect(result.exitCode).not.toBe(0);
          expect(result.all.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+3 failed/);
        } finally {
          writeFileSync(file, source);
        }
      });

      test('a factory that breaks a constraint fails a generated test', async () => {
        const [mode] = entry.modes.filter((m) => !m.skip);
        if (!mode) return expect.soft(mode, 'no mode of this engine is reachable here').toBeDefined();
        const file = path.join(dir, `test/integration/support/factories.${entry.ext}`);
        const source = readFileSync(file, 'utf8');
        // Every unique value the same: the second of two rows collides.
        const mutated = source.replace(/^(\s+[\w'"]+): (`\$\{sequence\}.*|sequence(?: \+ 0\.5)?),$/gm, "$1: 'same',");
        if (mutated === source) return expect.soft(mutated, 'no factory of this fixture fills a unique column').not.toBe(source);
        writeFileSync(file, mutated);
        try {
          const result = await suite({ ITEST_DB_MODE: mode.mode, ...mode.env }, [`test/integration/db/factories.test.${entry.ext}`]);
          const output = result.all.replace(/\u001b\[[0-9;]*m/g, '');
          expect(result.exitCode).not.toBe(0);
          expect(output).toMatch(/× .*create\(\) stores two \w+ without colliding/);
        } finally {
          writeFileSync(file, source);
        }
      });

      // Defined only where the fixture names a migration to break: not a skipped test elsewhere.
      const broken = entry.brokenMigration;
      if (broken)
        test('a migration that fails stops the run, naming its file and the database error', async () => {
          const [mode] = entry.modes.filter((m) => !m.skip);
          if (!mode) return expect.soft(mode, 'no mode of this engine is reachable here').toBeDefined();
          const output = await whileEdited(path.join(dir, broken.file), broken, () => suite({ ITEST_DB_MODE: mode.mode, ...mode.env }));
          expect(output).toContain(`Migration ${broken.file} failed: `);
          expect(output).not.toMatch(/Startup Error|TypeError/);
        });

      const mangling = entry.manglingApp;
      if (mangling)
        test('an app that cuts a value it accepted fails the API edge-case test for it', async () => {
          const [mode] = entry.modes.filter((m) => !m.skip);
          if (!mode) return expect.soft(mode, 'no mode of this engine is reachable here').toBeDefined();
          const output = await whileEdited(path.join(dir, mangling.file), mangling, () =>
            suite({ ITEST_DB_MODE: mode.mode, ...mode.env }, [`test/integration/api/edge-cases.test.${entry.ext}`]),
          );
          expect(output).toContain(`${mangling.failing}: refused with a 4xx, or stored as sent`);
          expect(output).toMatch(/Tests\s+1 failed/);
        });

      test('the generated code type-checks (tsc --strict, or checkJs in JavaScript)', async () => {
        const result =
          entry.ext === 'ts'
            ? await execa('npx', ['tsc', '-p', 'test/integration/tsconfig.json'], { cwd: dir, reject: false, all: true, env: runtime!.env })
            : await checkJs(dir, runtime!);
        expect(result.exitCode, result.all).toBe(0);
      });
    });
  }
}

/** Runs `run` with one edit made to `file` (put back after), asserts it failed, and returns its output without colours. */
async function whileEdited(file: string, edit: BrokenMigration, run: () => Promise<{ exitCode?: number; all?: string }>): Promise<string> {
  const source = readFileSync(file, 'utf8');
  expect(source).toContain(edit.from);
  writeFileSync(file, source.replace(edit.from, edit.to));
  try {
    const result = await run();
    expect(result.exitCode).not.toBe(0);
    return (result.all ?? '').replace(/\u001b\[[0-9;]*m/g, '');
  } finally {
    writeFileSync(file, source);
  }
}

/**
 * `prisma generate` as a team runs it. Only the npm registry is reachable here, and Prisma's CLI
 * insists on its schema engine binary (downloaded from binaries.prisma.sh) even though generate
 * does not use it: a stub stands in for it.
 */
async function prismaGenerate(dir: string, runtime: Runtime) {
  const stub = path.join(dir, 'node_modules', '.schema-engine-stub');
  writeFileSync(stub, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  return execa('npx', ['prisma', 'generate'], { cwd: dir, env: { ...runtime.env, PRISMA_SCHEMA_ENGINE_BINARY: stub } });
}
