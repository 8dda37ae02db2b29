import { describe, expect, test } from 'vitest';
import { headerCredential } from '../../src/detect/auth/header-credential.ts';
import { scanRoutes } from '../../src/detect/routes/index.ts';
import type { Route } from '../../src/detect/routes/index.ts';
import { planApiTests } from '../../src/api/cases.ts';
import { signIns, unknownSchemes } from '../../src/api/signed-in.ts';
import { signInFlow } from '../../src/detect/auth/sign-in-flow.ts';
import { payloadClaims, signedClaims, tokenMinting } from '../../src/detect/auth/token-claims.ts';
import { readText, SourceFiles } from '../../src/detect/files.ts';
import { nestBootstrap } from '../../src/detect/routes/nest.ts';
import { tempProject } from '../support/temp-project.ts';
import { USERS } from '../support/table-views.ts';

describe('the credential a guard checks, read from its condition', () => {
  const read = (condition: string, body = '') => headerCredential(condition, 'app.js', body);

  test('a header compared with an environment value, a literal, or a prefix any token passes', () => {
    expect(read("req.get('authorization') !== `Bearer ${process.env.ADMIN_TOKEN}`")).toMatchObject({
      header: 'authorization',
      prefix: 'Bearer ',
      value: { env: 'ADMIN_TOKEN' },
    });
    expect(read("request.headers['x-api-key'] !== process.env.STAFF_KEY")).toMatchObject({ header: 'x-api-key', prefix: '', value: { env: 'STAFF_KEY' } });
    expect(read("process.env.API_KEY !== req.header('X-Api-Key')")).toMatchObject({ header: 'x-api-key', value: { env: 'API_KEY' } });
    expect(read("req.headers.authorization !== 'Bearer ' + process.env.TOKEN")).toMatchObject({ prefix: 'Bearer ', value: { env: 'TOKEN' } });
    expect(read("c.req.header('x-api-key') !== process.env['API_KEY']")).toMatchObject({ value: { env: 'API_KEY' } });
    expect(read("!req.headers.authorization?.startsWith('Bearer ')")).toMatchObject({ header: 'authorization', prefix: 'Bearer ', value: { any: true } });
    expect(read("!req.headers['x-api-key']")).toMatchObject({ header: 'x-api-key', prefix: '', value: { any: true } });
  });

  test('a read named first counts; a presence check then a comparison is the comparison', () => {
    expect(read("key !== 'sekret'", "const key = req.headers['x-api-key'];")).toMatchObject({ header: 'x-api-key', value: { literal: 'sekret' } });
    expect(read('!key || key !== process.env.KEY', "const key = req.headers['x-api-key'];")).toMatchObject({ value: { env: 'KEY' } });
  });

  test('a value the kit cannot know is said, not guessed; a condition reading no header is no credential', () => {
    expect(read("ctx.get('x-api-key') !== config.apiKey")).toHaveProperty('unknown');
    expect(read('!user')).toBeUndefined();
  });
});

describe('guards found where the scan meets them', () => {
  test('an inline check, a middleware followed to its module, a middleware that verifies a token', () => {
    const dir = tempProject({
      'app.js': [
        "const { requireKey } = require('./auth');",
        "const { authenticate } = require('./jwt');",
        "app.delete('/posts/:id', (req, res) => {",
        "  if (req.get('authorization') !== `Bearer ${process.env.ADMIN_TOKEN}`) return res.status(401).json({ error: 'no' });",
        '  res.status(204).end();',
        '});',
        "app.get('/stats', requireKey, (req, res) => res.json({ ok: true }));",
        "app.get('/me', authenticate, (req, res) => res.json(req.user));",
      ].join('\n'),
      'auth.js':
        "exports.requireKey = function requireKey(req, res, next) {\n  if (req.headers['x-api-key'] !== process.env.STATS_KEY) return res.status(403).end();\n  next();\n};\n",
      'jwt.js':
        "exports.authenticate = function authenticate(req, res, next) {\n  const token = req.headers.authorization?.split(' ')[1];\n  if (!token) return res.status(401).end();\n  req.user = jwt.verify(token, process.env.JWT_SECRET);\n  next();\n};\n",
    });
    const routes = scanRoutes({ root: dir, framework: 'express', appFile: 'app.js' }).routes;
    const byPath = Object.fromEntries(routes.map((route) => [route.path, route]));
    expect(byPath['/posts/:id']!.credential).toEqual({
      header: 'authorization',
      prefix: 'Bearer ',
      value: { env: 'ADMIN_TOKEN' },
      refusal: 401,
      source: 'app.js',
    });
    expect(byPath['/stats']!.credential).toEqual({ header: 'x-api-key', prefix: '', value: { env: 'STATS_KEY' }, refusal: 403, source: 'auth.js' });
    expect(byPath['/me']!.guarded).toBe(true);
    expect(byPath['/me']!.credential).toHaveProperty('unknown');
  });

  test('a Fastify autohooks check guards its folder, a named refusal (reply.unauthorized) gives the status', () => {
    const dir = tempProject({
      'app.js':
        "const AutoLoad = require('@fastify/autoload');\nconst fastify = Fastify();\nfastify.register(AutoLoad, { dir: path.join(__dirname, 'routes') });\n",
      'routes/api/autohooks.js':
        "module.exports = async function (fastify) {\n  fastify.addHook('onRequest', async (request, reply) => {\n    if (request.headers['x-api-key'] !== process.env.API_KEY) return reply.unauthorized('key');\n  });\n};\n",
      'routes/api/notes/index.js': "module.exports = async function (fastify) {\n  fastify.get('/', async () => []);\n};\n",
    });
    const [notes] = scanRoutes({ root: dir, framework: 'fastify', appFile: 'app.js' }).routes;
    expect(notes).toMatchObject({ path: '/api/notes', guarded: true, credential: { header: 'x-api-key', value: { env: 'API_KEY' }, refusal: 401 } });
  });
});

describe('guarded routes in the plan', () => {
  const staff: Route = {
    method: 'get',
    path: '/reports',
    file: 'app.js',
    statuses: [401],
    guarded: true,
    jsonLiteral: { ok: true },
    credential: { header: 'x-api-key', prefix: '', value: { env: 'STAFF_KEY' }, refusal: 401, source: 'app.js' },
  };
  const cases = (route: Route) =>
    planApiTests([route], [])[0]!.routes[0]!.cases.map((item) => ({
      partial: item.partial,
      status: item.status,
      credential: item.credential,
      tampered: item.tampered,
    }));

  test('refused without the credential and with a wrong one, at the status the check names; the rest signed in', () => {
    expect(cases(staff)).toEqual([
      { partial: 'unauthorized', status: 401, credential: undefined, tampered: undefined },
      { partial: 'unauthorized', status: 401, credential: 'staffKey', tampered: true },
      { partial: 'literal', status: 200, credential: 'staffKey', tampered: undefined },
    ]);
    expect(planApiTests([staff], [])[0]!.authImports).toEqual(['staffKey', 'tampered']);
  });

  test('any token after a prefix has no wrong one; what the run saw without it says nothing of the signed-in answer', () => {
    const any: Route = {
      method: 'get',
      path: '/admin/stats',
      file: 'app.js',
      statuses: [],
      guarded: true,
      observed: { statuses: [401, 200], json: true },
      credential: { header: 'authorization', prefix: 'Bearer ', value: { any: true }, refusal: 401, source: 'app.js' },
    };
    expect(cases(any)).toEqual([
      { partial: 'unauthorized', status: 401, credential: undefined, tampered: undefined },
      { partial: 'observed', status: 200, credential: 'authorizationHeader', tampered: undefined },
    ]);
  });

  test('one support/auth function per credential; a guard the kit cannot pass keeps the refusal and is named once', () => {
    const jwt: Route = {
      method: 'get',
      path: '/me',
      file: 'app.js',
      statuses: [],
      guarded: true,
      credential: { unknown: 'the guard in jwt.js verifies the authorization header' },
    };
    expect(signIns([staff, { ...staff, path: '/other' }, jwt]).map((found) => found.name)).toEqual(['staffKey']);
    expect(unknownSchemes([jwt, { ...jwt, path: '/you' }])).toEqual(['the guard in jwt.js verifies the authorization header']);
    expect(cases(jwt).map((item) => item.partial)).toEqual(['unauthorized']);
  });
});

describe('signing in through the service: registration and login routes', () => {
  const post = (path: string, fields: string[], extra: Partial<Route> = {}): Route => ({
    method: 'post',
    path,
    file: 'routes/auth.js',
    statuses: [],
    requestBody: { source: 'the handler', fields: fields.map((name) => ({ name, optional: false, type: 'string' as const })) },
    ...extra,
  });
  const register = post('/auth/register', ['email', 'name', 'password'], { statuses: [201, 400, 409] });
  const login = post('/auth/login', ['email', 'password'], { statuses: [400, 401], successBody: [{ key: 'token' }] });
  const users = {
    tables: [
      {
        name: 'users',
        columns: [
          { name: 'id', type: 'INTEGER', notNull: true, primaryKey: true, hasDefault: false, unique: false },
          { name: 'email', type: 'TEXT', notNull: true, primaryKey: false, hasDefault: false, unique: true },
          { name: 'password_hash', type: 'TEXT', notNull: true, primaryKey: false, hasDefault: false, unique: false },
        ],
        foreignKeys: [],
        indexes: [],
      },
    ],
    engine: 'ddl' as const,
  };

  test('the login answers a token; the registration takes its identity; the users table holds both', () => {
    expect(signInFlow([register, login], users)).toEqual({
      register: {
        path: '/auth/register',
        status: 201,
        fields: [
          { name: 'email', role: 'identity', type: 'string' },
          { name: 'name', role: 'other', type: 'string' },
          { name: 'password', role: 'password', type: 'string' },
        ],
        duplicate: 409,
        invalid: 400,
      },
      login: {
        path: '/auth/login',
        fields: [
          { name: 'email', role: 'identity', type: 'string' },
          { name: 'password', role: 'password', type: 'string' },
        ],
        token: 'token',
        status: 200,
        refusal: 401,
      },
      users: { table: 'users', column: 'email', primaryKey: 'id' },
    });
  });

  test('no flow without a login that answers a token, or a registration of the same identity', () => {
    expect(signInFlow([register, { ...login, successBody: [{ key: 'ok' }] }])).toBeUndefined();
    expect(signInFlow([post('/auth/register', ['username', 'password']), login])).toBeUndefined();
  });

  test("behind a verified token: the user fixture, rows the user owns, another user's refused; the flow's own routes tested as a client uses them", () => {
    const flow = signInFlow([register, login], users)!;
    const token = { header: 'authorization' as const, prefix: 'Bearer ' as const, token: 'jwt' as const, refusal: 401, source: 'auth.js' };
    const notes = {
      name: 'notes',
      singular: 'note',
      rowType: 'NoteRow',
      valuesFn: 'noteValues',
      insertFn: 'insertNote',
      primaryKey: 'id',
      columns: [],
      required: [],
      parents: [{ column: 'user_id', table: 'users', insertFn: 'insertUser', references: 'id' }],
      editable: [],
      apiFields: {},
      timestamps: [],
    };
    const read: Route = { method: 'get', path: '/notes/:id', file: 'notes.js', statuses: [404], guarded: true, readsUser: true, credential: token };
    const planned = planApiTests([read, register, login], [notes], { signIn: { flow } });
    const byRoute = Object.fromEntries(
      planned.flatMap((file) =>
        file.routes.map((route) => [route.describe, route.cases.map((item) => [item.partial, item.status, Boolean(item.user), item.owner ?? null])]),
      ),
    );
    expect(byRoute['GET /notes/:id']).toEqual([
      ['unauthorized', 401, false, null],
      ['unauthorized', 401, true, null],
      ['read', 200, true, 'user_id'],
      ['foreign-row', 404, true, 'user_id'],
      ['missing', 404, true, null],
    ]);
    expect(byRoute['POST /auth/register']!.map((item) => [item[0], item[1]])).toEqual([
      ['register', 201],
      ['register-duplicate', 409],
      ['request-refused', 400],
    ]);
    // A handler that selects the row of the user who asks answers that user's own row.
    const me: Route = { method: 'get', path: '/me', file: 'app.js', statuses: [], guarded: true, readsUser: true, selectsFrom: 'users', credential: token };
    const usersTable = { ...notes, name: 'users', singular: 'user', parents: [] };
    const [profile] = planApiTests([me], [notes, usersTable], { signIn: { flow } });
    expect(profile!.routes[0]!.cases.map((item) => item.partial)).toContain('own-row');
    expect(byRoute['POST /auth/login']!.map((item) => [item[0], item[1]])).toEqual([
      ['sign-in', 200],
      ['sign-in-refused', 401],
      ['sign-in-refused', 401],
    ]);
  });
});

describe('Nest: a guard class, plain @Body() objects', () => {
  test('@UseGuards(AuthGuard) is followed to the class that verifies the token; the handler reads the body it destructures', () => {
    const dir = tempProject({
      'src/main.ts': 'const app = await NestFactory.create(AppModule);\n',
      'src/auth.guard.ts':
        "export class AuthGuard {\n  async canActivate(context) {\n    const request = context.switchToHttp().getRequest();\n    const [type, token] = request.headers.authorization?.split(' ') ?? [];\n    if (type !== 'Bearer' || !token) throw new UnauthorizedException();\n    request.user = await this.jwtService.verifyAsync(token, { secret: process.env.JWT_SECRET });\n    return true;\n  }\n}\n",
      'src/notes.controller.ts': [
        "import { AuthGuard } from './auth.guard';",
        "@Controller('notes')",
        '@UseGuards(AuthGuard)',
        'export class NotesController {',
        '  @Post()',
        '  create(@Req() req, @Body() body: { title?: string }) {',
        '    const { title } = body ?? {};',
        "    if (typeof title !== 'string') throw new BadRequestException('title is required');",
        '    return save(req.user.sub, title);',
        '  }',
        '}',
      ].join('\n'),
    });
    const [create] = scanRoutes({
      root: dir,
      framework: 'nest',
      appFile: 'src/notes.controller.ts',
      bootstrap: nestBootstrap(readText(dir, 'src/main.ts')),
    }).routes;
    expect(create).toMatchObject({
      guarded: true,
      readsUser: true,
      credential: { token: 'jwt', secretEnv: 'JWT_SECRET', refusal: 401, source: 'src/auth.guard.ts' },
      requestBody: { fields: [{ name: 'title', optional: false, type: 'string' }] },
    });
  });
});

describe('sessions: a guard that reads the session, a login that starts one', () => {
  test('the guard needs a session; a login that stores the user and redirects signs in by cookie', () => {
    const dir = tempProject({
      'app.js': [
        "const express = require('express');",
        'const app = express();',
        'app.use(express.urlencoded({ extended: false }));',
        'function requireLogin(req, res, next) {',
        "  if (!req.session.userId) return res.status(401).json({ error: 'sign in first' });",
        '  next();',
        '}',
        "app.post('/signup', (req, res) => {",
        '  const { email, password } = req.body;',
        "  if (!email || !password) return res.status(400).json({ error: 'required' });",
        '  res.status(201).json({ email });',
        '});',
        "app.post('/login', (req, res) => {",
        '  const { email, password } = req.body;',
        '  req.session.userId = check(email, password);',
        "  res.redirect('/tasks');",
        '});',
        "app.get('/tasks', requireLogin, (req, res) => res.json(list(req.session.userId)));",
      ].join('\n'),
    });
    const routes = scanRoutes({ root: dir, framework: 'express', appFile: 'app.js' }).routes;
    const byPath = Object.fromEntries(routes.map((route) => [route.path, route]));
    expect(byPath['/tasks']).toMatchObject({ guarded: true, readsUser: true, credential: { session: true, refusal: 401, source: 'app.js' } });
    expect(byPath['/login']).toMatchObject({ startsSession: true, redirects: 302 });
    expect(signInFlow(routes)?.login).toMatchObject({ path: '/login', session: true, status: 302 });
  });
});

describe('a token signed as the service signs them, where no login route gives one', () => {
  test('the claims of its jsonwebtoken sign() call, each from a column of the users table; the secret its guard verifies with', () => {
    const dir = tempProject({
      'src/auth.js':
        "import jwt from 'jsonwebtoken';\nexport const issue = (user) => jwt.sign({ sub: user.id, role: user.role }, process.env.TOKEN_SECRET, { expiresIn: '15m' });\n",
    });
    const guarded: Route = {
      method: 'get',
      path: '/orders',
      file: 'src/app.js',
      statuses: [],
      guarded: true,
      credential: { header: 'authorization', prefix: 'Bearer ', token: 'jwt', secretEnv: 'TOKEN_SECRET', refusal: 401, source: 'src/auth.js' },
    };
    const column = (name: string, primaryKey = false) => ({ name, type: 'TEXT', notNull: true, primaryKey, hasDefault: false, unique: false });
    const schema = {
      tables: [
        { name: 'orders', columns: [column('id', true), column('item')], foreignKeys: [], indexes: [] },
        { name: 'users', columns: [column('id', true), column('role'), column('password_hash')], foreignKeys: [], indexes: [] },
      ],
      engine: 'ddl' as const,
    };
    const signed = signedClaims(new SourceFiles(dir));
    expect(signed).toEqual({
      claims: [
        { key: 'sub', property: 'id' },
        { key: 'role', property: 'role' },
      ],
      file: 'src/auth.js',
    });
    expect(tokenMinting([guarded], signed, schema)).toEqual({
      secretEnv: 'TOKEN_SECRET',
      claims: [
        { key: 'sub', column: 'id' },
        { key: 'role', column: 'role' },
      ],
      users: { table: 'users', primaryKey: 'id' },
      source: 'src/auth.js',
    });
    // Without a sign() call to sign as (detection reads none where jsonwebtoken is not declared), or a secret from the environment, there is nothing to mint.
    expect(tokenMinting([guarded], undefined, schema)).toBeUndefined();
    expect(tokenMinting([{ ...guarded, credential: { ...guarded.credential!, secretEnv: undefined } as Route['credential'] }], signed, schema)).toBeUndefined();
  });
});

describe('guards from packages, configured where they are used', () => {
  test('koa-jwt/express-jwt/hono jwt({ secret }) verify a token; express-basic-auth checks a user and a password', () => {
    const dir = tempProject({
      'app.js': [
        "const Koa = require('koa');",
        "const Router = require('@koa/router');",
        "const jwt = require('koa-jwt');",
        'const app = new Koa();',
        'const router = new Router();',
        "router.get('/health', (ctx) => { ctx.body = { ok: true }; });",
        'app.use(router.routes());',
        'app.use(jwt({ secret: process.env.JWT_SECRET }));',
        'const api = new Router();',
        "api.get('/orders', (ctx) => { ctx.body = []; });",
        'app.use(api.routes());',
      ].join('\n'),
      'express.js':
        "const app = express();\napp.get('/metrics', basicAuth({ users: { collector: process.env.METRICS_PASSWORD } }), (req, res) => res.send('ok'));\n",
    });
    const koa = scanRoutes({ root: dir, framework: 'koa', appFile: 'app.js' }).routes;
    expect(koa.map((route) => [route.path, route.credential ?? null])).toEqual([
      ['/health', null],
      ['/orders', { header: 'authorization', prefix: 'Bearer ', token: 'jwt', secretEnv: 'JWT_SECRET', refusal: 401, source: 'app.js' }],
    ]);
    const [metrics] = scanRoutes({ root: dir, framework: 'express', appFile: 'express.js' }).routes;
    expect(metrics!.credential).toEqual({
      header: 'authorization',
      prefix: 'Basic ',
      value: { basic: { user: 'collector', passwordEnv: 'METRICS_PASSWORD' } },
      refusal: 401,
      source: 'express.js',
    });
  });
});

describe('a service that verifies tokens it does not issue', () => {
  const dir = tempProject({
    'src/config.ts': "export const config = {\n  port: 3000,\n  jwtSecret: process.env.JWT_SECRET || 'your-secret-whatever',\n};\n",
    'src/controller/index.ts': "export { default as members } from './members';\n",
    'src/controller/members.ts': [
      'export default class MemberController {',
      '  public static async remove(ctx: Context): Promise<void> {',
      "    const member = db.prepare('SELECT * FROM members WHERE id = ?').get(ctx.params.id);",
      '    if (!member) { ctx.status = 404; return; }',
      '    if (ctx.state.user.email !== member.email) { ctx.status = 403; return; }',
      '    ctx.status = 204;',
      '  }',
      '}',
    ].join('\n'),
    'src/routes.ts': [
      "import Router from '@koa/router';",
      "import { members } from './controller';",
      'export const router = new Router();',
      "router.delete('/members/:id', members.remove);",
    ].join('\n'),
    'src/server.ts': [
      "import Koa from 'koa';",
      "import jwt from 'koa-jwt';",
      "import { config } from './config';",
      "import { router } from './routes';",
      'const app = new Koa();',
      'app.use(jwt({ secret: config.jwtSecret }).unless({ path: [/^\\/swagger-/] }));',
      'app.use(router.routes());',
    ].join('\n'),
  });
  const [remove] = scanRoutes({ root: dir, framework: 'koa', appFile: 'src/server.ts' }).routes;

  test("koa-jwt's secret is a setting of the config module: the variable that setting reads", () => {
    expect(remove!.credential).toEqual({
      header: 'authorization',
      prefix: 'Bearer ',
      token: 'jwt',
      secretEnv: 'JWT_SECRET',
      refusal: 401,
      source: 'src/server.ts',
    });
  });

  test('a static method of a controller class re-exported by an index module is the handler', () => {
    expect(remove!.statuses).toEqual([204, 403, 404]);
    expect(remove!.readsUser).toBe(true);
  });

  test('the claims its handlers read from the payload; tokens are minted with them for a users row', () => {
    const claims = payloadClaims(new SourceFiles(dir));
    expect(claims).toEqual({ claims: [{ key: 'email', property: 'email' }], file: 'src/controller/members.ts', readOnly: true });
    const column = (name: string, primaryKey = false) => ({ name, type: 'TEXT', notNull: true, primaryKey, hasDefault: false, unique: false });
    const schema = { tables: [{ name: 'members', columns: [column('id', true), column('email')], foreignKeys: [], indexes: [] }], engine: 'ddl' as const };
    expect(tokenMinting([remove!], claims, schema)).toEqual({
      secretEnv: 'JWT_SECRET',
      claims: [{ key: 'email', column: 'email' }],
      users: { table: 'members', primaryKey: 'id' },
      source: 'src/controller/members.ts',
      readOnly: true,
    });
  });

  test("a delete on the users table that reads who asks removes the user's own row; another user's is refused and kept", () => {
    const members = { ...USERS, name: 'members', singular: 'member', rowType: 'MemberRow', valuesFn: 'memberValues', insertFn: 'insertMember' };
    const minting = {
      secretEnv: 'JWT_SECRET',
      claims: [{ key: 'email', column: 'email' }],
      users: { table: 'members', primaryKey: 'id' },
      source: 'x',
      readOnly: true as const,
    };
    const [file] = planApiTests([remove!], [members], { signIn: { minting } });
    const cases = file!.routes[0]!.cases.filter((item) => item.user && item.partial !== 'unauthorized' && item.partial !== 'missing');
    expect(cases.map((item) => [item.partial, item.status, item.url, item.key ?? null])).toEqual([
      ['delete', 204, { pieces: [{ text: 'members' }, { value: { row: 'user', field: 'id' } }] }, { row: 'user', field: 'id' }],
      ['foreign-row', 403, { pieces: [{ text: 'members' }, { value: { row: 'member', field: 'id' } }] }, { row: 'member', field: 'id' }],
    ]);
    // A table named user: its rows are not named after the signed-in user fixture.
    const users = { ...USERS, name: 'user' };
    const list: Route = { method: 'get', path: '/user', file: 'x', statuses: [], guarded: true, credential: remove!.credential! };
    const [listed] = planApiTests([list], [users], { signIn: { minting: { ...minting, users: { table: 'user', primaryKey: 'id' } } } });
    expect(listed!.routes[0]!.cases.find((item) => item.partial === 'list')?.variable).toBe('userRow');
  });
});
