import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import semver from 'semver';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectCoverageToFailWithoutATest, expectMutationToFailTheSuite, expectSecondRunToChangeNothing } from '../support/checks.ts';
import { checkJs, fixtureCopy, gitStatus, harnessConfig, runKit } from '../support/projects.ts';
import { ensureNode24, machineNode, type Runtime } from '../support/runtimes.ts';
import { versionSetFor } from '../../src/kit/versions.ts';

/**
 * The issue's "done when": scaffold into a temp copy of each fixture service,
 * install, see the generated suite pass, run again and see nothing change, and
 * see --dry-run leave the tree byte-identical. On Node 20 and on Node 24.
 */
const FIXTURES = [
  { name: 'express-sqlite-ts-esm', ts: true, minTests: 22, breakApp: { file: 'src/routes/users.ts', from: 'res.status(201)', to: 'res.status(200)' } },
  {
    name: 'express-sqlite-js-cjs',
    ts: false,
    minTests: 18,
    breakApp: { file: 'src/routes/products.js', from: "db.prepare('SELECT * FROM products ORDER BY id')", to: "db.prepare('SELECT * FROM products WHERE 0')" },
  },
];

const node24 = await ensureNode24();
const runtimes: { runtime?: Runtime; skip?: string }[] = [{ runtime: machineNode() }, typeof node24 === 'string' ? { skip: node24 } : { runtime: node24 }];

for (const { runtime, skip } of runtimes) {
  describe.skipIf(!runtime)(`on ${runtime?.label ?? `Node 24 (skipped: ${skip})`}`, () => {
    // Node 24 reruns the TypeScript ESM service only: what it changes is the dependency set, the same for both.
    for (const fixture of FIXTURES.filter((candidate) => runtime?.version !== '24' || candidate.ts)) {
      describe(fixture.name, () => {
        let dir: string;
        beforeAll(async () => {
          dir = await fixtureCopy(fixture.name, runtime!);
        });

        test('--dry-run prints the plan and writes nothing', async () => {
          const result = await runKit(dir, ['--dry-run'], runtime!);
          expect(result.exitCode, result.all).toBe(0);
          expect(result.stdout).toMatch(/new\s+test\/integration\/support\/fixtures\.(ts|js)/);
          expect(result.stdout).toContain('nothing was written');
          expect(await gitStatus(dir)).toBe('');
        });

        test('installs, and the generated suite passes', async () => {
          const result = await runKit(dir, [], runtime!);
          expect(result.exitCode, result.all).toBe(0);
          expect(result.stdout).toContain('The integration suite is green');
          const passed = Number(/Tests\s+(?:\S+\s+)?(\d+) passed/.exec(result.stdout.replace(/\u001b\[[0-9;]*m/g, ''))?.[1]);
          expect(passed).toBeGreaterThanOrEqual(fixture.minTests);
          expect(readFileSync(path.join(dir, 'test/integration/CHECKLIST.md'), 'utf8')).toContain('- [x] Every endpoint has at least one test');
          const [, called, total] = /Endpoint coverage: (\d+) of (\d+) endpoints called/.exec(result.stdout) ?? [];
          expect(Number(total)).toBeGreaterThan(0);
          expect(called).toBe(total);
        });

        // The reporter is the same on every Node and in every language: proven once, on the machine's Node.
        test.runIf(runtime?.version !== '24' && fixture.ts)(
          'removing a generated API test makes the endpoint-coverage reporter fail the run, naming the endpoint',
          async () => {
            await expectCoverageToFailWithoutATest(dir, runtime!);
          },
        );

        test('installs the dependency set of the lowest Node the project supports', () => {
          const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
            engines?: { node?: string };
            devDependencies: Record<string, string>;
          };
          // The TypeScript fixture declares its engines (>=20.19; >=22.12 on Node 24); the JavaScript one runs on whatever runs it.
          const lowest = pkg.engines?.node ? semver.minVersion(pkg.engines.node)!.version : runtime!.version === '24' ? '24.0.0' : process.versions.node;
          expect(pkg.devDependencies.vitest).toBe(versionSetFor(lowest).packages.vitest);
        });

        test.runIf(fixture.ts)('the generated TypeScript passes tsc --strict', async () => {
          const result = await execa('npx', ['tsc', '-p', 'test/integration/tsconfig.json'], { cwd: dir, reject: false, all: true, env: runtime!.env });
          expect(result.exitCode, result.all).toBe(0);
        });

        test.runIf(!fixture.ts)('the generated JavaScript type-checks with checkJs', async () => {
          const result = await checkJs(dir, runtime!);
          expect(result.exitCode, result.all).toBe(0);
        });

        test('a second run changes nothing', async () => {
          await expectSecondRunToChangeNothing(dir, runtime!);
        });

        // What Node 24 changes is the dependency set the suite installs and runs on (above); what a generated test
        // asserts is the same code on either, so the mutations run on the machine's Node.
        test.runIf(runtime?.version !== '24')('a wrong expectation in a generated constraint or index test fails', async () => {
          const file = path.join(dir, `test/integration/db/constraints.test.${fixture.ts ? 'ts' : 'js'}`);
          const source = readFileSync(file, 'utf8');
          const mutated = source
            .replace(/code: '(SQLITE_CONSTRAINT_UNIQUE)'/, "code: 'SQLITE_CONSTRAINT_CHECK'")
            .replace(/code: '(SQLITE_CONSTRAINT_FOREIGNKEY)'/, "code: 'SQLITE_CONSTRAINT_NOTNULL'")
            .replace(/toContain\('(\w+_idx)'\)/, "toContain('$1_missing')");
          expect(mutated).not.toBe(source);
          writeFileSync(file, mutated);
          try {
            const result = await execa('npx', ['vitest', 'run', '--config', harnessConfig(fixture.ts ? 'ts' : 'js', fixture.name), file], {
              cwd: dir,
              reject: false,
              all: true,
              env: runtime!.env,
            });
            expect(result.exitCode).not.toBe(0);
            expect(result.all.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+3 failed/);
          } finally {
            writeFileSync(file, source);
          }
        });

        test.runIf(runtime?.version !== '24')('the generated tests can fail: breaking the app turns the suite red', async () => {
          await expectMutationToFailTheSuite(dir, runtime!, fixture.breakApp);
        });
      });
    }
  });
}
