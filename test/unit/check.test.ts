import { describe, expect, test } from 'vitest';
import { coverageThreshold, rewriteMarks, tickedItems } from '../../src/check/checklist-marks.ts';
import { cleanDatabase, errorResponses, everyEndpointCalled, fastTests, lineCoverage } from '../../src/check/run-items.ts';
import type { RunRecord, RunTest } from '../../src/check/run-record.ts';
import { constraintTests, networkBlocked } from '../../src/check/static-items.ts';
import type { TestTree } from '../../src/check/test-tree.ts';
import { holds } from '../../src/check/verdict.ts';
import { scanRoutes, type Route } from '../../src/detect/routes/index.ts';
import type { Schema } from '../../src/detect/schema-sqlite.ts';
import { serviceSourceGlobs } from '../../src/coverage/service-source.ts';
import { tempProject } from '../support/temp-project.ts';

const route = (method: Route['method'], path: string, extra: Partial<Route> = {}): Route => ({ method, path, file: 'src/app.ts', statuses: [], ...extra });
const aTest = (extra: Partial<RunTest>): RunTest => ({
  file: 'test/a.test.ts',
  name: 'a test',
  state: 'passed',
  duration: 10,
  calls: [],
  answers: [],
  ...extra,
});
const record = (tests: RunTest[], extra: Partial<RunRecord> = {}): RunRecord => ({ tests, errors: [], ...extra });
const tree = (files: Record<string, string>): TestTree => ({ files: Object.entries(files).map(([path, text]) => ({ path, text })) });

describe('where a route handler is written, for coverage per handler', () => {
  test('an inline handler spans its registration; a named one, its function in its own module', () => {
    const root = tempProject({
      'src/app.js': [
        "const express = require('express');",
        "const { listUsers } = require('./users');",
        'const app = express();',
        "app.get('/health', (req, res) => {",
        '  res.json({ ok: true });',
        '});',
        "app.get('/users', listUsers);",
        'module.exports = app;',
      ].join('\n'),
      'src/users.js': ['/* a block', '   comment */', 'function listUsers(req, res) {', '  res.json([]);', '}', 'module.exports = { listUsers };'].join('\n'),
    });
    const routes = scanRoutes({ root, framework: 'express', appFile: 'src/app.js' }).routes;
    expect(routes.find((r) => r.path === '/health')?.handler).toEqual({ file: 'src/app.js', from: 4, to: 6 });
    // Comments are stripped for the scan with their line breaks kept: lines stay the file's.
    expect(routes.find((r) => r.path === '/users')?.handler).toEqual({ file: 'src/users.js', from: 3, to: 5 });
  });
});

describe('CHECKLIST.md marks', () => {
  const markdown = [
    '# Integration testing checklist',
    '',
    "Coverage threshold: 65% of the service's lines.",
    '',
    '## Quick check',
    '',
    '- [x] Each test finishes well under 5 seconds (`testTimeout: 5000`): [vitest.config.ts](vitest.config.ts)',
    '  Our note: the slow import is known.',
    '- [ ] Coverage tracks integration paths (next: run it)',
    '- [x] No real external calls: [support/network.ts](support/network.ts)',
  ].join('\n');

  test('ticked items are read by their words; the threshold from its line, 50% where there is none', () => {
    expect([...tickedItems(markdown)].sort()).toEqual(['quick.fast', 'quick.no-network']);
    expect(coverageThreshold(markdown)).toBe(65);
    expect(coverageThreshold('# nothing')).toBe(50);
  });

  test('only the marks change: ticked where an item holds, cleared where it is open, kept where the run did not tell', () => {
    const { text, changed } = rewriteMarks(markdown, [
      { id: 'quick.fast', status: 'open', evidence: '1 slow' },
      { id: 'quick.coverage', status: 'holds', evidence: '80%' },
      { id: 'quick.no-network', status: 'unknown', evidence: 'no run' },
    ]);
    expect(changed).toEqual(['quick.fast', 'quick.coverage']);
    expect(text.split('\n').slice(6)).toEqual([
      '- [ ] Each test finishes well under 5 seconds (`testTimeout: 5000`): [vitest.config.ts](vitest.config.ts)',
      '  Our note: the slow import is known.',
      '- [x] Coverage tracks integration paths (next: run it)',
      '- [x] No real external calls: [support/network.ts](support/network.ts)',
    ]);
  });
});

describe('what the test files show', () => {
  const network = "import { http, HttpResponse } from 'msw';\nconst refuse = http.all('*', () => HttpResponse.error());";

  test('the network is blocked where a setup file does it, itself or through a module it imports', () => {
    expect(networkBlocked(tree({ 'test/setup.ts': "import './support/network.js';", 'test/support/network.ts': network })).status).toBe('holds');
    expect(networkBlocked(tree({ 'test/setup.ts': "import { afterEach } from 'vitest';", 'test/support/network.ts': network })).status).toBe('open');
    expect(networkBlocked(tree({ 'vitest.setup.js': "nock.disableNetConnect(); nock.enableNetConnect('127.0.0.1');" })).status).toBe('holds');
    expect(networkBlocked(tree({ 'test/a.test.ts': 'beforeAll(() => nock.disableNetConnect());' })).evidence).toMatch(/only test\/a\.test\.ts/);
  });

  test('each unique constraint, foreign key and index needs a test naming its table and columns', () => {
    const schema: Schema = {
      engine: 'ddl',
      tables: [
        {
          name: 'users',
          columns: [],
          foreignKeys: [],
          indexes: [
            { name: 'u', columns: ['email'], unique: true, origin: 'u' },
            { name: 'pk', columns: ['id'], unique: true, origin: 'pk' },
          ],
        },
        {
          name: 'notes',
          columns: [],
          foreignKeys: [{ column: 'user_id', table: 'users', references: 'id' }],
          indexes: [{ name: 'notes_user_id_idx', columns: ['user_id'], unique: false, origin: 'c' }],
        },
      ],
    };
    const names = ['users > email is unique', 'notes > user_id must reference a row of users'];
    expect(constraintTests(schema, 'unique', names)).toEqual(holds('1 of 1 tested'));
    expect(constraintTests(schema, 'foreign-keys', names).status).toBe('holds');
    expect(constraintTests(schema, 'indexes', names)).toMatchObject({ status: 'open', evidence: '0 of 1 tested; none for notes(user_id)' });
  });
});

describe('what a run shows', () => {
  const routes = [
    route('get', '/users'),
    route('get', '/users/:id', { statuses: [404], handler: { file: 'src/app.ts', from: 10, to: 14 } }),
    route('delete', '/users/:id', { statuses: [404] }),
  ];

  test('an endpoint is called when a test sent it a request, or, without the api fixture, when its handler body ran', () => {
    const viaFixture = record([aTest({ calls: ['GET /users', 'GET /users/7?x=1', 'DELETE /users/7'] })]);
    expect(everyEndpointCalled(routes, viaFixture)).toEqual(holds('3 of 3 endpoints called'));
    const handWritten = record([aTest({ calls: ['GET /users'] })], {
      coverage: {
        lines: { total: 1, covered: 1 },
        branches: { total: 0, covered: 0 },
        files: { 'src/app.ts': { lines: { total: 2, covered: 2 }, hits: { 10: 1, 11: 3 } } },
      },
    });
    expect(everyEndpointCalled(routes, handWritten)).toMatchObject({ status: 'open', evidence: '2 of 3 endpoints called; never called: DELETE /users/:id' });
    // Its first line runs when the route is registered: a route never requested has only that line hit.
    const registeredOnly = record([], {
      coverage: {
        lines: { total: 1, covered: 1 },
        branches: { total: 0, covered: 0 },
        files: { 'src/app.ts': { lines: { total: 2, covered: 1 }, hits: { 10: 1, 11: 0 } } },
      },
    });
    expect(everyEndpointCalled([routes[1]!], registeredOnly).status).toBe('open');
  });

  test('a route whose code answers a client error must have answered one', () => {
    const answered = record([aTest({ answers: ['GET /users 200 json', 'GET /users/9 404 json', 'DELETE /users/9 404 json'] })]);
    expect(errorResponses(routes, answered).status).toBe('holds');
    const missing = record([aTest({ answers: ['GET /users/9 404 json', 'DELETE /users/9 204 empty'] })]);
    expect(errorResponses(routes, missing).evidence).toMatch(/no error answer from DELETE \/users\/:id/);
  });

  test('a test at or over 5 s, or one that timed out, is named', () => {
    expect(fastTests(record([aTest({ duration: 120 })])).status).toBe('holds');
    expect(fastTests(record([aTest({ duration: 6010, name: 'sleeps', state: 'failed', error: 'Test timed out in 5000ms.' })])).evidence).toMatch(
      /sleeps \(6\.0 s\)/,
    );
  });

  test('rows a file leaves flip the clean-database item; without measurements the rollback is the evidence', () => {
    expect(cleanDatabase([{ file: 'test/a.test.ts', tables: [] }], holds('rollback')).status).toBe('holds');
    expect(cleanDatabase([{ file: 'test/a.test.ts', tables: ['users'] }], holds('rollback'))).toMatchObject({
      status: 'open',
      evidence: 'test/a.test.ts left rows in users',
    });
    expect(cleanDatabase(undefined, holds('a rollback per test: db.ts')).evidence).toMatch(/not measured/);
  });

  test('line coverage against the threshold', () => {
    const covered = (n: number) => record([], { coverage: { lines: { total: 100, covered: n }, branches: { total: 0, covered: 0 }, files: {} } });
    expect(lineCoverage(covered(72), 50).status).toBe('holds');
    expect(lineCoverage(covered(40), 50).evidence).toBe("40% of the service's lines (40 of 100), threshold 50%");
    expect(lineCoverage(record([]), 50).status).toBe('open');
  });
});

describe('requests a hand-written suite spells out', () => {
  test('supertest calls in test files count as calls, an interpolation standing for a segment', async () => {
    const { writtenRequests } = await import('../../src/check/test-tree.ts');
    const written = writtenRequests(
      tree({
        'src/__tests__/users.test.ts': 'await request(app).get("/users");\nawait request(app).delete(`/users/${id}`);',
        'src/users.ts': "router.get('/admin', handler);",
      }),
    );
    expect(written).toEqual(['GET /users', 'DELETE /users/x']);
    const routes = [route('get', '/users'), route('delete', '/users/:id'), route('get', '/admin')];
    expect(everyEndpointCalled(routes, record([]), written).evidence).toBe('2 of 3 endpoints called; never called: GET /admin');
  });
});

describe("CHECKLIST.md's coverage threshold", () => {
  test('starts at the last run rounded down to ten, 50% before any run', async () => {
    const { startingThreshold } = await import('../../generators/checklist.ts');
    expect(startingThreshold(83.7)).toBe(80);
    expect(startingThreshold(38.7)).toBe(30);
    expect(startingThreshold(undefined)).toBe(50);
  });
});

describe('the service code coverage measures', () => {
  test("the folders holding the app, its entry and its handlers, code files only (a folder's README is no source)", () => {
    const kit = {
      app: { file: 'src/app.ts', entry: { file: 'server.js' } },
      routes: { routes: [{ file: 'src/routes/a.ts', handler: { file: 'lib/handlers.js' } }] },
    };
    expect(serviceSourceGlobs(kit as never)).toEqual(['lib/**/*.{ts,mts,cts,js,mjs,cjs,tsx,jsx}', 'server.js', 'src/**/*.{ts,mts,cts,js,mjs,cjs,tsx,jsx}']);
  });
});
