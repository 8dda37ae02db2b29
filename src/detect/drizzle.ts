import path from 'node:path';
import { isFile, readText } from './files.ts';

/** Where drizzle-kit writes migrations and where the tables are declared, from drizzle.config.*. */
export interface DrizzleConfig {
  file?: string;
  /** Folder of drizzle-kit's SQL migrations. */
  out: string;
  /** The schema module, when it is one file (relational queries need it). */
  schema?: string;
}

const CONFIGS = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs', 'drizzle.config.json'];

export function readDrizzleConfig(root: string): DrizzleConfig {
  const file = CONFIGS.find((name) => isFile(path.join(root, name)));
  const text = file ? readText(root, file) : '';
  const value = (key: string) => new RegExp(`["']?${key}["']?\\s*:\\s*["'\`]([^"'\`]+)["'\`]`).exec(text)?.[1];
  const out = (value('out') ?? 'drizzle').replace(/^\.\//, '').replace(/\/$/, '');
  const schema = value('schema')?.replace(/^\.\//, '');
  return { ...(file ? { file } : {}), out, ...(schema && !schema.includes('*') && isFile(path.join(root, schema)) ? { schema } : {}) };
}

/**
 * Column names the app's JSON spells differently: drizzle tables map a field key to a
 * column name (`authorId: integer('author_id')`), and select() returns the keys.
 */
export function readDrizzleFields(root: string, schemaFile: string): Record<string, Record<string, string>> {
  const source = readText(root, schemaFile);
  const fields: Record<string, Record<string, string>> = {};
  for (const table of source.matchAll(/(?:pg|mysql|sqlite)Table\(\s*['"]([^'"]+)['"]\s*,\s*\{([\s\S]*?)\n\s*\}/g)) {
    const renames: Record<string, string> = {};
    for (const column of table[2]!.matchAll(/(\w+)\s*:\s*\w+\(\s*['"]([^'"]+)['"]/g)) {
      if (column[1] !== column[2]) renames[column[2]!] = column[1]!;
    }
    if (Object.keys(renames).length) fields[table[1]!] = renames;
  }
  return fields;
}
