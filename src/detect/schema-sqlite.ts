import { createRequire } from 'node:module';
import path from 'node:path';
import { KitError } from '../kit/errors.ts';
import { isFile, readText } from './files.ts';
import type { Migrations } from './migrations.ts';
import { allowedValues, checkedBy } from './schema-ddl.ts';

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  hasDefault: boolean;
  unique: boolean;
  /** The only values a CHECK (column IN (...)) lets in. */
  allowed?: string[];
  /** Another CHECK names the column: edge-case values are not tried on it. */
  checked?: boolean;
  /** The OpenAPI schema of its table requires it: seed helpers give it a value even where the column takes NULL. */
  documented?: boolean;
  /** The shortest text the service's validator accepts for it: seed values are at least this long. */
  minLength?: number;
}

export interface ForeignKey {
  column: string;
  table: string;
  references: string;
}

export interface Index {
  name: string;
  columns: string[];
  unique: boolean;
  /** 'u': a UNIQUE constraint, 'c': CREATE INDEX, 'pk': the primary key. */
  origin: string;
}

export interface Table {
  name: string;
  columns: Column[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
}

export interface Schema {
  tables: Table[];
  /** Where the schema came from: SQLite itself, or the DDL of the migrations. */
  engine: 'node:sqlite' | 'better-sqlite3' | 'ddl';
}

interface SqliteLike {
  exec(sql: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): unknown;
}

/**
 * Applies the project's migrations to an in-memory SQLite database and reads the
 * schema back from SQLite itself, so the result is what the engine really built.
 * Returns undefined when no SQLite engine can be loaded (dependencies not installed).
 */
export function introspectSqlite(root: string, migrations: Migrations): Schema | undefined {
  return introspectSqliteDdl(
    root,
    migrations.files.map((file) => ({ file, sql: readText(root, file) })),
  );
}

/**
 * The schema the service built itself (sequelize.sync(), its own CREATE TABLE at start), as the
 * harness's first run left its DDL in the cache: read the same way as migrations, for the next plan.
 */
export function introspectBuiltSqlite(root: string): Schema | undefined {
  const sql = isFile(path.join(root, BUILT_SCHEMA_FILE)) ? readText(root, BUILT_SCHEMA_FILE) : undefined;
  return sql?.trim() ? introspectSqliteDdl(root, [{ file: BUILT_SCHEMA_FILE, sql }]) : undefined;
}

/** Where the harness leaves the DDL of a schema the service built itself. */
export const BUILT_SCHEMA_FILE = 'node_modules/.cache/create-itest-kit/schema.sql';

function introspectSqliteDdl(root: string, scripts: { file: string; sql: string }[]): Schema | undefined {
  const opened = openMemoryDatabase(root);
  if (!opened) return undefined;
  const { db, engine } = opened;
  try {
    db.exec('PRAGMA foreign_keys = ON');
    for (const { file, sql } of scripts) {
      try {
        db.exec(sql);
      } catch (error) {
        throw new KitError(
          `Migration ${file} fails on SQLite: ${(error as Error).message.split('\n')[0]}. Fix the migration (or pass --migrations <folder>), then run the kit again.`,
        );
      }
    }
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    return { engine, tables: names.map(({ name }) => readTable(db, name)) };
  } finally {
    db.close();
  }
}

function readTable(db: SqliteLike, name: string): Table {
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const indexes: Index[] = (db.prepare(`PRAGMA index_list(${quoted})`).all() as { name: string; unique: number; origin: string }[]).map((index) => ({
    name: index.name,
    unique: index.unique === 1,
    origin: index.origin,
    columns: (db.prepare(`PRAGMA index_info("${index.name.replace(/"/g, '""')}")`).all() as { name: string }[]).map((c) => c.name),
  }));
  const uniqueColumns = new Set(indexes.filter((i) => i.unique && i.columns.length === 1).map((i) => i.columns[0]!));
  const createSql = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).all(name)[0] as { sql?: string } | undefined)?.sql ?? '';
  const columns = (db.prepare(`PRAGMA table_info(${quoted})`).all() as { name: string; type: string; notnull: number; pk: number; dflt_value: unknown }[]).map(
    (c) => {
      const allowed = allowedValues(createSql, c.name);
      return {
        name: c.name,
        type: c.type.toUpperCase(),
        notNull: c.notnull === 1,
        primaryKey: c.pk > 0,
        hasDefault: c.dflt_value !== null,
        unique: uniqueColumns.has(c.name),
        ...(allowed ? { allowed } : {}),
        ...(checkedBy(createSql, c.name) ? { checked: true } : {}),
      };
    },
  );
  const foreignKeys = (db.prepare(`PRAGMA foreign_key_list(${quoted})`).all() as { from: string; table: string; to: string | null }[]).map((fk) => ({
    column: fk.from,
    table: fk.table,
    references: fk.to ?? 'id',
  }));
  return { name, columns, foreignKeys, indexes: indexes.reverse() };
}

function openMemoryDatabase(root: string): { db: SqliteLike; engine: Schema['engine'] } | undefined {
  const builtin = loadNodeSqlite();
  if (builtin) return { db: new builtin.DatabaseSync(':memory:'), engine: 'node:sqlite' };
  const project = createRequire(path.join(root, 'package.json'));
  for (const load of [() => project('better-sqlite3'), () => createRequire(project.resolve('@libsql/client'))('libsql')]) {
    try {
      // libsql (under @libsql/client) has better-sqlite3's API: read as the same engine.
      const Database = load() as new (file: string) => SqliteLike;
      return { db: new Database(':memory:'), engine: 'better-sqlite3' };
    } catch {
      // not installed: the next one, or no schema until dependencies are.
    }
  }
  return undefined;
}

type NodeSqlite = { DatabaseSync: new (file: string) => SqliteLike };

function loadNodeSqlite(): NodeSqlite | undefined {
  // node:sqlite prints an ExperimentalWarning on first load; it is ours, not the user's concern.
  const emit = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return process.getBuiltinModule?.('node:sqlite') as NodeSqlite | undefined;
  } catch {
    return undefined;
  } finally {
    process.emitWarning = emit;
  }
}
