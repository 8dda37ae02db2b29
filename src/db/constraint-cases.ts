import type { Column, Schema } from '../detect/schema-sqlite.ts';
import type { ValueFact } from '../kit/value-facts.ts';
import type { Dialect } from './dialects.ts';
import { maxLength, type TableView } from './seed-view.ts';

export interface ConstraintTest {
  partial: 'db-unique' | 'db-foreign-key' | 'db-index';
  title: string;
  [field: string]: unknown;
}

export interface TableConstraints {
  describe: string;
  tests: ConstraintTest[];
}

/**
 * One test per unique constraint, foreign key and index the schema declares, each
 * able to fail: a duplicate must be rejected, an orphan must be rejected, and a
 * lookup on an index's leading column must use that index.
 */
export function planConstraintTests(schema: Schema, views: TableView[], dialect: Dialect): { tables: TableConstraints[]; imports: string; claims: string[] } {
  const byName = new Map(views.map((v) => [v.name, v]));
  const used = new Set<string>();
  const claims = new Set<string>();
  const tables: TableConstraints[] = [];
  for (const table of schema.tables) {
    const view = byName.get(table.name);
    if (!view) continue;
    const tests: ConstraintTest[] = [];
    const columnNames = new Set(table.columns.map((c) => c.name));
    for (const index of table.indexes.filter((i) => i.unique && i.origin !== 'pk' && i.columns.every((c) => columnNames.has(c)))) {
      // NULLs never collide: a nullable column the seed values leave empty gets a value in the first row.
      const nullable = index.columns.map((name) => table.columns.find((c) => c.name === name)!).filter((c) => !c.notNull && !c.hasDefault);
      const given = nullable.map((c) => ({ name: c.name, value: collidingValue(c) }));
      if (given.some((field) => field.value === undefined)) continue;
      // The second row repeats the first's values in the index's columns.
      tests.push({
        partial: 'db-unique',
        title: `${index.columns.join(' + ')} ${index.columns.length > 1 ? 'are' : 'is'} unique`,
        insertFn: view.insertFn,
        given,
        repeated: index.columns,
        code: dialect.uniqueViolation,
        field: dialect.errorField,
      });
      used.add(view.insertFn);
      claims.add('db.unique');
    }
    for (const fk of table.foreignKeys) {
      const parent = byName.get(fk.table);
      if (!parent) continue;
      // An integer key one past the largest; a text key, a value no row holds (cut to the column's length).
      const referenced = schema.tables.find((t) => t.name === fk.table)?.columns.find((c) => c.name === fk.references);
      const integer = !referenced || /INT|SERIAL/.test(referenced.type);
      tests.push({
        partial: 'db-foreign-key',
        title: `${fk.column} must reference a row of ${fk.table}`,
        insertFn: view.insertFn,
        column: fk.column,
        orphan: integer
          ? orphanId(fk.table, fk.references, table.foreignKeys.filter((other) => other.table === fk.table).length > 1)
          : { value: { example: 'missing'.slice(0, referenced ? maxLength(referenced) : undefined) } },
        code: dialect.foreignKeyViolation,
        field: dialect.errorField,
      });
      used.add(view.insertFn);
      if (integer) used.add('missingId');
      claims.add('db.foreign-keys');
    }
    for (const index of table.indexes.filter((i) => i.origin === 'c' && i.columns.length > 0)) {
      const leading = table.columns.find((c) => c.name === index.columns[0]);
      if (!leading) continue;
      const sql = `SELECT * FROM ${dialect.quote(table.name)} WHERE ${dialect.quote(leading.name)} = ${dialect.placeholder(1)}`;
      tests.push({ partial: 'db-index', title: `lookups by ${leading.name} use ${index.name}`, sql, value: probeValue(leading.type), index: index.name });
      used.add('queryPlan');
      claims.add('db.indexes');
    }
    if (tests.length) tables.push({ describe: table.name, tests });
  }
  return { tables, imports: [...used].sort().join(', '), claims: [...claims] };
}

/** A value of the column's type for the index lookup: engines reject text where a number, time or UUID is due. */
function probeValue(type: string): string | number | boolean {
  if (/INT|NUM|REAL|FLOA|DOUB|DEC|SERIAL/i.test(type)) return 1;
  if (/DATE|TIME/i.test(type)) return '2024-01-01 00:00:00';
  if (/UUID/i.test(type)) return '00000000-0000-0000-0000-000000000000';
  if (/BOOL/i.test(type)) return true;
  return 'x';
}

/**
 * A key no row of the parent holds: one past the largest. Where the table references that parent
 * twice, the insert creates a parent row for the other reference first, which takes that very key:
 * the orphan goes well past it.
 */
function orphanId(table: string, column: string, twice: boolean): { value: ValueFact; beyond?: number } {
  const value: ValueFact = { missing: { table, pk: column } };
  return twice ? { value, beyond: 1000 } : { value };
}

/** A value of the column's type for a unique test's first row (CHECKed columns take their first allowed value); undefined where no literal fits. */
function collidingValue(column: Column): string | number | undefined {
  if (column.allowed?.length) return column.allowed[0]!;
  if (column.checked) return undefined;
  if (/INT|SERIAL|NUM|DEC|REAL|FLOAT|DOUBLE/i.test(column.type)) return 424242;
  if (/UUID/i.test(column.type)) return '00000000-0000-4000-8000-000000000001';
  if (/BOOL|DATE|TIME|JSON|BLOB|BYTEA|BINARY/i.test(column.type)) return undefined;
  return 'itest-unique'.slice(0, maxLength(column) ?? undefined);
}
