import path from 'node:path';
import { isFile, readText } from './files.ts';
import { BUILT_SCHEMA_FILE } from './schema-sqlite.ts';
import type { Migrations } from './migrations.ts';
import type { Column, Schema, Table } from './schema-sqlite.ts';

/**
 * Reads CREATE TABLE / CREATE INDEX / ALTER TABLE ... ADD from SQL migrations for
 * engines the kit cannot run at planning time (Postgres, MySQL). It understands
 * the DDL that migrations are made of, not SQL at large: anything else is skipped.
 * `sqlOf` takes the SQL out of a migration that is not a .sql file (an ORM's module).
 */
export function parseSqlSchema(root: string, migrations: Migrations, sqlOf: (text: string) => string = (text) => text): Schema {
  const tables = new Map<string, Table>();
  for (const file of migrations.files) {
    for (const statement of statements(sqlOf(readText(root, file)))) applyStatement(statement, tables);
  }
  return { engine: 'ddl', tables: [...tables.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The DDL the harness left of a schema the service built at its start (Postgres's catalogs, dumped after it connected). */
export function parseBuiltSchema(root: string): Schema | undefined {
  if (!isFile(path.join(root, BUILT_SCHEMA_FILE)) || !readText(root, BUILT_SCHEMA_FILE).trim()) return undefined;
  return parseSqlSchema(root, { path: BUILT_SCHEMA_FILE, kind: 'file', files: [BUILT_SCHEMA_FILE] });
}

const IDENT = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|[\w$]+)(?:\.(?:"[^"]+"|\x60[^\x60]+\x60|[\w$]+))?`;

function applyStatement(sql: string, tables: Map<string, Table>): void {
  const create = new RegExp(String.raw`^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})\s*\(([\s\S]*)\)[^)]*$`, 'i').exec(sql);
  if (create) {
    const table = parseTable(name(create[1]!), create[2]!);
    tables.set(table.name, table);
    return;
  }
  const index = new RegExp(
    String.raw`^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})\s+ON\s+(?:ONLY\s+)?(${IDENT})\s*(?:USING\s+\w+\s*)?\(([^)]*)\)`,
    'i',
  ).exec(sql);
  if (index) {
    tables.get(name(index[3]!))?.indexes.push({ name: name(index[2]!), unique: Boolean(index[1]), origin: 'c', columns: columnList(index[4]!) });
    return;
  }
  const alter = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(${IDENT})\s+ADD\s+(?!COLUMN)([\s\S]*)$`, 'i').exec(sql);
  if (alter) {
    const table = tables.get(name(alter[1]!));
    if (table) applyTableConstraint(table, alter[2]!);
  }
}

function parseTable(tableName: string, body: string): Table {
  const table: Table = { name: tableName, columns: [], foreignKeys: [], indexes: [] };
  for (const item of splitTopLevel(body)) {
    if (/^(CONSTRAINT|PRIMARY\s+KEY|UNIQUE|FOREIGN\s+KEY|CHECK|KEY|INDEX|EXCLUDE)\b/i.test(item)) applyTableConstraint(table, item);
    else parseColumn(table, item);
  }
  // Table-level CHECK (column IN (...)) constraints, and other checks that name a column.
  for (const column of table.columns) {
    column.allowed ??= allowedValues(body, column.name);
    if (checkedBy(body, column.name)) column.checked = true;
  }
  return table;
}

function parseColumn(table: Table, item: string): void {
  const match = new RegExp(String.raw`^(${IDENT})\s+([\s\S]*)$`).exec(item);
  if (!match) return;
  const columnName = name(match[1]!);
  const rest = match[2]!;
  const type =
    /^([A-Za-z_][\w ]*?(?:\([^)]*\))?(?:\[\])?)(?=\s+(?:NOT|NULL|DEFAULT|PRIMARY|UNIQUE|REFERENCES|CHECK|CONSTRAINT|GENERATED|AUTO_INCREMENT|COLLATE|CHARACTER|UNSIGNED|ON)\b|\s*$)/i
      .exec(rest)?.[1]
      ?.trim() ?? rest.split(/\s+/)[0]!;
  const upper = rest.toUpperCase();
  const primaryKey = /\bPRIMARY\s+KEY\b/.test(upper);
  const column: Column = {
    name: columnName,
    type: type.toUpperCase(),
    notNull: /\bNOT\s+NULL\b/.test(upper) || primaryKey,
    primaryKey,
    hasDefault: /\bDEFAULT\b|\bAUTO_INCREMENT\b|\bGENERATED\b|SERIAL\b/.test(upper),
    unique: /\bUNIQUE\b/.test(upper),
  };
  const allowed = allowedValues(rest, columnName);
  if (allowed) column.allowed = allowed;
  else if (/\bCHECK\s*\(/i.test(rest)) column.checked = true;
  table.columns.push(column);
  if (column.unique) table.indexes.push({ name: `${table.name}_${columnName}_key`, unique: true, origin: 'u', columns: [columnName] });
  const reference = new RegExp(String.raw`\bREFERENCES\s+(${IDENT})\s*(?:\(([^)]*)\))?`, 'i').exec(rest);
  if (reference) table.foreignKeys.push({ column: columnName, table: name(reference[1]!), references: reference[2] ? columnList(reference[2])[0]! : 'id' });
}

function applyTableConstraint(table: Table, item: string): void {
  const constraintName = /^CONSTRAINT\s+(\S+)\s+/i.exec(item)?.[1];
  const body = item.replace(/^CONSTRAINT\s+\S+\s+/i, '');
  const primary = /^PRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(body);
  if (primary) {
    for (const column of columnList(primary[1]!)) {
      const found = table.columns.find((c) => c.name === column);
      if (found) Object.assign(found, { primaryKey: true, notNull: true });
    }
    return;
  }
  const unique = /^UNIQUE\s*(?:(?:KEY|INDEX)\s+)?(?:([^\s(]+)\s*)?\(([^)]*)\)/i.exec(body);
  if (unique) {
    const columns = columnList(unique[2]!);
    table.indexes.push({ name: name(constraintName ?? unique[1] ?? `${table.name}_${columns.join('_')}_key`), unique: true, origin: 'u', columns });
    if (columns.length === 1) for (const c of table.columns) if (c.name === columns[0]) c.unique = true;
    return;
  }
  const foreign = new RegExp(String.raw`^FOREIGN\s+KEY\s*(?:\S+\s*)?\(([^)]*)\)\s*REFERENCES\s+(${IDENT})\s*(?:\(([^)]*)\))?`, 'i').exec(body);
  if (foreign) {
    const columns = columnList(foreign[1]!);
    const references = foreign[3] ? columnList(foreign[3]) : ['id'];
    columns.forEach((column, i) => table.foreignKeys.push({ column, table: name(foreign[2]!), references: references[i] ?? 'id' }));
    return;
  }
  const key = /^(?:KEY|INDEX)\s+(\S+)\s*\(([^)]*)\)/i.exec(body);
  if (key) table.indexes.push({ name: name(key[1]!), unique: false, origin: 'c', columns: columnList(key[2]!) });
}

/** SQL text split into statements, without comments; quotes and dollar quotes respected. */
export function statements(sql: string): string[] {
  const result: string[] = [];
  let current = '';
  for (let i = 0; i < sql.length; i++) {
    const rest = sql.slice(i);
    if (rest.startsWith('--') || rest.startsWith('#')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      current += '\n';
    } else if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
    } else if (/^\$\w*\$/.test(rest)) {
      const tag = /^\$\w*\$/.exec(rest)![0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      current += sql.slice(i, stop);
      i = stop - 1;
    } else if (sql[i] === "'" || sql[i] === '"' || sql[i] === '`') {
      const quoteChar = sql[i]!;
      let j = i + 1;
      while (j < sql.length && !(sql[j] === quoteChar && sql[j + 1] !== quoteChar)) j += sql[j] === quoteChar ? 2 : 1;
      current += sql.slice(i, j + 1);
      i = j;
    } else if (sql[i] === ';') {
      if (current.trim()) result.push(current.trim());
      current = '';
    } else {
      current += sql[i];
    }
  }
  if (current.trim()) result.push(current.trim());
  return result;
}

function splitTopLevel(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of body) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

function columnList(text: string): string[] {
  return text
    .split(',')
    .map((part) => name(part.trim().split(/\s+/)[0]!))
    .filter(Boolean);
}

/** Unquoted, schema-less name: "public"."users" and `users` are both users. */
function name(raw: string): string {
  const last = raw.split('.').pop()!;
  return last.replace(/^["`]|["`]$/g, '');
}

/** The string literals of a `CHECK (column IN ('a', 'b'))` in a table's DDL, column-level or table-level. */
export function allowedValues(tableSql: string, column: string): string[] | undefined {
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const check = new RegExp(String.raw`CHECK\s*\(\s*["\x60]?${name}["\x60]?\s+IN\s*\(([^)]*)\)`, 'i').exec(tableSql);
  if (!check) return undefined;
  const values = [...check[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
  return values.length ? values : undefined;
}

/**
 * Whether a CHECK other than `column IN (...)` names the column (`CHECK (price > 0)`,
 * `CHECK (length(name) > 0)`): values at the edges may break it, so edge cases leave it alone.
 */
export function checkedBy(tableSql: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(String.raw`(^|[^\w$])["\x60]?${escaped}["\x60]?($|[^\w$])`);
  const inList = new RegExp(String.raw`^\s*["\x60]?${escaped}["\x60]?\s+IN\s*\(`, 'i');
  for (const match of tableSql.matchAll(/\bCHECK\s*\(/gi)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (end < tableSql.length && depth > 0) {
      if (tableSql[end] === '(') depth++;
      if (tableSql[end] === ')') depth--;
      end++;
    }
    const body = tableSql.slice(match.index + match[0].length, end - 1);
    if (word.test(body) && !inList.test(body)) return true;
  }
  return false;
}
