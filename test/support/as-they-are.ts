import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { endpointCoverage, expectMutationToFailTheSuite, expectSecondRunToChangeNothing, type Mutation } from './checks.ts';
import { checkJs, fixtureCopy, gitStatus, runKit } from './projects.ts';
import { machineNode } from './runtimes.ts';
import { containerEngine, listening } from './services.ts';
import { MUTANTS } from '../mutants/index.ts';

/**
 * Issue #14: services written the way services usually are get a green suite from `--yes` and no
 * other flag, with their source untouched (`git status` shows only the harness, package.json and
 * the lockfile). Postgres fixtures run in the default container mode where an engine answers,
 * else against the machine's PostgreSQL (TEST_DATABASE_URL, an environment setting, not a flag).
 * Two test files share the fixtures (those on SQLite, those on a server), so CI's two workers can.
 */
const runtime = machineNode();
const engine = await containerEngine();
const postgresUp = await listening(5432);
type Database = { env?: Record<string, string>; skip?: string };
const mysqlUp = await listening(3306);
const sqlite: Database = { env: {} };
const mysql: Database =
  engine === true
    ? { env: {} }
    : mysqlUp
      ? { env: { TEST_DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' } }
      : { skip: `${engine}, and nothing listens on 127.0.0.1:3306` };
const postgres: Database =
  engine === true
    ? { env: {} }
    : postgresUp
      ? { env: { TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' } }
      : { skip: `${engine}, and nothing listens on 127.0.0.1:5432` };

/** How many of a fixture's mutants (test/mutants) the e2e runs; the others run their first. */
const MUTANTS_RUN: Record<string, number> = { 'express-camel-sqlite-ts-cjs': 3, 'koa-jwt-config-ts-cjs': 2 };

/** A fixture's real bug: the kit's summary names it, and its test is a known failure. */
interface Defect {
  request: string;
  status: number;
}

const FIXTURES: {
  name: string;
  ts: boolean;
  endpoints: number;
  db: Database;
  breakApp?: Mutation;
  defects?: Defect[];
  repaired?: string[];
  pinned?: string[];
  fieldsPinned?: string[];
  leftOut?: string[];
}[] = [
  {
    // Issue #15's first service: a camelCase API over snake_case columns (destructured bodies, aliased and partial
    // selects), 201 on create, a list wrapped in an envelope, a delete guarded by an inline check, and a resource whose
    // handlers pass req.body to a service module (the first run's column names are refused; the repaired plan is green)
    // and answer the create through a helper in another module (201 the kit cannot read: contradicted, then pinned).
    // Its tag read maps the row in another module (camelCase names, an ISO time: the fields are pinned as answered)
    // and never answers an id that is no number (Express 4, an async handler that throws: the invalid-id test is left out).
    name: 'express-camel-sqlite-ts-cjs',
    ts: true,
    endpoints: 12,
    db: sqlite,
    repaired: ['POST /tags', 'PUT /tags/:id'],
    pinned: ['POST /tags > creates a tag'],
    fieldsPinned: ['GET /tags/:id > returns the stored tag'],
    leftOut: ['GET /tags/:id > rejects an invalid id with 400'],
  },
  {
    // Issue #16's first service: jsonwebtoken behind a requireAuth middleware (router-wide on /notes, per route on /me),
    // register and login routes (bcryptjs), notes owned by users: a list filtered by owner, a read scoped to it, a delete
    // that refuses another user's note with 403. Tests sign in through the service's own routes.
    name: 'express-jwt-sqlite-js-cjs',
    ts: false,
    endpoints: 8,
    db: sqlite,
  },
  {
    // Fastify with @fastify/jwt: an `authenticate` decorator added by a plugin and used as a hook, a signup and a login
    // answering `accessToken`, bookmarks owned by accounts (a delete that answers 404 for another account's bookmark).
    name: 'fastify-jwt-sqlite-ts-esm',
    ts: true,
    endpoints: 6,
    db: sqlite,
  },
  {
    // Nest as its docs teach JWT: JwtModule.register from the environment, an AuthGuard class verifying the bearer token
    // with verifyAsync, @UseGuards on the controller, plain @Body() objects, todos owned by users (403 for another's).
    name: 'nest-jwt-sqlite-ts-cjs',
    ts: true,
    endpoints: 6,
    db: sqlite,
  },
  {
    // express-session behind a requireLogin router middleware, an HTML-form service (urlencoded bodies only): signup,
    // a login that stores the user in the session and redirects, tasks owned by users. Tests send the session cookie.
    name: 'express-session-sqlite-js-cjs',
    ts: false,
    endpoints: 6,
    db: sqlite,
  },
  {
    // jsonwebtoken behind an authenticate middleware, a login but no registration (staff create accounts): tests sign
    // a token with TOKEN_SECRET in the claims shape the service's own sign() uses, for a users row they insert.
    name: 'express-jwt-mint-js-esm',
    ts: false,
    endpoints: 5,
    db: sqlite,
  },
  {
    // koa-jwt in front of routers mounted in server.ts, its secret a setting of a config module (`jwtSecret: process.env.JWT_SECRET || '...'`);
    // the service issues no token: tests sign one with the claims its handlers read (`ctx.state.user.email`); handlers are static class methods.
    name: 'koa-jwt-config-ts-cjs',
    ts: true,
    endpoints: 5,
    db: sqlite,
  },
  {
    // Created, wired and listened in src/server.ts; its SQLite module opens the file DATABASE_FILE names. GET /warehouses/:id/stock has a real 500 bug.
    name: 'express-listen-ts-cjs',
    ts: true,
    endpoints: 8,
    db: sqlite,
    defects: [{ request: 'GET /warehouses/example/stock', status: 500 }],
  },
  {
    // Issue #15's second service: Fastify over a pg pool opened at import, JSON Schema bodies (camelCase names over
    // snake_case columns), quoted aliases, RETURNING, reply.code(201), an envelope, an inline API-key check.
    name: 'fastify-pg-js-cjs',
    ts: false,
    endpoints: 7,
    db: postgres,
  },
  {
    // Express 5 (ESM) with express-validator chains (422) and a Joi schema (400), camelCase over snake_case, an envelope beside a count.
    name: 'express-validators-js-esm',
    ts: false,
    endpoints: 6,
    db: sqlite,
  },
  {
    // A pg pool opened at import from DATABASE_URL, checked by zod with a secret beside it.
    name: 'hono-pgpool-ts-esm',
    ts: true,
    endpoints: 7,
    db: postgres,
    breakApp: { file: 'src/routes/bookings.ts', from: "await client.query('COMMIT');", to: "await client.query('ROLLBACK');" },
  },
  {
    // The Koa app exists only inside the callback of its first query: booted from main.
    name: 'koa-pgconnect-js-cjs',
    ts: false,
    endpoints: 7,
    db: postgres,
    breakApp: { file: 'src/routes/members.js', from: "if (!rows[0]) ctx.throw(404, 'member not found');", to: '' },
  },
  {
    // No migrations: sequelize.sync() builds the schema at start (SQLite through sqlite3), then the app listens.
    name: 'express-sequelize-sync-js-cjs',
    ts: false,
    endpoints: 6,
    db: sqlite,
    breakApp: { file: 'src/routes/products.js', from: "if (!removed) return res.status(404).json({ error: 'product not found' });", to: '' },
  },
  {
    // Nest with TypeOrmModule.forRoot from the environment, no DataSource export, entities by a __dirname glob, schema from synchronize.
    name: 'nest-typeorm-env-ts-cjs',
    ts: true,
    endpoints: 5,
    db: postgres,
    breakApp: { file: 'src/notes/notes.controller.ts', from: "if (!affected) throw new NotFoundException('note not found');", to: '' },
  },
  {
    // fastify/demo's shape: a root plugin autoloading a Knex plugin that opens mysql2 from the environment, postgrator SQL files, an autohook guard.
    name: 'fastify-knex-mysql-ts-esm',
    ts: true,
    endpoints: 5,
    db: mysql,
  },
  {
    // testjavascript's shape: the app created and listened in a function, a Sequelize built lazily in a repository from a JSON config's literals (pg), sequelize-cli migrations in the folder a script cd's into.
    name: 'express-sequelize-literals-js-cjs',
    ts: false,
    endpoints: 3,
    db: postgres,
    breakApp: { file: 'src/entry-points/api.js', from: '      if (!order) return res.status(404).end();\n', to: '' },
  },
  {
    // apcurran's shape: Express 5 listened in server.js, routers naming controller functions, zod schemas in their own
    // modules (camelCase over snake_case columns, a parent named by its display name), literal success answers, JOIN selects.
    name: 'express-zod-controllers-js-cjs',
    ts: false,
    endpoints: 9,
    db: sqlite,
  },
  {
    // Drizzle over @libsql/client opened at import from a zod-checked DATABASE_URL, casing snake_case, boolean modes, statuses as constants.
    name: 'hono-drizzle-libsql-ts-esm',
    ts: true,
    endpoints: 6,
    db: sqlite,
    breakApp: { file: 'src/routes/projects.ts', from: "  if (!deleted.length) return c.json({ error: 'project not found' }, HttpStatus.NOT_FOUND);", to: '' },
  },
];

/** The fixtures on SQLite (`server: false`), or those on a Postgres or MySQL server, each a describe block. */
export function describeAsTheyAre(server: boolean): void {
  for (const fixture of FIXTURES.filter((candidate) => (candidate.db !== sqlite) === server)) {
    describe.skipIf(fixture.db.skip)(`${fixture.name}${fixture.db.skip ? ` (skipped: ${fixture.db.skip})` : ''}`, () => {
      const env = { ...runtime, env: { ...runtime.env, ...fixture.db.env } };
      let dir: string;
      beforeAll(async () => {
        dir = await fixtureCopy(fixture.name, env);
      });

      test('--yes alone gives a green suite that calls every endpoint, and edits nothing of the service', async () => {
        const result = await runKit(dir, ['--yes'], env);
        expect(result.exitCode, result.all).toBe(0);
        expect(result.stdout).toContain('The integration suite is green');
        expect(endpointCoverage(result.stdout)).toEqual({ called: fixture.endpoints, total: fixture.endpoints });
        const changed = (await gitStatus(dir)).split('\n').map((line) => line.slice(3));
        expect(changed.filter((file) => !file.startsWith('test/integration/') && file !== 'package.json' && file !== 'package-lock.json')).toEqual([]);
        // A real bug is a finding: named in the summary, its test a known failure, the suite green.
        const defects = [...result.stdout.matchAll(/^ {2}(\w+ \S+) answered (\d+): /gm)].map((match) => ({ request: match[1], status: Number(match[2]) }));
        expect(defects).toEqual(fixture.defects ?? []);
        // A body the service refused is rebuilt in the next plan, and the note says so.
        const repaired = [...result.stdout.matchAll(/note: (\w+ \S+): the service refused /g)].map((match) => match[1]);
        expect(repaired).toEqual(fixture.repaired ?? []);
        // A status the service contradicted is pinned to what it answered, and said.
        const pinned = [...result.stdout.matchAll(/note: (\w+ \S+ > [^:]+): the kit read \d+ from the source; the service answered \d+/g)].map(
          (match) => match[1],
        );
        expect(pinned).toEqual(fixture.pinned ?? []);
        // A read whose answer holds the row otherwise (renamed, formatted) asserts the fields as answered, and says so.
        const fieldsPinned = [
          ...result.stdout.matchAll(/note: (\w+ \S+ > [^:]+): the service answered [^;]+ in the kit's run; the test asserts the fields as answered/g),
        ].map((match) => match[1]);
        expect(fieldsPinned).toEqual(fixture.fieldsPinned ?? []);
        // A request the kit built from what it read alone, left unanswered, is left out, and said.
        const leftOut = [...result.stdout.matchAll(/note: (\w+ \S+ > [^:]+): the service did not answer before the test timed out/g)].map((match) => match[1]);
        expect(leftOut).toEqual(fixture.leftOut ?? []);
      });

      test(fixture.ts ? 'the generated TypeScript passes tsc --strict' : 'the generated JavaScript type-checks with checkJs', async () => {
        const result = fixture.ts
          ? await execa('npx', ['tsc', '-p', 'test/integration/tsconfig.json'], { cwd: dir, reject: false, all: true, env: env.env })
          : await checkJs(dir, env);
        expect(result.exitCode, result.all).toBe(0);
      });

      test('a second run changes nothing', async () => {
        await expectSecondRunToChangeNothing(dir, env);
      });

      // Issue #15's first fixture runs its first three mutants here, the rest their first one;
      // bench/mutation.ts scores the whole lists (CI stays within its 45 minutes). Only the API tests run: the mutants
      // are in handlers.
      const listed = MUTANTS[fixture.name] ?? (fixture.breakApp ? [{ name: 'breaking the app', ...fixture.breakApp }] : []);
      const mutants = listed.slice(0, MUTANTS_RUN[fixture.name] ?? 1);
      for (const mutant of mutants) {
        test(`the generated tests can fail: ${mutant.name} turns the suite red`, async () => {
          await expectMutationToFailTheSuite(dir, env, mutant, ['test/integration/api']);
        });
      }
    });
  }
}
