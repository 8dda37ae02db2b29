// Issue #3's benchmarks, printed as a table (never asserted in tests), for a 10-table schema:
//   per-test isolation: a rolled-back transaction vs recreating the schema per test (200 tests),
//   container start once per run vs once per file, and the embedded mode's per-worker load.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
const { versionSetFor } = await import(pathToFileURL(path.join(root, 'dist/index.js')).href);
const versions = versionSetFor(process.versions.node).packages;
const deps = ['better-sqlite3', 'pg', 'testcontainers', '@testcontainers/postgresql', '@electric-sql/pglite', '@electric-sql/pglite-socket'];
const dir = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'create-itest-kit-bench', `db-deps-node${major}`);
if (!existsSync(path.join(dir, 'node_modules/pg'))) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-db', private: true, allowScripts: { 'better-sqlite3': true } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', ...deps.map((d) => `${d}@${versions[d]}`)], { cwd: dir, stdio: 'ignore' });
}
const require = createRequire(path.join(dir, 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);

const TESTS = 200;
const schema = Array.from({ length: 10 }, (_, i) => {
  const parent = i > 0 ? `, parent_id INTEGER NOT NULL REFERENCES t${i - 1} (id)` : '';
  return `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size INTEGER NOT NULL${parent}); CREATE INDEX t${i}_size_idx ON t${i} (size);`;
}).join('\n');
const testBody = (run) => {
  for (let i = 0; i < 10; i++) run(`INSERT INTO t${i} (id, name, size${i ? ', parent_id' : ''}) VALUES (1, 'x', 1${i ? ', 1' : ''})`);
};
const rows = [];
const perTest = (ms) => `${((ms / TESTS) * 1000).toFixed(0)} µs/test`;

/** Runs TESTS tests and returns the time spent outside their bodies: what isolation costs. */
function timeIsolation(test) {
  let inBody = 0;
  const start = performance.now();
  for (let i = 0; i < TESTS; i++) {
    test({
      body: (run) => {
        const s = performance.now();
        run();
        inBody += performance.now() - s;
      },
    });
  }
  return performance.now() - start - inBody;
}

async function timeIsolationAsync(test) {
  let inBody = 0;
  const start = performance.now();
  for (let i = 0; i < TESTS; i++) {
    await test({
      body: async (run) => {
        const s = performance.now();
        await run();
        inBody += performance.now() - s;
      },
    });
  }
  return performance.now() - start - inBody;
}

// 1a. SQLite in memory. Only the isolation steps are timed; the test body is the same either way.
{
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  db.exec(schema);
  const rollback = timeIsolation((t) => {
    db.exec('BEGIN');
    t.body(() => testBody((sql) => db.exec(sql)));
    db.exec('ROLLBACK');
  });
  const recreate = timeIsolation((t) => {
    const fresh = new Database(':memory:');
    fresh.exec(schema);
    t.body(() => testBody((sql) => fresh.exec(sql)));
    fresh.close();
  });
  rows.push(['SQLite: isolation cost per test, rollback', perTest(rollback), `recreate schema: ${perTest(recreate)} (${(recreate / rollback).toFixed(0)}x)`]);
}

// 1b. Postgres on this machine (the url mode)
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
{
  const pg = (await load('pg')).default;
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('DROP SCHEMA IF EXISTS itest_bench CASCADE; CREATE SCHEMA itest_bench; SET search_path TO itest_bench');
    await client.query(schema);
    const insertAll = async () => {
      for (let i = 0; i < 10; i++) await client.query(`INSERT INTO t${i} (id, name, size${i ? ', parent_id' : ''}) VALUES (1, 'x', 1${i ? ', 1' : ''})`);
    };
    const rollback = await timeIsolationAsync(async (t) => {
      await client.query('BEGIN');
      await t.body(insertAll);
      await client.query('ROLLBACK');
    });
    const recreate = await timeIsolationAsync(async (t) => {
      await client.query('DROP SCHEMA itest_bench CASCADE; CREATE SCHEMA itest_bench; SET search_path TO itest_bench');
      await client.query(schema);
      await t.body(insertAll);
    });
    await client.query('DROP SCHEMA itest_bench CASCADE');
    rows.push([
      'Postgres (this machine): isolation cost per test, rollback',
      perTest(rollback),
      `recreate schema: ${perTest(recreate)} (${(recreate / rollback).toFixed(0)}x)`,
    ]);
  } catch (error) {
    rows.push(['Postgres (this machine): isolation per test', 'skipped', `${pgUrl}: ${error.message}`]);
  } finally {
    await client.end().catch(() => {});
  }
}

// 2. container start: once per run vs once per file
if (process.env.DOCKER_HOST) {
  const { PostgreSqlContainer } = await load('@testcontainers/postgresql');
  const { Wait } = await load('testcontainers');
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const container = await new PostgreSqlContainer('postgres:17-alpine').withWaitStrategy(Wait.forListeningPorts()).start();
    samples.push(performance.now() - start);
    await container.stop();
  }
  const start = samples.sort((a, b) => a - b)[1];
  rows.push(['Postgres container start (median of 3)', fmt(start), `a 20-file suite: once per run ${fmt(start)}, once per file ${fmt(start * 20)}`]);
} else {
  rows.push(['Postgres container start', 'skipped', 'no DOCKER_HOST: eval "$(../shared/containers/up.sh)" first']);
}

// 3. embedded: migrate once, then each worker loads the data directory
{
  const { PGlite } = await load('@electric-sql/pglite');
  let start = performance.now();
  const db = await PGlite.create();
  await db.exec(schema.replaceAll('INTEGER PRIMARY KEY', 'SERIAL PRIMARY KEY'));
  const dump = await db.dumpDataDir('gzip');
  const migrate = performance.now() - start;
  await db.close();
  const loads = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    const worker = await PGlite.create({ loadDataDir: dump });
    await worker.query('SELECT 1');
    loads.push(performance.now() - start);
    await worker.close();
  }
  rows.push(['PGlite: migrate and dump once per run', fmt(migrate), `dump ${(dump.size / 1024 / 1024).toFixed(1)} MiB`]);
  rows.push(['PGlite: load per worker (median of 5)', fmt(loads.sort((a, b) => a - b)[2]), 'paid by each test file (Vitest isolates files)']);
}

console.log(`\nDatabase benchmarks: 10-table schema, ${TESTS} tests (Node ${process.versions.node})\n`);
console.log('| measure | time | compared with |\n| --- | ---: | --- |');
for (const [name, time, note] of rows) console.log(`| ${name} | ${time} | ${note} |`);

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
