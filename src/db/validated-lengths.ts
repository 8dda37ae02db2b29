import type { Schema } from '../detect/schema-sqlite.ts';

/** Gives each column a validator holds to a minimum length that length: seed values are made at least as long. */
export function withMinLengths(schema: Schema, lengths: Record<string, Record<string, number>>): Schema {
  if (!Object.keys(lengths).length) return schema;
  return {
    ...schema,
    tables: schema.tables.map((table) => {
      const own = lengths[table.name];
      return own ? { ...table, columns: table.columns.map((column) => (own[column.name] ? { ...column, minLength: own[column.name] } : column)) } : table;
    }),
  };
}
