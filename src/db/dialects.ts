import { usesLayer } from '../detect/stack.ts';

/**
 * What generated database code needs to know about an engine: whether its client
 * is asynchronous, and the error codes its driver reports for constraint violations
 * (tests assert codes, never messages).
 */
export interface Dialect {
  engine: 'sqlite' | 'postgres' | 'mysql';
  async: boolean;
  /** The error property that carries the code: drivers say `code`, node:sqlite says `errcode`. */
  errorField: 'code' | 'errcode';
  uniqueViolation: string | number;
  foreignKeyViolation: string | number;
  /** Placeholder for the n-th (1-based) bound parameter. */
  placeholder(n: number): string;
  quote(identifier: string): string;
}

export const DIALECTS = {
  sqlite: {
    engine: 'sqlite',
    async: false,
    errorField: 'code',
    uniqueViolation: 'SQLITE_CONSTRAINT_UNIQUE',
    foreignKeyViolation: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    placeholder: () => '?',
    quote: (id) => `"${id.replace(/"/g, '""')}"`,
  },
  postgres: {
    engine: 'postgres',
    async: true,
    errorField: 'code',
    uniqueViolation: '23505',
    foreignKeyViolation: '23503',
    placeholder: (n) => `$${n}`,
    quote: (id) => `"${id.replace(/"/g, '""')}"`,
  },
  mysql: {
    engine: 'mysql',
    async: true,
    errorField: 'code',
    uniqueViolation: 'ER_DUP_ENTRY',
    foreignKeyViolation: 'ER_NO_REFERENCED_ROW_2',
    placeholder: () => '?',
    quote: (id) => `\`${id.replace(/`/g, '``')}\``,
  },
} as const satisfies Record<string, Dialect>;

/** Node's built-in SQLite reports SQLite's extended result codes as numbers. */
const NODE_SQLITE: Dialect = { ...DIALECTS.sqlite, errorField: 'errcode', uniqueViolation: 2067, foreignKeyViolation: 787 };

/** The dialect of the client the harness hands to tests: Knex is asynchronous and binds `?` on every engine. */
export function clientDialect(engine: keyof typeof DIALECTS, dataLayers: readonly { value: string }[]): Dialect {
  const dialect = DIALECTS[engine];
  if (usesLayer(dataLayers, 'knex')) return { ...dialect, async: true, placeholder: () => '?' };
  if (engine === 'sqlite' && usesLayer(dataLayers, 'node:sqlite')) return NODE_SQLITE;
  return dialect;
}
