/**
 * What generated database code needs to know about an engine: whether its client
 * is asynchronous, and the error codes its driver reports for constraint violations
 * (tests assert codes, never messages).
 */
export interface Dialect {
  engine: 'sqlite' | 'postgres' | 'mysql';
  async: boolean;
  uniqueViolation: string;
  foreignKeyViolation: string;
  /** Placeholder for the n-th (1-based) bound parameter. */
  placeholder(n: number): string;
  quote(identifier: string): string;
}

export const DIALECTS = {
  sqlite: {
    engine: 'sqlite',
    async: false,
    uniqueViolation: 'SQLITE_CONSTRAINT_UNIQUE',
    foreignKeyViolation: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    placeholder: () => '?',
    quote: (id) => `"${id.replace(/"/g, '""')}"`,
  },
  postgres: {
    engine: 'postgres',
    async: true,
    uniqueViolation: '23505',
    foreignKeyViolation: '23503',
    placeholder: (n) => `$${n}`,
    quote: (id) => `"${id.replace(/"/g, '""')}"`,
  },
  mysql: {
    engine: 'mysql',
    async: true,
    uniqueViolation: 'ER_DUP_ENTRY',
    foreignKeyViolation: 'ER_NO_REFERENCED_ROW_2',
    placeholder: () => '?',
    quote: (id) => `\`${id.replace(/`/g, '``')}\``,
  },
} as const satisfies Record<string, Dialect>;

/** The dialect of the client the harness hands to tests: Knex is asynchronous and binds `?` on every engine. */
export function clientDialect(engine: keyof typeof DIALECTS, dataLayers: readonly { value: string }[]): Dialect {
  const dialect = DIALECTS[engine];
  return dataLayers.some((layer) => layer.value === 'knex') ? { ...dialect, async: true, placeholder: () => '?' } : dialect;
}
