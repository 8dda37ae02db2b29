import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NodePlopAPI } from 'node-plop';
import { describe, expect, test } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { parseEndpoint, readDeclaredEndpoints } from '../../src/detect/declared-endpoints.ts';
import { registerEndpointGenerator } from '../../src/kit/plop-endpoint.ts';
import { tempProject } from '../support/temp-project.ts';

describe('declared endpoints', () => {
  test('`add endpoint METHOD path` is parsed; anything else is one line naming the fix', () => {
    expect(parseCliArgs(['add', 'endpoint', 'post', '/orders/:id/refund']).endpoint).toMatchObject({ method: 'post', path: '/orders/:id/refund' });
    expect(() => parseCliArgs(['add', 'route', 'GET', '/x'])).toThrow(/Nothing called "route" can be added/);
    expect(() => parseCliArgs(['add', 'endpoint', '/x'])).toThrow(/needs a method and a path/);
    expect(() => parseEndpoint('FETCH /x', 'here')).toThrow(/is not an endpoint/);
    expect(() => parseEndpoint('GET x', 'here')).toThrow(/is not an endpoint/);
  });

  test('test/integration/endpoints.json is read as routes; a broken one is named', () => {
    const dir = tempProject({ 'test/integration/endpoints.json': '["DELETE /a/:id", "GET /b"]' });
    expect(readDeclaredEndpoints(dir, 'test/integration').map((r) => [r.method, r.path])).toEqual([
      ['delete', '/a/:id'],
      ['get', '/b'],
    ]);
    expect(() => readDeclaredEndpoints(tempProject({ 'test/integration/endpoints.json': '{' }), 'test/integration')).toThrow(/not valid JSON/);
  });

  test('the plop `endpoint` generator declares the endpoint and plans its test with the whole kit', async () => {
    const dir = tempProject({
      'package.json': { type: 'module', dependencies: { express: '^5.1.0', 'better-sqlite3': '^12.4.1' } },
      'src/app.js':
        "import express from 'express';\nexport function createApp(db) {\n  const app = express();\n  app.get('/notes', (req, res) => res.json(db.prepare('SELECT * FROM notes').all()));\n  return app;\n}\n",
      'migrations/001_notes.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n',
    });
    let config: { prompts: (inquirer: unknown) => Promise<unknown>; actions: (answers: unknown) => { type: string }[] } | undefined;
    const plop = { getDestBasePath: () => dir, setGenerator: (_name: string, c: typeof config) => (config = c) } as unknown as NodePlopAPI;
    registerEndpointGenerator(plop);
    const answers = await config!.prompts({ prompt: async () => ({ method: 'DELETE', path: '/notes/:id' }) });
    const actions = config!.actions(answers);
    expect(actions.at(-1)).toEqual({ type: 'itest:apply' });
    const endpointsList = actions.find((a) => 'path' in a && String(a.path).endsWith('support/endpoints.js')) as
      { data: { endpoints: { method: string }[] } } | undefined;
    expect(endpointsList?.data.endpoints.map((e) => e.method)).toEqual(['GET', 'DELETE']);
    expect(actions.some((a) => 'path' in a && String(a.path).endsWith('api/notes.test.js'))).toBe(true);
    const kit = (answers as { kit: { tree: { read(file: string): string | undefined } } }).kit;
    expect(JSON.parse(kit.tree.read('test/integration/endpoints.json')!)).toEqual(['DELETE /notes/:id']);
    expect(existsSync(path.join(dir, 'test/integration/endpoints.json'))).toBe(false);
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).not.toContain('vitest');
  });
});
