import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDirectory, isFile } from './files.ts';

/** Where the harness goes: beside the project's existing tests when it has a tests/ folder. */
export function detectTestRoot(root: string): string {
  for (const dir of ['test', 'tests', '__tests__']) if (isDirectory(path.join(root, dir))) return dir;
  return 'test';
}

/**
 * The harness folder: `<tests>/integration`, unless the team already keeps tests of its own
 * there (the harness's config would pick them up and run them under its setup); then `<tests>/itest`.
 * A folder holding the kit's manifest is the harness's, whatever else it holds.
 */
export function harnessDir(root: string, testRoot: string): string {
  const preferred = `${testRoot}/integration`;
  const absolute = path.join(root, preferred);
  if (!isDirectory(absolute) || isFile(path.join(absolute, '.itest-kit.json'))) return preferred;
  return hasTests(absolute) ? `${testRoot}/itest` : preferred;
}

function hasTests(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? entry.name !== 'node_modules' && hasTests(path.join(dir, entry.name)) : /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name),
  );
}
