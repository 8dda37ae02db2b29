import { readFileSync } from 'node:fs';
import path from 'node:path';
import { directoryEntries } from '../detect/files.ts';

/** The project's tests and the files beside them (setup, fixtures, helpers), with their text. */
export interface TestTree {
  files: { path: string; text: string }[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', 'out', '.turbo', '.cache', 'tmp']);
const TEST_DIR = /^(test|tests|__tests__|spec|e2e|integration|testing)$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const CODE = /\.(?:[cm]?[jt]sx?)$/;
const MAX_FILES = 2000;

/** Every test file, and every code file in a test folder (test/, __tests__/, ...), relative and posix. */
export function readTestTree(root: string): TestTree {
  const files: TestTree['files'] = [];
  const walk = (dir: string, inTests: boolean, depth: number) => {
    if (depth > 10 || files.length >= MAX_FILES) return;
    for (const entry of directoryEntries(root, dir).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(rel, inTests || TEST_DIR.test(entry.name), depth + 1);
      } else if (CODE.test(entry.name) && !entry.name.endsWith('.d.ts') && (inTests || TEST_FILE.test(entry.name))) {
        files.push({ path: rel, text: readFileSync(path.join(root, rel), 'utf8').slice(0, 200_000) });
      }
    }
  };
  walk('', false, 0);
  return { files };
}

export function isTestFile(file: string): boolean {
  return TEST_FILE.test(file);
}

/** The files whose text matches, test files and helpers alike. */
export function filesMatching(tree: TestTree, pattern: RegExp): string[] {
  return tree.files.filter((file) => pattern.test(file.text)).map((file) => file.path);
}

/**
 * The requests test files spell out (`request(app).get('/users')`, `.post(`/users/${id}`)`), as
 * `METHOD /path`, an interpolation standing for one segment.
 */
export function writtenRequests(tree: TestTree): string[] {
  const requests = tree.files
    .filter((file) => isTestFile(file.path))
    .flatMap((file) => [...file.text.matchAll(/\.(get|post|put|patch|delete)\(\s*(['"`])(\/[^'"`]*)\2/g)]);
  return [...new Set(requests.map((match) => `${match[1]!.toUpperCase()} ${match[3]!.replace(/\$\{[^}]*\}/g, 'x')}`))];
}
