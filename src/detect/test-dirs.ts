import path from 'node:path';
import { isDirectory } from './files.ts';

/** Where the harness goes: beside the project's existing tests when it has a tests/ folder. */
export function detectTestRoot(root: string): string {
  for (const dir of ['test', 'tests', '__tests__']) if (isDirectory(path.join(root, dir))) return dir;
  return 'test';
}
