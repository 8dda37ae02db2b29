import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeAsTheyAre } from '../support/as-they-are.ts';
import { endpointCoverage, expectSecondRunToChangeNothing, plain } from '../support/checks.ts';
import { fixtureCopy, gitStatus, runKit } from '../support/projects.ts';
import { machineNode } from '../support/runtimes.ts';

// Issue #14's services on a Postgres or MySQL server (see as-they-are.ts); a workspace root; services that do not start.
describeAsTheyAre(true);

const runtime = machineNode();

describe('npm-workspace-root: the workspace root, one service package in it', () => {
  let dir: string;
  beforeAll(async () => {
    // The kit's own install brings the workspace's packages, as `npm install` at the root would.
    dir = await fixtureCopy('npm-workspace-root', runtime, { install: false });
  });

  test('--yes at the root equips the service package, and only it', async () => {
    const result = await runKit(dir, ['--yes'], runtime);
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain('packages/api is its one service');
    expect(result.stdout).toContain('The integration suite is green');
    expect(endpointCoverage(result.stdout)).toEqual({ called: 3, total: 3 });
    const changed = (await gitStatus(dir)).split('\n').map((line) => line.slice(3));
    expect(
      changed.filter((file) => !file.startsWith('packages/api/test/integration/') && file !== 'packages/api/package.json' && file !== 'package-lock.json'),
    ).toEqual([]);
  });

  test('a second run changes nothing', async () => {
    await expectSecondRunToChangeNothing(dir, runtime);
  });
});

/**
 * A service that does not start is one line naming its entry and what it printed, exit 2, and
 * the kit's files taken back out: the project is left as it was.
 */
describe('a service that does not start', () => {
  const CASES: [label: string, body: string, message: RegExp][] = [
    [
      'never listens',
      "console.log('warming caches');\nsetInterval(() => {}, 1000);\n",
      /src\/server\.ts did not call listen\(\) within \d+ ms\. Last lines it printed: warming caches/,
    ],
    [
      'exits while starting',
      "console.error('DATABASE_URL is not set');\nprocess.exit(1);\n",
      /src\/server\.ts called process\.exit\(1\) while starting\. Last lines it printed: DATABASE_URL is not set/,
    ],
    [
      'throws at import',
      "throw new Error('config/production.json is missing');\n",
      /src\/server\.ts threw while loading \(config\/production\.json is missing\)/,
    ],
  ];
  for (const [label, body, message] of CASES) {
    test(label, async () => {
      const dir = await fixtureCopy('express-listen-ts-cjs', runtime, {
        prepare: (copy) => writeFileSync(path.join(copy, 'src/server.ts'), `import express from 'express';\n\nconst app = express();\n${body}`),
      });
      const result = await runKit(dir, ['--yes'], runtime);
      expect(result.exitCode, result.all).toBe(2);
      // The suite's own output comes first; the kit's verdict is its last line, and only one.
      const lines = plain(result.stderr).trim().split('\n');
      expect(lines.filter((line) => line.startsWith('create-itest-kit:'))).toHaveLength(1);
      expect(lines.at(-1)).toMatch(message);
      expect(await gitStatus(dir)).toBe('');
    });
  }

  test('an app factory that throws: no API test file can load it', async () => {
    const dir = await fixtureCopy('express-nodb-ts-cjs', runtime, {
      prepare: (copy) => {
        const file = path.join(copy, 'src/app.ts');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace(
            'export function createApp() {',
            "export function createApp() {\n  if (!process.env.REDIS_URL) throw new Error('REDIS_URL is not set');",
          ),
        );
      },
    });
    const result = await runKit(dir, ['--yes'], runtime);
    expect(result.exitCode, result.all).toBe(2);
    expect(plain(result.stderr).trim().split('\n').at(-1)).toMatch(
      /No API test file could load the app \(REDIS_URL is not set, first in test\/integration\/api\/[\w-]+\.test\.ts\)\./,
    );
    expect(await gitStatus(dir)).toBe('');
  });
});
