import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, expect, test } from 'vitest';
import { fixtureCopy, git, gitStatus, runKit } from '../support/projects.ts';
import { machineNode } from '../support/runtimes.ts';

/** A service without a database (TypeScript, CommonJS): the harness and API tests, nothing else. */
const runtime = machineNode();
let dir: string;

beforeAll(async () => {
  dir = await fixtureCopy('express-nodb-ts-cjs', runtime);
});

test('no data layer means --db none: the suite is green and every endpoint is called', async () => {
  const result = await runKit(dir, [], runtime);
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).toContain('database: none');
  expect(result.stdout).toContain('The integration suite is green');
  expect(result.stdout).toMatch(/Endpoint coverage: 5 of 5 endpoints called/);
  // A route behind authentication middleware that lets any bearer token through is refused without one, and tested signed in.
  expect(result.stdout).not.toContain('Not tested signed in');
  expect(readFileSync(path.join(dir, 'test/integration/support/auth.ts'), 'utf8')).toContain("authorization: 'Bearer itest-token'");
  const config = readFileSync(path.join(dir, 'test/integration/vitest.config.mts'), 'utf8');
  expect(config).not.toContain('globalSetup');
});

test('package.json keeps its own formatting: only the added values change', async () => {
  const { stdout } = await git(dir, ['diff', '--', 'package.json']);
  expect(stdout).toContain('"tsup": { "entry": ["src", "!src/**/*.test.*"] }');
  // A removed line only ever comes back with the comma that a new sibling after it needs.
  const lines = stdout.split('\n');
  const removed = lines.filter((line) => line.startsWith('-') && !line.startsWith('---'));
  expect(removed.length).toBeGreaterThan(0);
  for (const line of removed) expect(lines).toContain(`+${line.slice(1)},`);
});

test('the generated TypeScript passes tsc --strict, and a second run changes nothing', async () => {
  const tsc = await execa('npx', ['tsc', '-p', 'test/integration/tsconfig.json'], { cwd: dir, reject: false, all: true, env: runtime.env });
  expect(tsc.exitCode, tsc.all).toBe(0);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'harness']);
  const again = await runKit(dir, ['--no-verify'], runtime);
  expect(again.exitCode, again.all).toBe(0);
  expect(await gitStatus(dir)).toBe('');
});

test('routes the scan cannot see are found at run time: coverage fails, and the next kit run writes their tests', async () => {
  const app = path.join(dir, 'src/app.ts');
  const source = readFileSync(app, 'utf8');
  // Routes registered in a loop: the static scan skips computed paths; Express's own view lists them.
  writeFileSync(
    app,
    source.replace(
      '  return app;',
      "  for (const name of ['daily', 'weekly']) app.get(`/reports/${name}`, (_req, res) => { res.json({ name }); });\n  return app;",
    ),
  );
  const red = await execa('npm', ['run', 'test:integration'], { cwd: dir, reject: false, all: true, env: { ...runtime.env, CI: 'true' } });
  expect(red.exitCode).not.toBe(0);
  expect(plain(red.all)).toMatch(/never called: GET \/reports\/daily/);

  const again = await runKit(dir, ['--no-verify'], runtime);
  expect(again.exitCode, again.all).toBe(0);
  expect(again.stdout).toMatch(/new\s+test\/integration\/api\/reports\.test\.ts/);
  const green = await execa('npm', ['run', 'test:integration'], { cwd: dir, reject: false, all: true, env: { ...runtime.env, CI: 'true' } });
  expect(green.exitCode, plain(green.all)).toBe(0);
  expect(plain(green.all)).toMatch(/Endpoint coverage: 7 of 7 endpoints called/);

  // A route that does not exist yet is declared by hand.
  const declared = await runKit(dir, ['add', 'endpoint', 'GET', '/reports/monthly', '--dry-run'], runtime);
  expect(declared.exitCode, declared.all).toBe(0);
  expect(declared.stdout).toMatch(/new\s+test\/integration\/endpoints\.json/);
  expect(declared.stdout).toContain('/reports/monthly');
});

test('the headers its middleware promises are tested: dropping helmet turns the suite red', async () => {
  const headers = readFileSync(path.join(dir, 'test/integration/headers.test.ts'), 'utf8');
  expect(headers).toContain("toBe('nosniff')");
  expect(headers).toContain("'access-control-allow-origin']).toBe('*')");
  const app = path.join(dir, 'src/app.ts');
  const source = readFileSync(app, 'utf8');
  writeFileSync(app, source.replace('  app.use(helmet());\n', ''));
  try {
    const result = await execa('npm', ['run', 'test:integration'], { cwd: dir, reject: false, all: true, env: runtime.env });
    expect(result.exitCode).not.toBe(0);
    expect(plain(result.all)).toMatch(/security headers are set/);
  } finally {
    writeFileSync(app, source);
  }
});

function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
