import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');

// The e2e asserts the kit edits nothing of a service but its harness: like a team's repository, each fixture keeps its install out of git.
test('every fixture service ignores node_modules', () => {
  const missing = readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .filter((entry) => {
      const file = path.join(FIXTURES, entry.name, '.gitignore');
      const ignore = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
      return !ignore.some((line) => /^\/?node_modules\/?$/.test(line.trim()));
    })
    .map((entry) => entry.name);
  expect(missing).toEqual([]);
});
