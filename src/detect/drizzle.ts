import path from 'node:path';
import { isFile, readText } from './files.ts';

/** Where drizzle-kit writes migrations and where the tables are declared, from drizzle.config.*. */
export interface DrizzleConfig {
  file?: string;
  /** Folder of drizzle-kit's SQL migrations. */
  out: string;
  /** The schema module, when it is one file (relational queries need it). */
  schema?: string;
  /** `casing: 'snake_case'`: columns the schema does not name are the snake_case of their keys. */
  casing?: 'snake_case' | 'camelCase';
}

const CONFIGS = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs', 'drizzle.config.json'];

export function readDrizzleConfig(root: string): DrizzleConfig {
  const file = CONFIGS.find((name) => isFile(path.join(root, name)));
  const text = file ? readText(root, file) : '';
  const value = (key: string) => new RegExp(`["']?${key}["']?\\s*:\\s*["'\`]([^"'\`]+)["'\`]`).exec(text)?.[1];
  const out = (value('out') ?? 'drizzle').replace(/^\.\//, '').replace(/\/$/, '');
  const schema = value('schema')?.replace(/^\.\//, '');
  const casing = value('casing');
  return {
    ...(file ? { file } : {}),
    out,
    ...(schema && !schema.includes('*') && isFile(path.join(root, schema)) ? { schema } : {}),
    ...(casing === 'snake_case' || casing === 'camelCase' ? { casing } : {}),
  };
}
