import type { Column, Schema, Table } from '../detect/schema-sqlite.ts';
import { camel, pascal, singular } from '../kit/names.ts';

/** What seed.ts says about one table: the names a test uses and the values it inserts. */
export interface TableView {
  name: string;
  singular: string;
  rowType: string;
  valuesFn: string;
  insertFn: string;
  primaryKey?: string;
  columns: ({ name: string } & ReturnType<typeof rowFieldType>)[];
  /** NOT NULL columns without a default that are not foreign keys: the values function fills them. */
  required: { name: string; value: SeedValue; unique: boolean }[];
  /** Required foreign keys: insert creates the parent row unless the test passes one. */
  parents: { column: string; table: string; insertFn: string; references: string }[];
  /** Columns a PATCH/PUT test may change: required, not unique-by-accident, not keys. */
  editable: string[];
  /** Column name to the API's field name, where an ORM renames it. */
  apiFields: Record<string, string>;
  /** Required creation/update timestamps: the app or its ORM sets them, so requests never send them. */
  timestamps: string[];
}

/**
 * What the values function gives a column, from the row's sequence number `n` (the seed-value
 * partial spells it): its only allowed value, or each allowed value in turn; an instant `n` seconds
 * into 2024; `n` itself, or `n + 0.5`; a byte; or text around `n`.
 */
export type SeedValue =
  | { only: string }
  | { inTurn: string[] }
  | { instant: true }
  | { integer: true }
  | { real: true }
  | { byte: true }
  | { text: { before: string; after: string } };

/** created_at, updatedAt ...: set by the app or its ORM (Sequelize's timestamps, TypeORM's date columns), never by a client. */
export const TIMESTAMP = /^(created|updated)_?at$/i;

export function tableViews(schema: Schema, apiFields: Record<string, Record<string, string>> = {}): TableView[] {
  const tables = schema.tables.filter((t) => !/^(knex_|_prisma|__drizzle|typeorm_|sequelize)|migrations?$/i.test(t.name));
  const byName = new Map(tables.map((t) => [t.name, t]));
  return tables.map((table) => ({ ...viewOf(table, byName), apiFields: apiFields[table.name] ?? {} }));
}

function viewOf(table: Table, tables: Map<string, Table>): Omit<TableView, 'apiFields'> {
  const timestamps = table.columns.filter((c) => TIMESTAMP.test(c.name) && c.notNull && !c.hasDefault).map((c) => c.name);
  const base = pascal(singular(table.name));
  const fkColumns = new Map(table.foreignKeys.map((fk) => [fk.column, fk]));
  const needsValue = (c: Column) => (c.notNull || Boolean(c.documented)) && !c.hasDefault && !generatedKey(c, table);
  const required = table.columns.filter((c) => needsValue(c) && !fkColumns.has(c.name)).map((c) => ({ name: c.name, value: seedValue(c), unique: c.unique }));
  const parents = table.columns
    .filter((c) => needsValue(c) && fkColumns.has(c.name))
    .map((c) => fkColumns.get(c.name)!)
    .filter((fk) => fk.table !== table.name && tables.has(fk.table))
    .map((fk) => ({ column: fk.column, table: fk.table, insertFn: `insert${pascal(singular(fk.table))}`, references: fk.references }));
  const primaryKey = table.columns.find((c) => c.primaryKey)?.name;
  return {
    name: table.name,
    singular: singular(table.name),
    rowType: `${base}Row`,
    valuesFn: `${camel(singular(table.name))}Values`,
    insertFn: `insert${base}`,
    ...(primaryKey ? { primaryKey } : {}),
    columns: table.columns.map((c) => ({ name: c.name, ...rowFieldType(c) })),
    required,
    parents,
    editable: table.columns.filter((c) => needsValue(c) && !fkColumns.has(c.name) && !c.primaryKey && !TIMESTAMP.test(c.name)).map((c) => c.name),
    timestamps,
  };
}

/** The table's own integer key, which the database numbers (a column of a composite key is not). */
export function generatedKey(column: Column, table: Table): boolean {
  return column.primaryKey && /INT|SERIAL/.test(column.type) && table.columns.filter((c) => c.primaryKey).length === 1;
}

/** `VARCHAR(80)` → 80. */
export function maxLength(column: Column): number | undefined {
  const match = /CHAR(?:ACTER)?(?:\s+VARYING)?\s*\((\d+)\)/.exec(column.type);
  return match ? Number(match[1]) : undefined;
}

/** SQLite type affinity, as SQLite itself decides it from the declared type. */
export function affinity(type: string): 'integer' | 'text' | 'blob' | 'real' | 'numeric' {
  if (type.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
  if (type === '' || type.includes('BLOB')) return 'blob';
  if (/REAL|FLOA|DOUB/.test(type)) return 'real';
  return 'numeric';
}

/** The type of a column's value in a row type, and whether it may be null. */
function rowFieldType(column: Column): { tsType: 'number' | 'string' | 'Buffer'; nullable?: true } {
  const tsType = ({ integer: 'number', real: 'number', numeric: /DATE|TIME/.test(column.type) ? 'string' : 'number', text: 'string', blob: 'Buffer' } as const)[
    affinity(column.type)
  ];
  return column.notNull || column.primaryKey ? { tsType } : { tsType, nullable: true };
}

/**
 * Text around `n` (one digit at least) that a validator's minimum length lets through: the text
 * before it repeats its last word (`name name 1`; `useruser1@example.test`, no space in an address).
 */
function longEnough(text: { before: string; after: string }, minLength = 0): SeedValue {
  let { before } = text;
  const word = /(\w+)\W*$/.exec(before)?.[1] ?? 'x';
  const separator = /\s$/.test(before) ? ' ' : '';
  while (before.length + 1 + text.after.length < minLength) before += `${word}${separator}`;
  return { text: { before, after: text.after } };
}

/** A value that satisfies the column and, with the sequence number `n`, never repeats. */
function seedValue(column: Column): SeedValue {
  const name = column.name.toLowerCase();
  // A CHECK (... IN (...)) column takes one of its allowed values, in turn.
  if (column.allowed?.length) return column.allowed.length === 1 ? { only: column.allowed[0]! } : { inTurn: column.allowed };
  if (/DATE|TIME/.test(column.type) || /_at$|date/.test(name)) return { instant: true };
  switch (affinity(column.type)) {
    case 'integer':
    case 'numeric':
      return { integer: true };
    case 'real':
      return { real: true };
    case 'blob':
      return { byte: true };
    default:
      if (name.includes('email')) return longEnough({ before: 'user', after: '@example.test' }, column.minLength);
      if (name.includes('url')) return longEnough({ before: 'https://example.test/', after: '' }, column.minLength);
      return longEnough({ before: `${column.name.replace(/[`$\\]/g, '').replace(/_/g, ' ')} `, after: '' }, column.minLength);
  }
}
