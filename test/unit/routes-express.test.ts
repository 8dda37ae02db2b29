import { describe, expect, test } from 'vitest';
import { scanExpressRoutes } from '../../src/detect/routes-express.ts';
import { tempProject } from '../support/temp-project.ts';

const list = (root: string, file: string) => scanExpressRoutes(root, file).routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);

describe('Express routes from source', () => {
  test('follows app.use prefixes into imported routers (ESM and CommonJS)', () => {
    const dir = tempProject({
      'src/app.ts': "import express from 'express';\nimport { usersRouter } from './routes/users.js';\nconst items = require('./routes/items');\nexport function createApp() {\n  const app = express();\n  app.get('/health', (_q, r) => r.json({ ok: true }));\n  app.use('/api/users', usersRouter());\n  app.use('/api/items', items);\n  return app;\n}\n",
      'src/routes/users.ts': "import { Router } from 'express';\nexport function usersRouter() {\n  const router = Router();\n  router.get('/', h);\n  router.delete('/:id', h);\n  return router;\n}\n",
      'src/routes/items.js': "const express = require('express');\nconst r = express.Router();\nr.route('/:id').get(h).put(h);\nmodule.exports = r;\n",
    });
    expect(list(dir, 'src/app.ts')).toEqual(['GET /health', 'GET /api/users', 'DELETE /api/users/:id', 'GET /api/items/:id', 'PUT /api/items/:id']);
  });

  test('reads the status codes and literal JSON a handler sends', () => {
    const dir = tempProject({
      'app.js': "const app = express();\napp.get('/a', (req, res) => res.json({ status: 'ok', n: 1 }));\napp.post('/b', (req, res) => {\n  if (!req.body) return res.status(400).end();\n  res.sendStatus(ok ? 201 : 409);\n});\n",
    });
    const [a, b] = scanExpressRoutes(dir, 'app.js').routes;
    expect(a).toMatchObject({ path: '/a', jsonLiteral: { status: 'ok', n: 1 } });
    expect(b?.statuses).toEqual([201, 400, 409]);
  });

  test('ignores other objects with get/post methods, comments, and reports computed paths', () => {
    const dir = tempProject({
      'app.js': "const app = express();\n// app.get('/commented', h);\nconst x = axios.get('/not-a-route');\nreq.get('host');\napp.get(`/v${n}/dyn`, h);\napp.get(\"/it's\", h);\n",
    });
    const scan = scanExpressRoutes(dir, 'app.js');
    expect(scan.routes.map((r) => r.path)).toEqual(["/it's"]);
    expect(scan.skipped[0]).toMatch(/computed at run time/);
  });
});
