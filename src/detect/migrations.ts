import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDirectory, isFile } from './files.ts';

export interface Migrations {
  /** Folder of ordered .sql files, or a single schema file. */
  path: string;
  kind: 'folder' | 'file';
  files: string[];
  /** Set when each migration is a folder holding this file (Prisma Migrate: <name>/migration.sql). */
  perFolder?: string;
}

const FOLDERS = ['migrations', 'db/migrations', 'src/db/migrations', 'src/migrations', 'sql/migrations', 'database/migrations', 'sql'];
const FILES = ['schema.sql', 'db/schema.sql', 'src/db/schema.sql', 'sql/schema.sql', 'database/schema.sql'];

/** The project's own SQL migrations, which the harness applies instead of a copy of the schema. */
export function findSqlMigrations(root: string, override?: string): Migrations | undefined {
  for (const candidate of override ? [override] : FOLDERS) {
    if (!isDirectory(path.join(root, candidate))) continue;
    const files = readdirSync(path.join(root, candidate))
      // Down migrations (knex-style .down.sql, postgrator's NNN.undo.name.sql) undo; the harness only applies.
      .filter((name) => name.endsWith('.sql') && !/\.down\.sql$|^\d+\.undo\./.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (files.length) return { path: candidate, kind: 'folder', files: files.map((name) => `${candidate}/${name}`) };
  }
  for (const candidate of override ? [override] : [...FILES, ...namedSchemaFiles(root)]) {
    if (isFile(path.join(root, candidate))) return { path: candidate, kind: 'file', files: [candidate] };
  }
  return undefined;
}

/** A schema file named for its service (`db/books_db_schema.sql`, `schema-pg.sql`): one per folder, seeds aside. */
function namedSchemaFiles(root: string): string[] {
  return ['.', 'db', 'src/db', 'sql', 'database'].flatMap((dir) => {
    if (!isDirectory(path.join(root, dir))) return [];
    const named = readdirSync(path.join(root, dir)).filter((name) => /schema[^/]*\.sql$/i.test(name) && !/seed/i.test(name));
    return named.length === 1 ? [path.posix.join(dir, named[0]!)] : [];
  });
}
