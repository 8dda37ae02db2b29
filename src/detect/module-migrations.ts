import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDirectory } from './files.ts';
import type { Migrations } from './migrations.ts';

/**
 * The first of `candidates` that is a folder of migration modules (JS or TS, not
 * declarations), with its files in the order their names sort.
 */
export function moduleMigrations(root: string, candidates: readonly string[]): Migrations | undefined {
  for (const dir of candidates) {
    if (!isDirectory(path.join(root, dir))) continue;
    const files = readdirSync(path.join(root, dir))
      .filter((name) => /\.(c|m)?(j|t)s$/.test(name) && !name.endsWith('.d.ts'))
      .sort()
      .map((name) => `${dir}/${name}`);
    if (files.length) return { path: dir, kind: 'folder', files };
  }
  return undefined;
}
