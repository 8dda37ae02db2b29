// The main job on the embedded default: copy the example Express + SQLite service
// into examples/notes-service, install it, run the kit there (SQLite in memory),
// and let the kit install the harness and run the generated suite.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = `${root}test/fixtures/express-sqlite-ts-esm`;
const target = `${root}examples/notes-service`;
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? 'true' } });

if (process.argv.includes('--fresh')) rmSync(target, { recursive: true, force: true });
if (!existsSync(`${target}/package.json`)) cpSync(source, target, { recursive: true });
if (!existsSync(`${target}/node_modules/better-sqlite3`)) {
  console.log("> npm install (the example service's own dependencies; better-sqlite3 may compile for a minute)");
  run('npm', ['install', '--no-audit', '--no-fund'], target);
}
console.log('> create-itest-kit --cwd examples/notes-service --yes');
run('node', [`${root}dist/cli.js`, '--cwd', target, '--yes'], root);
