// Issue #14's measures, printed as a table (never asserted in tests):
//   what booting a service from its entry point (support/boot) adds per test file over the
//   service's own start, and the time from the command to a green suite on services as they are.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist/cli.js');
const env = { ...process.env, CI: 'true' };
const RUNS = 7;
const rows = [];

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function write(dir, files) {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** Runs one test file of the harness in its own Vitest process and reads the figure it printed. */
function measure(dir, file) {
  const result = spawnSync('npx', ['vitest', 'run', '--config', 'test/integration/vitest.config.mjs', file], { cwd: dir, encoding: 'utf8', env });
  const figure = /BENCH (\d+(?:\.\d+)?)/.exec(result.stdout + result.stderr)?.[1];
  if (!figure) throw new Error(`${file} printed no figure:\n${result.stdout}\n${result.stderr}`);
  return Number(figure);
}

// 1. Boot overhead per test file: a service created and listened in one file (Express, CommonJS),
//    started bare (its own listen on a free port) and through bootService, each in a fresh worker.
const service = mkdtempSync(path.join(tmpdir(), 'itest-bench-boot-'));
write(service, {
  'package.json': { name: 'boot-bench', version: '1.0.0', main: 'server.js', scripts: { start: 'node server.js' }, dependencies: { express: '^5.1.0' } },
  'server.js': [
    "const express = require('express');",
    'const app = express();',
    "app.get('/health', (req, res) => res.json({ ok: true }));",
    "app.listen(process.env.PORT || 3000, () => console.log('ready'));",
    '',
  ].join('\n'),
});
spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: service, stdio: 'ignore' });
const scaffold = spawnSync(process.execPath, [cli, '--yes'], { cwd: service, stdio: 'ignore', env });
if (scaffold.status !== 0) throw new Error(`the kit exited ${scaffold.status} on the boot bench service`);
write(service, {
  'test/integration/bench-bare.test.js': [
    "import { createRequire } from 'node:module';",
    "import net from 'node:net';",
    "import { test } from 'vitest';",
    'const require = createRequire(import.meta.url);',
    "test('bare start', async () => {",
    "  process.env.PORT = '0';",
    '  const listen = net.Server.prototype.listen;',
    '  const servers = [];',
    "  const listening = new Promise((resolve) => { net.Server.prototype.listen = function (...args) { servers.push(this); this.once('listening', resolve); return listen.apply(this, args); }; });",
    '  const start = performance.now();',
    "  require('../../server.js');",
    '  await listening;',
    '  console.log(`BENCH ${performance.now() - start}`);',
    '  net.Server.prototype.listen = listen;',
    '  for (const server of servers) server.close();',
    '});',
    '',
  ].join('\n'),
  'test/integration/bench-boot.test.js': [
    "import { createRequire } from 'node:module';",
    "import { test } from 'vitest';",
    "import { bootService } from './support/boot.js';",
    'const require = createRequire(import.meta.url);',
    'const start = performance.now();',
    "await bootService(() => require('../../server.js'), 'server.js');",
    'const elapsed = performance.now() - start;',
    "test('booted', () => console.log(`BENCH ${elapsed}`));",
    '',
  ].join('\n'),
});
const bare = [];
const booted = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(measure(service, 'test/integration/bench-bare.test.js'));
  booted.push(measure(service, 'test/integration/bench-boot.test.js'));
}
rows.push([`service start, its own listen() (median of ${RUNS})`, fmt(median(bare)), 'require() to listening']);
rows.push([`service start through support/boot (median of ${RUNS})`, fmt(median(booted)), 'same, listen() captured']);
rows.push(['boot path added per test file', fmt(median(booted) - median(bare)), 'goal < 50 ms']);
rmSync(service, { recursive: true, force: true });

// 2. Command to green suite, `--yes` only, on fixtures of services as they are (dependencies installed first, as a team's checkout has them).
// The Postgres and MySQL ones need a container engine (or TEST_DATABASE_URL) in the environment the bench runs in.
for (const fixture of [
  'express-listen-ts-cjs',
  'npm-workspace-root',
  'hono-drizzle-libsql-ts-esm',
  'fastify-knex-mysql-ts-esm',
  'express-sequelize-literals-js-cjs',
  'express-zod-controllers-js-cjs',
]) {
  const dir = mkdtempSync(path.join(tmpdir(), `itest-bench-${fixture}-`));
  cpSync(path.join(root, 'test/fixtures', fixture), dir, { recursive: true });
  spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
  const start = performance.now();
  const result = spawnSync(process.execPath, [cli, '--yes'], { cwd: dir, stdio: 'ignore', env });
  rows.push([`command to green suite: ${fixture}`, fmt(performance.now() - start), result.status === 0 ? 'suite green' : `exit ${result.status}`]);
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\ncreate-itest-kit: services booted as they are (Node ${process.versions.node})\n`);
console.log('| measure | time | reference |\n| --- | ---: | --- |');
for (const [name, time, note] of rows) console.log(`| ${name} | ${time} | ${note} |`);
