import { describe, expect, test } from 'vitest';
import { formatEndpoint, scanRoutes } from '../../src/detect/routes/index.ts';
import { readText } from '../../src/detect/files.ts';
import { nestBootstrap } from '../../src/detect/routes/nest.ts';
import type { PathAlias } from '../../src/detect/path-aliases.ts';
import { tempProject } from '../support/temp-project.ts';
import { readPathAliases } from '../../src/detect/path-aliases.ts';
import { readRuntimeEndpoints, RUNTIME_ENDPOINTS_FILE } from '../../src/detect/runtime-endpoints.ts';

const scanExpressRoutes = (root: string, appFile: string, aliases: PathAlias[] = []) => scanRoutes({ root, framework: 'express', appFile, aliases });
const list = (root: string, file: string) => scanExpressRoutes(root, file).routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);

describe('Express routes from source', () => {
  test('follows app.use prefixes into imported routers (ESM and CommonJS)', () => {
    const dir = tempProject({
      'src/app.ts':
        "import express from 'express';\nimport { usersRouter } from './routes/users.js';\nconst items = require('./routes/items');\nexport function createApp() {\n  const app = express();\n  app.get('/health', (_q, r) => r.json({ ok: true }));\n  app.use('/api/users', usersRouter());\n  app.use('/api/items', items);\n  return app;\n}\n",
      'src/routes/users.ts':
        "import { Router } from 'express';\nexport function usersRouter() {\n  const router = Router();\n  router.get('/', h);\n  router.delete('/:id', h);\n  return router;\n}\n",
      'src/routes/items.js': "const express = require('express');\nconst r = express.Router();\nr.route('/:id').get(h).put(h);\nmodule.exports = r;\n",
    });
    expect(list(dir, 'src/app.ts')).toEqual(['GET /health', 'GET /api/users', 'DELETE /api/users/:id', 'GET /api/items/:id', 'PUT /api/items/:id']);
  });

  test('reads the status codes and literal JSON a handler sends', () => {
    const dir = tempProject({
      'app.js':
        "const app = express();\napp.get('/a', (req, res) => res.json({ status: 'ok', n: 1 }));\napp.post('/b', (req, res) => {\n  if (!req.body) return res.status(400).end();\n  res.sendStatus(ok ? 201 : 409);\n});\n",
    });
    const [a, b] = scanExpressRoutes(dir, 'app.js').routes;
    expect(a).toMatchObject({ path: '/a', jsonLiteral: { status: 'ok', n: 1 } });
    expect(b?.statuses).toEqual([201, 400, 409]);
  });

  test('a router created in the same file and mounted with a path takes that path', () => {
    const dir = tempProject({
      'api.js':
        "const defineRoutes = (app) => {\n  const router = express.Router();\n  router.post('/', h);\n  router.get('/:id', h);\n  app.use('/order', router);\n};\nconst app = express();\ndefineRoutes(app);\n",
    });
    expect(list(dir, 'api.js')).toEqual(['POST /order', 'GET /order/:id']);
    expect(scanExpressRoutes(dir, 'api.js').skipped).toEqual([]);
  });

  test('an app assigned without a declaration (sloppy CommonJS) still receives the mount', () => {
    const dir = tempProject({
      'api.js':
        "let connection;\nconst initializeWebServer = () => {\n  expressApp = express();\n  defineRoutes(expressApp);\n};\nconst defineRoutes = (expressApp) => {\n  const router = express.Router();\n  router.delete('/:id', h);\n  expressApp.use('/order', router);\n};\n",
    });
    expect(list(dir, 'api.js')).toEqual(['DELETE /order/:id']);
  });

  test("a handler named from a controller module: its statuses come from the controller's function", () => {
    const dir = tempProject({
      'server.js': "const express = require('express');\nconst app = express();\napp.use('/api/authors', require('./routes/authors'));\napp.listen(3000);\n",
      'routes/authors.js':
        "const router = require('express').Router();\nconst authorsController = require('../controllers/authors');\nconst { getAuthor } = require('../controllers/authors');\nrouter.get('/:id', getAuthor);\nrouter.post('/', authorsController.postAuthor);\nmodule.exports = router;\n",
      'controllers/authors.js':
        "function getAuthor(req, res) {\n  if (!row) return res.status(404).json({ message: 'Author not found.' });\n  res.status(200).json(row);\n}\nfunction postAuthor(req, res, next) {\n  try {\n    res.status(201).json({ message: 'Author has been added.' });\n  } catch (err) {\n    next(err);\n  }\n}\nmodule.exports = { getAuthor, postAuthor };\n",
    });
    const routes = scanExpressRoutes(dir, 'server.js').routes;
    expect(routes.map((route) => [route.method, route.path, route.statuses])).toEqual([
      ['get', '/api/authors/:id', [200, 404]],
      ['post', '/api/authors', [201]],
    ]);
  });

  test('a zod schema the body is parsed with, the literal success answer, and the SELECT list', () => {
    const dir = tempProject({
      'server.js': "const express = require('express');\nconst app = express();\napp.use('/api/books', require('./routes/books'));\napp.listen(3000);\n",
      'routes/books.js':
        "const router = require('express').Router();\nconst books = require('../controllers/books');\nrouter.get('/', books.getBooks);\nrouter.post('/', books.postBook);\nrouter.patch('/:bookId', books.patchBook);\nmodule.exports = router;\n",
      'validators/books.js': [
        "const { z } = require('zod/v4');",
        'const postBookSchema = z.strictObject({',
        '  title: z.string().trim(),',
        "  genre: z.enum(['fantasy', 'sci-fi']),",
        "  authorFirstName: z.string('Author first name is required.').trim(),",
        '  note: z.string().optional(),',
        '});',
        'const patchBookSchema = postBookSchema.partial();',
        'module.exports = { postBookSchema, patchBookSchema };',
      ].join('\n'),
      'controllers/books.js': [
        "const { postBookSchema, patchBookSchema } = require('../validators/books');",
        'function getBooks(req, res) {',
        '  res.status(200).json(db.prepare(`SELECT book.book_id, book.title, author.first_name AS author, COUNT(*) AS n FROM book INNER JOIN author ON x`).all());',
        '}',
        'function postBook(req, res) {',
        '  const result = postBookSchema.safeParse(req.body);',
        "  if (!result.success) return res.status(400).json({ message: 'Validation failed.' });",
        "  res.status(201).json({ message: 'Book was added successfully.', bookId: info.lastInsertRowid });",
        '}',
        'function patchBook(req, res) {',
        '  const result = patchBookSchema.safeParse(req.body);',
        '  res.status(200).json({ ...result.data });',
        '}',
        'module.exports = { getBooks, postBook, patchBook };',
      ].join('\n'),
    });
    const [list, create, patch] = scanExpressRoutes(dir, 'server.js').routes;
    // Joined in: the names are known, the columns behind them are not this table's.
    expect(list!.selected).toEqual([{ name: 'book_id' }, { name: 'title' }, { name: 'author' }, { name: 'n' }]);
    expect(create!.requestBody).toEqual({
      source: 'postBookSchema (validators/books.js)',
      fields: [
        { name: 'title', optional: false, type: 'string' },
        { name: 'genre', optional: false },
        { name: 'authorFirstName', optional: false, type: 'string' },
        { name: 'note', optional: true, type: 'string' },
      ],
    });
    expect(create!.successBody).toEqual([{ key: 'message', literal: 'Book was added successfully.' }, { key: 'bookId' }]);
    expect(patch!.requestBody?.fields.every((field) => field.optional)).toBe(true);
    expect(patch!.successBody).toBeUndefined();
  });

  test('handlers read as written: destructured bodies, aliased selects, envelopes, inline guards', () => {
    const dir = tempProject({
      'app.js': [
        "app.get('/posts', (req, res) => {",
        "  const rows = db.prepare('SELECT id, user_id AS userId, title FROM posts ORDER BY id').all();",
        "  const { total } = db.prepare('SELECT COUNT(*) AS total FROM posts').get();",
        '  res.json({ posts: rows, total });',
        '});',
        "app.post('/posts', (req, res) => {",
        '  const { userId, title, body = null, tags } = req.body;',
        "  if (!userId || !title) return res.status(400).json({ error: 'userId and title are required' });",
        '  res.status(201).json({ id: Number(info.lastInsertRowid), userId, heading: title, status: "draft" });',
        '});',
        "app.delete('/posts/:id', (req, res) => {",
        "  if (req.get('authorization') !== `Bearer ${process.env.ADMIN_TOKEN}`) {",
        "    return res.status(401).json({ error: 'unauthorized' });",
        '  }',
        '  res.status(204).end();',
        '});',
        "app.get('/posts/:id', (req, res) => {",
        '  if (!req.params.id) return res.status(401).end();',
        '  res.json(row);',
        '});',
      ].join('\n'),
    });
    const [list, create, remove, read] = scanExpressRoutes(dir, 'app.js').routes;
    expect(list!.selected).toEqual([
      { name: 'id', column: 'id' },
      { name: 'userId', column: 'user_id' },
      { name: 'title', column: 'title' },
    ]);
    expect(list!.envelope).toBe('posts');
    expect(create!.requestBody).toEqual({
      source: 'the handler in app.js',
      fields: [
        { name: 'userId', optional: false },
        { name: 'title', optional: false },
        { name: 'body', optional: true },
        { name: 'tags', optional: true },
      ],
    });
    expect(create!.successBody).toEqual([
      { key: 'id' },
      { key: 'userId', from: 'userId' },
      { key: 'heading', from: 'title' },
      { key: 'status', literal: 'draft' },
    ]);
    expect(create!.envelope).toBeUndefined();
    expect(remove!.guarded).toBe(true);
    // A 401 that reads no credential is not a guard.
    expect(read!.guarded).toBeUndefined();
  });

  test("Joi schemas and express-validator chains name a body's fields", () => {
    const dir = tempProject({
      'app.js': [
        "const Joi = require('joi');",
        "const { body, validationResult } = require('express-validator');",
        "const createNote = Joi.object({ title: Joi.string().required(), body: Joi.string().allow(''), pinned: Joi.boolean() });",
        "app.post('/notes', (req, res) => {",
        '  const { error, value } = createNote.validate(req.body);',
        '  if (error) return res.status(400).json({ error: error.message });',
        '  res.status(201).json(value);',
        '});',
        "app.post('/members', [body('email').isEmail().normalizeEmail(), body('fullName').trim().notEmpty(), check('age').optional().isInt({ min: 0 })], (req, res) => {",
        '  if (!validationResult(req).isEmpty()) return res.status(422).end();',
        '  res.status(201).end();',
        '});',
      ].join('\n'),
    });
    const [notes, members] = scanExpressRoutes(dir, 'app.js').routes;
    expect(notes!.requestBody).toEqual({
      source: 'createNote (app.js)',
      fields: [
        { name: 'title', optional: false, type: 'string' },
        { name: 'body', optional: true, type: 'string' },
        { name: 'pinned', optional: true, type: 'boolean' },
      ],
    });
    expect(members!.requestBody).toEqual({
      source: 'the express-validator chains in app.js',
      fields: [
        { name: 'email', optional: false, type: 'string' },
        { name: 'fullName', optional: false },
        { name: 'age', optional: true, type: 'number' },
      ],
    });
  });

  test("ORM queries name the answer's fields: Knex select, Sequelize attributes, Prisma select, Drizzle select, exclusions", () => {
    const dir = tempProject({
      'app.js': [
        "app.get('/a', async (req, res) => res.json(await knex('users').select('id', 'users.email', 'full_name as fullName')));",
        "app.get('/b', async (req, res) => res.json(await User.findAll({ attributes: ['id', ['full_name', 'fullName']] })));",
        "app.get('/c', async (req, res) => res.json(await prisma.user.findMany({ select: { id: true, fullName: true } })));",
        "app.get('/d', async (req, res) => res.json(await User.findAll({ attributes: { exclude: ['password'] } })));",
        "app.get('/e', async (req, res) => res.json(await knex('posts').join('users', 'users.id', 'posts.user_id').select('posts.id', 'users.email')));",
        "app.get('/f', async (req, res) => res.json(await prisma.post.findMany({ select: { id: true, author: { select: { name: true } } } })));",
        "app.get('/g', async (req, res) => res.json(await db.select({ id: schema.posts.id, heading: posts.title, words: sql`length(${posts.body})` }).from(posts)));",
        "app.get('/h', async (req, res) => res.json(await db.select({ id: posts.id, author: users.name }).from(posts).leftJoin(users, eq(posts.authorId, users.id))));",
      ].join('\n'),
    });
    const [a, b, c, d, e, f, g, h] = scanExpressRoutes(dir, 'app.js').routes;
    expect(a!.selected).toEqual([
      { name: 'id', column: 'id' },
      { name: 'email', column: 'email' },
      { name: 'fullName', column: 'full_name' },
    ]);
    expect(b!.selected).toEqual([
      { name: 'id', column: 'id' },
      { name: 'fullName', column: 'full_name' },
    ]);
    expect(c!.selected).toEqual([
      { name: 'id', column: 'id' },
      { name: 'fullName', column: 'fullName' },
    ]);
    expect(d!.excluded).toEqual(['password']);
    // Joined in: names only.
    expect(e!.selected).toEqual([{ name: 'id' }, { name: 'email' }]);
    // A relation's own select is not the answer's field list.
    expect(f!.selected).toBeUndefined();
    // Drizzle: keys are the answer's names, each read from the table's field; a computed one has no column.
    expect(g!.selected).toEqual([{ name: 'id', column: 'id' }, { name: 'heading', column: 'title' }, { name: 'words' }]);
    expect(h!.selected).toEqual([{ name: 'id' }, { name: 'author' }]);
  });

  test('an error body set in a validation branch is not the success answer', () => {
    const dir = tempProject({
      'app.js': [
        "router.post('/books', (ctx) => {",
        '  const { author_id: authorId, title } = ctx.request.body ?? {};',
        "  if (typeof title !== 'string' || typeof authorId !== 'number') {",
        '    ctx.status = 400;',
        "    ctx.body = { error: 'author_id and title are required' };",
        '    return;',
        '  }',
        '  ctx.status = 201;',
        "  ctx.body = db.prepare('SELECT * FROM books WHERE id = ?').get(id);",
        '});',
      ].join('\n'),
    });
    const [create] = scanRoutes({ root: dir, framework: 'koa', appFile: 'app.js' }).routes;
    expect(create!.successBody).toBeUndefined();
    expect(create!.requestBody?.fields).toEqual([
      { name: 'author_id', optional: false, type: 'number' },
      { name: 'title', optional: false, type: 'string' },
    ]);
  });

  test('Fastify body schemas, named or inline, and rows answered from RETURNING', () => {
    const dir = tempProject({
      'app.js': [
        "const createPatient = { body: { type: 'object', required: ['email', 'fullName'], properties: { email: { type: 'string' }, fullName: { type: 'string' }, note: { type: 'string' } } } };",
        "fastify.post('/patients', { schema: createPatient }, async (request, reply) => {",
        '  const { rows } = await db.query(\'INSERT INTO patients (email, full_name) VALUES ($1, $2) RETURNING id, email, full_name AS "fullName"\', [request.body.email, request.body.fullName]);',
        '  reply.code(201);',
        '  return rows[0];',
        '});',
        "fastify.post('/visits', { schema: { body: Type.Object({ patientId: Type.Integer(), reason: Type.Optional(Type.String()) }) } }, async (request) => {",
        '  return { visits: [] };',
        '});',
      ].join('\n'),
    });
    const [patients, visits] = scanRoutes({ root: dir, framework: 'fastify', appFile: 'app.js' }).routes;
    expect(patients!.requestBody).toEqual({
      source: 'the body schema in app.js',
      fields: [
        { name: 'email', optional: false, type: 'string' },
        { name: 'fullName', optional: false, type: 'string' },
        { name: 'note', optional: true, type: 'string' },
      ],
    });
    expect(patients!.returned).toEqual([
      { name: 'id', column: 'id' },
      { name: 'email', column: 'email' },
      { name: 'fullName', column: 'full_name' },
    ]);
    expect(visits!.requestBody?.fields).toEqual([
      { name: 'patientId', optional: false, type: 'number' },
      { name: 'reason', optional: true, type: 'string' },
    ]);
  });

  test('statuses written as named constants, by the reason phrase Node knows', () => {
    const dir = tempProject({
      'app.js':
        "app.post('/a', (req, res) => res.status(HttpStatusCodes.CREATED).json(row));\napp.delete('/b', (req, res) => {\n  if (!row) return res.status(StatusCodes.NOT_FOUND).end();\n  res.sendStatus(HttpStatus.NO_CONTENT);\n});\napp.get('/c', (req, res) => res.json({ status: user.STATUS_UNKNOWN }));\n",
    });
    expect(scanExpressRoutes(dir, 'app.js').routes.map((route) => route.statuses)).toEqual([[201], [204, 404], []]);
  });

  test('ignores other objects with get/post methods, comments, and reports computed paths', () => {
    const dir = tempProject({
      'app.js':
        "const app = express();\n// app.get('/commented', h);\nconst x = axios.get('/not-a-route');\nreq.get('host');\napp.get(`/v${n}/dyn`, h);\napp.get(\"/it's\", h);\n",
    });
    const scan = scanExpressRoutes(dir, 'app.js');
    expect(scan.routes.map((r) => r.path)).toEqual(["/it's"]);
    expect(scan.skipped[0]).toMatch(/computed at run time/);
  });
});

test('routers imported through tsconfig paths (@/...) are followed', () => {
  const dir = tempProject({
    'tsconfig.json': '{\n  // comments are allowed here\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } }\n}\n',
    'src/app.ts':
      "import express from 'express';\nimport { userRouter } from '@/api/user/userRouter';\nconst app = express();\napp.use('/users', userRouter);\nexport { app };\n",
    'src/api/user/userRouter.ts':
      "import express from 'express';\nexport const userRouter = express.Router();\nuserRouter.get('/:id', (req, res) => res.json({}));\n",
  });
  const aliases = readPathAliases(dir);
  expect(aliases).toEqual([{ prefix: '@/', targets: ['src/'] }]);
  expect(scanExpressRoutes(dir, 'src/app.ts', aliases).routes.map((r) => `${r.method} ${r.path}`)).toEqual(['get /users/:id']);
  expect(scanExpressRoutes(dir, 'src/app.ts').skipped).toEqual([expect.stringContaining('routes mounted at /users come from userRouter')]);
});

test('the routes the running app registered are read back from the cache, and junk is ignored', () => {
  const dir = tempProject({ [RUNTIME_ENDPOINTS_FILE]: JSON.stringify(['GET /v1/users', 'POST /v1/users/:id', 'OPTIONS *', 'nonsense']) });
  expect(readRuntimeEndpoints(dir).map((r) => `${r.method} ${r.path}`)).toEqual(['get /v1/users', 'post /v1/users/:id']);
  expect(readRuntimeEndpoints(tempProject({}))).toEqual([]);
});

test('an authentication middleware the app uses for every path guards what is mounted after it, and unknown paths', () => {
  const dir = tempProject({
    'src/server.ts': [
      "import Koa from 'koa';",
      "import { open } from './open';",
      "import { guarded } from './guarded';",
      'const app = new Koa();',
      'app.use(open.routes());',
      'app.use(jwt({ secret: config.jwtSecret }).unless({ path: [/^\\/swagger-/] }));',
      'app.use(guarded.routes());',
    ].join('\n'),
    'src/open.ts': "import Router from '@koa/router';\nexport const open = new Router();\nopen.get('/', hello);\n",
    'src/guarded.ts': "import Router from '@koa/router';\nexport const guarded = new Router();\nguarded.get('/users', list);\n",
  });
  const scan = scanRoutes({ root: dir, framework: 'koa', appFile: 'src/server.ts' });
  expect(scan.routes.map((r) => [r.path, Boolean(r.guarded)])).toEqual([
    ['/', false],
    ['/users', true],
  ]);
  expect(scan.guardsUnknown).toBe(true);
  expect(
    scanExpressRoutes(tempProject({ 'app.js': "const app = express();\napp.use('/admin', auth);\napp.get('/x', h);\n" }), 'app.js').guardsUnknown,
  ).toBeUndefined();
});

test('a guard used in a router file guards the routes after it, not those before; a catch-all path counts as none', () => {
  const router =
    "const router = require('express').Router();\nrouter.get('/health', ok);\nrouter.use(requireAuth);\nrouter.get('/stats', stats);\nmodule.exports = router;\n";
  expect(scanExpressRoutes(tempProject({ 'admin.js': router }), 'admin.js').routes.map((r) => [r.path, Boolean(r.guarded)])).toEqual([
    ['/health', false],
    ['/stats', true],
  ]);
  const hono = "const app = new Hono();\napp.get('/', home);\napp.use('/*', bearerAuth({ token }));\napp.get('/notes', list);\nexport default app;\n";
  const scan = scanRoutes({ root: tempProject({ 'src/app.ts': hono }), framework: 'hono', appFile: 'src/app.ts' });
  expect(scan.routes.map((r) => [r.path, Boolean(r.guarded)])).toEqual([
    ['/', false],
    ['/notes', true],
  ]);
  expect(scan.guardsUnknown).toBe(true);
});

test('routes behind authentication middleware are marked guarded; controllers named auth-something are not', () => {
  const dir = tempProject({
    'app.js': [
      "const express = require('express');",
      'const app = express();',
      "app.get('/users', auth('getUsers'), validate(schema), usersController.list);",
      "app.post('/login', authController.login);",
      "app.get('/authors', authorsController.list);",
      "app.get('/me', passport.authenticate('jwt', { session: false }), (req, res) => res.json(req.user));",
      'module.exports = app;',
    ].join('\n'),
    'admin.js':
      "const router = require('express').Router();\nrouter.use(requireAuth);\nrouter.get('/stats', (req, res) => res.json({}));\nmodule.exports = router;\n",
  });
  expect(scanExpressRoutes(dir, 'app.js').routes.map((r) => [r.path, Boolean(r.guarded)])).toEqual([
    ['/users', true],
    ['/login', false],
    ['/authors', false],
    ['/me', true],
  ]);
  expect(scanExpressRoutes(dir, 'admin.js').routes.map((r) => r.guarded)).toEqual([true]);
});

describe('other frameworks from source', () => {
  const scan = (root: string, framework: 'fastify' | 'koa' | 'hono' | 'nest', appFile: string, bootstrapFile?: string) =>
    scanRoutes({ root, framework, appFile, ...(bootstrapFile ? { bootstrap: nestBootstrap(readText(root, bootstrapFile)) } : {}) }).routes.map((r) =>
      [formatEndpoint(r), r.statuses.join(','), r.guarded ? 'guarded' : ''].filter(Boolean).join(' '),
    );

  test('Fastify: register prefixes, route objects, type arguments, body schemas and auth hooks', () => {
    const dir = tempProject({
      'src/app.ts':
        "import Fastify from 'fastify';\nimport users from './users.js';\nimport { admin } from './admin.js';\nexport function buildApp() {\n  const app = Fastify();\n  app.get('/health', async () => ({ ok: true }));\n  app.register(users, { prefix: '/api/users' });\n  app.register(admin(db), { prefix: '/admin' });\n  return app;\n}\n",
      'src/users.ts':
        "const create = { body: { type: 'object' } } as const;\nexport default async function (fastify) {\n  fastify.route({ method: ['GET', 'HEAD'], url: '/', handler: list });\n  fastify.post<{ Body: { name: Partial<Pick<U, 'a'>> } }>('/', { schema: create }, async (req, reply) => {\n    reply.code(201);\n  });\n  fastify.get<{ Params: { id: string } }>('/:id', async (req, reply) => reply.code(404).send());\n}\n",
      'src/admin.ts':
        "export const admin = (db) => async (app: FastifyInstance) => {\n  app.addHook('onRequest', app.authenticate);\n  app.delete('/cache', async () => ({}));\n};\n",
    });
    expect(scan(dir, 'fastify', 'src/app.ts')).toEqual([
      'GET /health',
      'GET /api/users',
      'POST /api/users 201,400',
      'GET /api/users/:id 404',
      'DELETE /admin/cache guarded',
    ]);
  });

  test('Fastify autoload: an autohooks file that answers 401 guards its folder and the folders below, but the URLs it lets through', () => {
    const dir = tempProject({
      'src/app.ts':
        "import fastifyAutoload from '@fastify/autoload';\nexport default async function app(fastify) {\n  fastify.register(fastifyAutoload, { dir: path.join(import.meta.dirname, 'routes'), autoHooks: true, cascadeHooks: true });\n}\n",
      'src/routes/home.ts': "export default async function (fastify) {\n  fastify.get('/', async () => ({ ok: true }));\n}\n",
      'src/routes/api/autohooks.ts':
        "export default async function (fastify) {\n  fastify.addHook('onRequest', async (request, reply) => {\n    if (request.url.startsWith('/api/auth/login')) return;\n    if (!request.session.user) reply.unauthorized('sign in');\n  });\n}\n",
      'src/routes/api/auth/index.ts': "export default async function (fastify) {\n  fastify.post('/login', async () => ({}));\n}\n",
      'src/routes/api/tasks/index.ts': "export default async function (fastify) {\n  fastify.get('/', async () => []);\n}\n",
    });
    expect(scan(dir, 'fastify', 'src/app.ts')).toEqual(['POST /api/auth/login', 'GET /api/tasks guarded', 'GET /']);
  });

  test('Koa: router prefixes and routers mounted from other files', () => {
    const dir = tempProject({
      'app.js':
        "const Koa = require('koa');\nconst books = require('./books');\nconst app = new Koa();\napp.use(books.routes()).use(books.allowedMethods());\nmodule.exports = app;\n",
      'books.js':
        "const { Router } = require('@koa/router');\nconst router = new Router({ prefix: '/books' });\nrouter.get('/', (ctx) => { ctx.body = []; });\nrouter.delete('/:id', (ctx) => { ctx.status = changes ? 204 : 404; });\nrouter.post('/', (ctx) => { ctx.throw(400, 'no'); });\nmodule.exports = router;\n",
    });
    expect(scan(dir, 'koa', 'app.js')).toEqual(['GET /books', 'DELETE /books/:id 204,404', 'POST /books 400']);
  });

  test('Hono: basePath, sub-apps mounted with route(), statuses passed to c.json', () => {
    const dir = tempProject({
      'app.ts':
        "import { Hono } from 'hono';\nimport { events } from './events';\nexport const app = new Hono().basePath('/v1');\napp.get('/status', (c) => c.json({ ok: true }));\napp.route('/events', events);\n",
      'events.ts':
        "export const events = new Hono();\nevents.post('/', async (c) => c.json(await make(c), 201));\nevents.get('/:id', (c) => (row ? c.json(row) : c.notFound()));\n",
    });
    expect(scan(dir, 'hono', 'app.ts')).toEqual(['GET /v1/status', 'POST /v1/events 201', 'GET /v1/events/:id 404']);
  });

  test('Nest: controllers, the global prefix, POST answering 201 unless @HttpCode says otherwise, guards', () => {
    const dir = tempProject({
      'src/main.ts': "const app = await NestFactory.create(AppModule);\napp.setGlobalPrefix('api');\n",
      'src/users.controller.ts':
        "@Controller('users')\nexport class UsersController {\n  @Get(':id')\n  get(@Param('id') id: string) {\n    throw new NotFoundException();\n  }\n\n  @Post()\n  create() {}\n\n  @Delete(':id')\n  @HttpCode(204)\n  @UseGuards(JwtAuthGuard)\n  remove() {}\n\n  @Post('import')\n  @HttpCode(200)\n  bulk() {}\n}\n",
      'src/users.controller.spec.ts': "@Controller('ignored')\nclass X { @Get() a() {} }\n",
    });
    expect(scan(dir, 'nest', 'src/app.module.ts', 'src/main.ts')).toEqual([
      'GET /api/users/:id 404',
      'POST /api/users 201',
      'DELETE /api/users/:id 204 guarded',
      'POST /api/users/import 200',
    ]);
  });

  test('Nest: a @Body() DTO names the request fields (class-validator, mapped types), and a global ValidationPipe refuses a body without them', () => {
    const dir = tempProject({
      'src/main.ts': 'const app = await NestFactory.create(AppModule);\napp.useGlobalPipes(new ValidationPipe({ whitelist: true }));\n',
      'src/notes/create-note.dto.ts':
        "import { IsOptional, IsString, MaxLength } from 'class-validator';\nexport class CreateNoteDto {\n  @IsString()\n  @MaxLength(120, { message: 'too long' })\n  title!: string;\n\n  @IsOptional()\n  @IsString()\n  body: string;\n\n  readonly authorName?: string;\n}\n",
      'src/notes/update-note.dto.ts':
        "import { PartialType } from '@nestjs/mapped-types';\nimport { CreateNoteDto } from './create-note.dto';\nexport class UpdateNoteDto extends PartialType(CreateNoteDto) {}\nexport class RenameDto extends PickType(CreateNoteDto, ['title'] as const) {}\n",
      'src/notes/notes.controller.ts':
        "import { CreateNoteDto } from './create-note.dto';\nimport { RenameDto, UpdateNoteDto } from './update-note.dto';\n@Controller('notes')\nexport class NotesController {\n  @Post()\n  create(@Body() dto: CreateNoteDto): Promise<Note> {\n    return this.notes.save(dto);\n  }\n\n  @Patch(':id')\n  update(@Param('id') id: string, @Body() dto: UpdateNoteDto) {}\n\n  @Put(':id/title')\n  rename(@Body() dto: RenameDto) {}\n}\n",
    });
    const routes = scanRoutes({ root: dir, framework: 'nest', appFile: 'src/app.module.ts', bootstrap: nestBootstrap(readText(dir, 'src/main.ts')) }).routes;
    expect(routes.map((route) => [formatEndpoint(route), route.statuses, route.requestBody?.fields])).toEqual([
      [
        'POST /notes',
        [201, 400],
        [
          { name: 'title', optional: false, type: 'string' },
          { name: 'body', optional: true, type: 'string' },
          { name: 'authorName', optional: true, type: 'string' },
        ],
      ],
      [
        'PATCH /notes/:id',
        [],
        [
          { name: 'title', optional: true, type: 'string' },
          { name: 'body', optional: true, type: 'string' },
          { name: 'authorName', optional: true, type: 'string' },
        ],
      ],
      ['PUT /notes/:id/title', [400], [{ name: 'title', optional: false, type: 'string' }]],
    ]);
    expect(routes[0]!.requestBody?.source).toBe('the DTO CreateNoteDto (src/notes/create-note.dto.ts)');
  });
});

test('error bodies handlers spell out, per status, in each framework idiom', () => {
  const dir = tempProject({
    'app.js':
      "const app = express();\napp.get('/a/:id', (req, res) => res.status(404).json({ error: 'no such a, or b', code: 12, id }));\n" +
      "app.get('/b/:id', (c) => c.json({ message: 'gone' }, 404));\n" +
      "app.get('/c/:id', (ctx) => { ctx.throw(404, 'no such c'); });\n" +
      "app.post('/d', (req, reply) => { reply.code(400).send({ errors: [1] }); });\n",
  });
  const bodies = scanExpressRoutes(dir, 'app.js').routes.map((r) => r.errorBodies);
  expect(bodies).toEqual([
    { 404: { json: { error: 'string', code: 'number', id: 'any' } } },
    { 404: { json: { message: 'string' } } },
    { 404: { text: 'no such c' } },
    undefined,
  ]);
});

test('headers handlers set to literal values (cache headers and the like), content type aside', () => {
  const dir = tempProject({
    'app.js':
      "const app = express();\napp.get('/a', (req, res) => { res.set('Cache-Control', 'no-store'); res.setHeader('Content-Type', 'text/csv'); res.send(csv); });\n" +
      "app.get('/b', (c) => { c.header('ETag', '\"v1\"'); return c.json({}); });\n",
  });
  expect(scanExpressRoutes(dir, 'app.js').routes.map((r) => r.headers)).toEqual([{ 'cache-control': 'no-store' }, { etag: '"v1"' }]);
});
