import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { endpointCoverage, expectCoverageToFailWithoutATest, expectMutationToFailTheSuite, expectSecondRunToChangeNothing, plain } from '../support/checks.ts';
import { checkJs, fixtureCopy, gitStatus, runKit } from '../support/projects.ts';
import { ensureNode24, machineNode, type Runtime } from '../support/runtimes.ts';
import { RUNTIME_ENDPOINTS_FILE } from '../../src/detect/runtime-endpoints.ts';

/**
 * Issue 4's "done when" for the frameworks beyond Express: a fixture service per framework
 * (TypeScript and JavaScript, ESM and CommonJS between them) gets a green suite that calls
 * every endpoint; the kit's endpoint list is exactly the one the framework reports at run time;
 * removing a generated test fails the coverage reporter; breaking the app turns the suite red.
 */
const FIXTURES = [
  {
    name: 'fastify-sqlite-ts-esm',
    ts: true,
    endpoints: 9,
    node24: true,
    breakApp: { file: 'src/routes/projects.ts', from: 'reply.code(201);', to: 'reply.code(200);' },
  },
  {
    // fastify-cli's shape: a root plugin in app.js, routes autoloaded from folders; Fastify 4, no database.
    name: 'fastify4-plugin-js-cjs',
    ts: false,
    endpoints: 5,
    node24: false,
    breakApp: { file: 'routes/root.js', from: 'return { root: true }', to: 'return { root: false }' },
  },
  {
    name: 'koa-sqlite-js-cjs',
    ts: false,
    endpoints: 9,
    node24: false,
    breakApp: { file: 'src/routes/books.js', from: "if (!book) ctx.throw(404, 'book not found');\n  ctx.body = book;", to: 'ctx.body = book ?? {};' },
    // docs/openapi.yaml documents GET /stats; only the schema check can tell a renamed field.
    drift: {
      file: 'src/routes/authors.js',
      from: 'ctx.body = { books: count',
      to: 'ctx.body = { bookCount: count',
      message: /must have required property 'books'/,
    },
  },
  {
    // Its .prettierrc (no semicolons, double quotes): the generated files must come out in that style.
    name: 'hono-sqlite-js-esm',
    ts: false,
    endpoints: 8,
    node24: false,
    prettier: true,
    breakApp: { file: 'src/routes/venues.js', from: 'WHERE venue_id = ?', to: 'WHERE venue_id <> ?' },
  },
  {
    name: 'nest-sqlite-ts-cjs',
    ts: true,
    endpoints: 6,
    node24: false,
    breakApp: { file: 'src/products/products.controller.ts', from: '@HttpCode(204)', to: '@HttpCode(200)' },
    // openapi.json (3.1) documents a non-negative price.
    drift: {
      file: 'src/products/products.service.ts',
      from: "return db.prepare('SELECT * FROM products ORDER BY id')",
      to: "return db.prepare('SELECT id, category_id, name, -1 AS price_cents FROM products ORDER BY id')",
      message: /price_cents must be >= 0/,
    },
  },
];

const node24 = await ensureNode24();
const runtimes: { runtime?: Runtime; skip?: string; all: boolean }[] = [
  { runtime: machineNode(), all: true },
  typeof node24 === 'string' ? { skip: node24, all: false } : { runtime: node24, all: false },
];

for (const { runtime, skip, all } of runtimes) {
  describe.skipIf(!runtime)(`on ${runtime?.label ?? `Node 24 (skipped: ${skip})`}`, () => {
    for (const fixture of FIXTURES.filter((candidate) => all || candidate.node24)) {
      describe(fixture.name, () => {
        let dir: string;
        beforeAll(async () => {
          dir = await fixtureCopy(fixture.name, runtime!);
        });

        test('--dry-run writes nothing', async () => {
          const result = await runKit(dir, ['--dry-run'], runtime!);
          expect(result.exitCode, result.all).toBe(0);
          expect(result.stdout).toContain('nothing was written');
          expect(await gitStatus(dir)).toBe('');
        });

        test('the generated suite passes and calls every endpoint', async () => {
          const result = await runKit(dir, [], runtime!);
          expect(result.exitCode, result.all).toBe(0);
          expect(result.stdout).toContain('The integration suite is green');
          expect(endpointCoverage(result.stdout)).toEqual({ called: fixture.endpoints, total: fixture.endpoints });
          expect(plain(result.stdout)).not.toMatch(/\bfailed\b/);
        });

        test("the kit's endpoint list is the one the framework reports at run time", () => {
          const runtimeView = JSON.parse(readFileSync(path.join(dir, RUNTIME_ENDPOINTS_FILE), 'utf8')) as string[];
          const listed = readFileSync(path.join(dir, `test/integration/support/endpoints.${fixture.ts ? 'ts' : 'js'}`), 'utf8');
          // In the kit's style or the project's Prettier style (double quotes, entries broken over lines).
          const kitView = [...listed.matchAll(/\{\s*method: ['"](\w+)['"],\s*path: ['"]([^'"]+)['"](?:,\s*handler: \{[^}]*\})?,?\s*\}/g)].map(
            ([, method, endpoint]) => `${method} ${endpoint}`,
          );
          expect(kitView.sort()).toEqual([...runtimeView].sort());
          expect(kitView).toHaveLength(fixture.endpoints);
        });

        // The reporter counts calls the same way for every framework and Node: scaffold.test proves it on Express, Nest (a module, not an app) here.
        test.runIf(all && fixture.name.startsWith('nest-'))('removing a generated API test makes the coverage reporter fail the run', async () => {
          await expectCoverageToFailWithoutATest(dir, runtime!);
        });

        test(fixture.ts ? 'the generated TypeScript passes tsc --strict' : 'the generated JavaScript type-checks with checkJs', async () => {
          const result = fixture.ts
            ? await execa('npx', ['tsc', '-p', 'test/integration/tsconfig.json'], { cwd: dir, reject: false, all: true, env: runtime!.env })
            : await checkJs(dir, runtime!);
          expect(result.exitCode, result.all).toBe(0);
        });

        test.runIf('prettier' in fixture)("the generated files are in the project's Prettier style", async () => {
          const result = await execa('npx', ['prettier', '--check', 'test/integration'], { cwd: dir, reject: false, all: true, env: runtime!.env });
          expect(result.exitCode, result.all).toBe(0);
          expect(readFileSync(path.join(dir, 'test/integration/support/fixtures.js'), 'utf8')).toContain('import request from "supertest"\n');
        });

        test('a second run changes nothing', async () => {
          await expectSecondRunToChangeNothing(dir, runtime!);
        });

        // The mutations run on the machine's Node: what a generated test asserts is the same code on Node 24.
        test.runIf(all && fixture.drift)('a handler that drifts from the OpenAPI document fails its test, naming what drifted', async () => {
          const output = await expectMutationToFailTheSuite(dir, runtime!, fixture.drift!);
          expect(output).toMatch(/Tests\s+1 failed/);
        });

        test.runIf(all)('the generated tests can fail: breaking the app turns the suite red', async () => {
          await expectMutationToFailTheSuite(dir, runtime!, fixture.breakApp);
        });
      });
    }
  });
}
