import type { Schema } from '../detect/schema-sqlite.ts';
import { pascal, singular } from '../kit/names.ts';

/**
 * Marks the columns the OpenAPI document requires of a table's rows: its schema named after the
 * table (`Order` for `Orders`) lists them by their API names. A row seeded without them would
 * break the document in a read test, and a create without them gets the service's 400.
 */
export function withDocumentedColumns(schema: Schema, requiredBySchema: Record<string, string[]>, apiFields: Record<string, Record<string, string>>): Schema {
  const byName = new Map(Object.entries(requiredBySchema).map(([name, required]) => [name.toLowerCase(), required]));
  if (!byName.size) return schema;
  return {
    ...schema,
    tables: schema.tables.map((table) => {
      const required = byName.get(pascal(singular(table.name)).toLowerCase()) ?? byName.get(table.name.toLowerCase());
      if (!required?.length) return table;
      const apiName = (column: string) => apiFields[table.name]?.[column] ?? column;
      return {
        ...table,
        columns: table.columns.map((column) => (!column.notNull && required.includes(apiName(column.name)) ? { ...column, documented: true } : column)),
      };
    }),
  };
}
