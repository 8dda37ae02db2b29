import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { helpText } from '../../src/cli/help.ts';
import { OPTIONS } from '../../src/cli/options.ts';
import { KIT_ROOT } from '../support/paths.ts';
import { tempProject } from '../support/temp-project.ts';

describe('arguments', () => {
  test('every option of the table has a flag and a line in --help', () => {
    const help = helpText('0.0.0');
    for (const option of OPTIONS) expect(help).toMatch(new RegExp(`--(no-)?${option.name}\\b`));
  });

  test('defaults, negations and values', () => {
    expect(parseCliArgs([])).toMatchObject({ install: true, verify: true, yes: false, 'dry-run': false });
    expect(parseCliArgs(['--no-install', '--db', 'sqlite', '-y', 'init'])).toMatchObject({ install: false, db: 'sqlite', yes: true, command: 'init' });
  });

  test.each([
    [['--db', 'oracle'], /Unknown --db value "oracle": use sqlite or postgres or mysql/],
    [['--runner', 'jest'], /--runner jest is not supported by this version yet: use vitest/],
    [['--runner', 'jest'], /--runner jest is not supported/],
    [['--frobnicate'], /Unknown option '--frobnicate'.*--help/],
    [['--force', '--skip-existing'], /contradict/],
    [['./somewhere'], /Unexpected argument "\.\/somewhere": pass the project folder with --cwd/],
  ])('%j is rejected with a one-line fix', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

/** Bad input through the real entry point: exit 2, one line on stderr, nothing written. */
describe('bad input', () => {
  const runCli = (args: string[], cwd = KIT_ROOT) =>
    execa('node', ['--import', 'tsx', path.join(KIT_ROOT, 'src/cli/bin.ts'), ...args], {
      cwd,
      reject: false,
      env: { CI: 'true' },
      stdin: 'ignore',
      preferLocal: true,
      localDir: KIT_ROOT,
    });

  test.each([
    ['no package.json', {}, [], /No package.json in .*: run the kit inside a Node project, or pass --cwd/],
    ['invalid package.json', { 'package.json': '{ "name": ' }, [], /package.json is not valid JSON .*: fix it/],
    [
      'a Fastify app listened in a file nothing starts',
      {
        'package.json': { dependencies: { fastify: '^5.0.0' } },
        'lib/serve.js': "const app = require('fastify')();\nconst fastify = Fastify();\nfastify.listen({ port: 3000 });\n",
      },
      [],
      /lib\/serve\.js creates the Fastify app and calls listen\(\) in the same file/,
    ],
    [
      'a Vitest a major behind the harness',
      {
        'package.json': { dependencies: { express: '^5.0.0' }, devDependencies: { vitest: '^1.6.0' } },
        'app.js': "const express = require('express');\nconst app = express();\nmodule.exports = app;\n",
      },
      ['--db', 'none'],
      /has vitest@\^1\.6\.0, older than the harness can run on .*a major upgrade: run npm install -D vitest@/,
    ],
    [
      'a workspace root with no service in it',
      { 'package.json': { private: true, workspaces: ['packages/*'] }, 'packages/util/package.json': { name: 'util' } },
      [],
      /is a workspace root \(package\.json workspaces\) and none of its 1 package\(s\) is a web service.*--cwd/,
    ],
    [
      'a workspace with two services, in CI',
      {
        'package.json': { private: true, workspaces: ['apps/*'] },
        'apps/a/package.json': { dependencies: { express: '^5.0.0' } },
        'apps/b/package.json': { dependencies: { hono: '^4.0.0' } },
      },
      [],
      /is a workspace with 2 services \(apps\/a, apps\/b\): pick one with --cwd, e\.g\. --cwd apps\/a/,
    ],
    ['no framework at all', { 'package.json': { dependencies: {} } }, [], /No web framework found .*--framework express/],
    [
      'an --entry that does not exist',
      {
        'package.json': { dependencies: { express: '^5.0.0' } },
        'server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
      },
      ['--entry', 'src/main.js'],
      /--entry src\/main\.js: no such file/,
    ],
  ])('%s', async (_label, files, args, message) => {
    const dir = tempProject(files);
    const before = readdirSync(dir, { recursive: true }).sort();
    const result = await runCli(['--cwd', dir, ...args]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });

  test.runIf(Number(process.versions.node.split('.')[0]) < 22)('a node:sqlite service on a Node without node:sqlite', async () => {
    const dir = tempProject({
      'package.json': { type: 'module', dependencies: { express: '^5.0.0' } },
      'src/app.js': "import express from 'express';\nimport { DatabaseSync } from 'node:sqlite';\nexport function createApp(db) {\n  return express();\n}\n",
      'migrations/001.sql': 'CREATE TABLE t (id INTEGER PRIMARY KEY);\n',
    });
    const result = await runCli(['--cwd', dir]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/uses node:sqlite, which needs Node 22\.13 or newer/);
  });

  test('a --cwd that does not exist, or is a file', async () => {
    const missing = await runCli(['--cwd', '/nonexistent/project']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/--cwd \/nonexistent\/project: no such folder/);
    const dir = tempProject({});
    writeFileSync(path.join(dir, 'file'), '');
    const file = await runCli(['--cwd', path.join(dir, 'file')]);
    expect(file.exitCode).toBe(2);
    expect(file.stderr).toMatch(/is a file, not a folder/);
  });

  test('an unknown flag value exits 2 before looking at the project', async () => {
    const result = await runCli(['--db', 'oracle']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('check on a repository the kit did not scaffold', () => {
  test('a MongoDB service with Jest tests is audited from its files: planned without a database, its run named as not made', async () => {
    const cwd = tempProject({
      'package.json': { dependencies: { express: '^5.0.0', mongoose: '^8.0.0' }, devDependencies: { jest: '^29.0.0', supertest: '^7.0.0' } },
      'src/app.js':
        "const express = require('express');\nconst app = express();\napp.get('/users', (req, res) => {\n  res.json([]);\n});\nmodule.exports = app;\n",
      'tests/users.test.js':
        "const request = require('supertest');\nconst app = require('../src/app');\ntest('lists users', async () => {\n  await request(app).get('/users').expect(200);\n});\n",
    });
    const result = await execa('node', ['--import', 'tsx', path.join(KIT_ROOT, 'src/cli/bin.ts'), 'check', '--json', '--strict', '--cwd', cwd], {
      cwd: KIT_ROOT,
      reject: false,
      env: { CI: 'true' },
      stdin: 'ignore',
      preferLocal: true,
      localDir: KIT_ROOT,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Planned as --db none: This service keeps its data in MongoDB/);
    expect(result.stderr).toMatch(/the tests run on jest, which the check does not run/);
    const verdicts = JSON.parse(result.stdout) as { items: { id: string; status: string }[] };
    const status = (id: string) => verdicts.items.find((item) => item.id === id)?.status;
    expect([status('api.status-codes'), status('async.runner'), status('api.all-endpoints'), status('setup.external-mocked')]).toEqual([
      'holds',
      'holds',
      'unknown',
      'open',
    ]);
    // Nothing is written where there is no CHECKLIST.md.
    expect(readdirSync(cwd).sort()).toEqual(['package.json', 'src', 'tests']);
  });
});
