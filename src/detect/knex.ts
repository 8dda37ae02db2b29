import path from 'node:path';
import { isFile, readText } from './files.ts';
import type { Migrations } from './migrations.ts';
import { moduleMigrations } from './module-migrations.ts';
import type { Column, Schema, Table } from './schema-sqlite.ts';

const KNEXFILES = ['knexfile.js', 'knexfile.cjs', 'knexfile.mjs', 'knexfile.ts'];

/** Knex's migration folder (knexfile `migrations.directory`, else ./migrations) and its JS/TS files in order. */
export function findKnexMigrations(root: string): Migrations | undefined {
  const knexfile = KNEXFILES.find((name) => isFile(path.join(root, name)));
  const configured = knexfile ? /directory\s*:\s*['"`]([^'"`]+)['"`]/.exec(readText(root, knexfile))?.[1] : undefined;
  const dir = (configured ?? 'migrations').replace(/^\.\//, '').replace(/\/$/, '');
  return moduleMigrations(root, [dir]);
}

const TYPES: Record<string, { type: string; primaryKey?: boolean; hasDefault?: boolean }> = {
  increments: { type: 'INTEGER', primaryKey: true, hasDefault: true },
  bigIncrements: { type: 'BIGINT', primaryKey: true, hasDefault: true },
  integer: { type: 'INTEGER' },
  bigInteger: { type: 'BIGINT' },
  tinyint: { type: 'INTEGER' },
  smallint: { type: 'INTEGER' },
  string: { type: 'VARCHAR' },
  text: { type: 'TEXT' },
  uuid: { type: 'UUID' },
  boolean: { type: 'BOOLEAN' },
  float: { type: 'REAL' },
  double: { type: 'REAL' },
  decimal: { type: 'DECIMAL' },
  date: { type: 'DATE' },
  datetime: { type: 'TIMESTAMP' },
  timestamp: { type: 'TIMESTAMP' },
  json: { type: 'JSON' },
  jsonb: { type: 'JSON' },
  enum: { type: 'TEXT' },
  enu: { type: 'TEXT' },
};

/**
 * Reads the tables that Knex schema-builder migrations create: columns and their
 * chains (notNullable, unique, references/inTable, defaultTo), table-level unique,
 * index and foreign, with Knex's default index names. Raw SQL inside knex.raw is not read.
 */
export function parseKnexSchema(root: string, migrations: Migrations): Schema {
  const tables = new Map<string, Table>();
  for (const file of migrations.files) {
    const source = readText(root, file);
    for (const match of source.matchAll(
      /createTable\(\s*['"`](\w+)['"`]\s*,\s*(?:async\s*)?(?:function\s*)?\(?\s*(\w+)[^)]*\)?\s*(?:=>)?\s*\{([\s\S]*?)\n\s*\}\s*\)/g,
    )) {
      const [, name, t, body] = match;
      const table: Table = { name: name!, columns: [], foreignKeys: [], indexes: [] };
      for (const statement of body!.split(/;\s*\n|\n(?=\s*\w+\.\w+\()/).map((s) => s.replace(/\s+/g, ' ').trim())) readStatement(table, t!, statement);
      tables.set(table.name, table);
    }
  }
  return { engine: 'ddl', tables: [...tables.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

function readStatement(table: Table, t: string, statement: string): void {
  const call = new RegExp(`^${t}\\.(\\w+)\\(([^)]*)\\)(.*)$`).exec(statement);
  if (!call) return;
  const [, method, rawArgs, chain] = call;
  const args = [...rawArgs!.matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!);
  const list = /\[([^\]]*)\]/.exec(rawArgs!)?.[1];
  const columns = list ? [...list.matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!) : args.slice(0, 1);
  if (method === 'timestamps') {
    for (const name of ['created_at', 'updated_at'])
      table.columns.push({
        name,
        type: 'TIMESTAMP',
        notNull: /true/.test(rawArgs!),
        primaryKey: false,
        hasDefault: /true\s*,\s*true/.test(rawArgs!),
        unique: false,
      });
    return;
  }
  if (method === 'unique' || method === 'index') {
    const unique = method === 'unique';
    const explicit = list ? args[columns.length] : undefined;
    table.indexes.push({ name: explicit ?? knexIndexName(table.name, columns, unique ? 'unique' : 'index'), unique, origin: unique ? 'u' : 'c', columns });
    return;
  }
  if (method === 'primary') {
    for (const column of table.columns) if (columns.includes(column.name)) Object.assign(column, { primaryKey: true, notNull: true });
    return;
  }
  if (method === 'foreign') {
    const target = references(chain!);
    if (target) for (const column of columns) table.foreignKeys.push({ column, ...target });
    return;
  }
  const kind = TYPES[method!];
  if (!kind || !args[0]) return;
  // `t.string('code', 16)`: Knex's VARCHAR is 255 long unless told otherwise.
  const length = method === 'string' ? (/^\s*['"`][^'"`]+['"`]\s*,\s*(\d+)/.exec(rawArgs!)?.[1] ?? '255') : undefined;
  const column: Column = {
    name: args[0],
    type: length ? `${kind.type}(${length})` : kind.type,
    primaryKey: Boolean(kind.primaryKey) || /\.primary\(/.test(chain!),
    notNull: Boolean(kind.primaryKey) || /\.notNullable\(\)/.test(chain!) || /\.primary\(/.test(chain!),
    hasDefault: Boolean(kind.hasDefault) || /\.defaultTo\(/.test(chain!),
    unique: /\.unique\(/.test(chain!),
  };
  table.columns.push(column);
  if (column.unique) table.indexes.push({ name: knexIndexName(table.name, [column.name], 'unique'), unique: true, origin: 'u', columns: [column.name] });
  if (/\.index\(/.test(chain!))
    table.indexes.push({ name: knexIndexName(table.name, [column.name], 'index'), unique: false, origin: 'c', columns: [column.name] });
  const target = references(chain!);
  if (target) table.foreignKeys.push({ column: column.name, ...target });
}

/** `.references('id').inTable('users')` or `.references('users.id')`. */
function references(chain: string): { table: string; references: string } | undefined {
  const ref = /\.references\(\s*['"`]([^'"`]+)['"`]\s*\)/.exec(chain)?.[1];
  if (!ref) return undefined;
  const inTable = /\.inTable\(\s*['"`]([^'"`]+)['"`]\s*\)/.exec(chain)?.[1];
  if (inTable) return { table: inTable, references: ref };
  const [table, column] = ref.split('.');
  return column ? { table: table!, references: column } : undefined;
}

/** Knex's default name for an index: table_col1_col2_index (or _unique), lower case. */
export function knexIndexName(table: string, columns: string[], kind: 'index' | 'unique'): string {
  return `${table}_${columns.join('_')}_${kind}`.toLowerCase().replace(/[.-]/g, '_');
}
