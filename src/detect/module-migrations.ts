import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Migrations } from './migrations.ts';

/** A folder of migration modules (JS or TS, not declarations) in the order their names sort. */
export function moduleMigrations(root: string, dir: string): Migrations | undefined {
  const files = readdirSync(path.join(root, dir))
    .filter((name) => /\.(c|m)?(j|t)s$/.test(name) && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => `${dir}/${name}`);
  return files.length ? { path: dir, kind: 'folder', files } : undefined;
}
