import { parse } from '@babel/parser';
import { describe, expect, test } from 'vitest';
import { toJavaScript } from '../../src/kit/javascript.ts';
import { withoutJsOnlyLines } from '../../src/kit/jsdoc-types.ts';

const TYPESCRIPT = `import type { TestDatabase } from './db.js';
import { describe } from 'vitest';

/** A row as a test expects it. */
export interface Expected {
  /** Its key. */
  id: number;
  db: TestDatabase;
}

type Mode = 'a' | 'b';

/**
 * The first row.
 * @js @type {(rows: any[]) => any}
 */
export function first<Row extends object>(rows: Row[], fallback?: Row): Row | undefined {
  const seen: Row[] = [];
  const spy = (...args: Row[]) => seen.push(...args);
  spy(...rows);
  return (rows[0]  as Row | undefined) ?? fallback;
}

const MODES = ['a', 'b'] as const;
export const mode = (process.env.MODE ?? 'a') as Mode;
describe(String(MODES.length), () => {});
`;

describe('JavaScript from a TypeScript template', () => {
  test('has no TypeScript left, and keeps what a JavaScript reader needs as JSDoc', async () => {
    const javascript = await toJavaScript(TYPESCRIPT);
    expect(() => parse(javascript, { sourceType: 'module' })).not.toThrow();
    // Interfaces and aliases become typedefs, with their description; imported types are spelled as imports.
    expect(javascript).toContain(" * A row as a test expects it.\n * @typedef {{ id: number; db: import('./db.js').TestDatabase; }} Expected");
    expect(javascript).toContain("@typedef {'a' | 'b'} Mode");
    // A generic function gets its template, parameters and return; the function inside it its parameters.
    expect(javascript).toMatch(/@template \{object\} Row\n \* @param \{Row\[\]\} rows\n \* @param \{Row\} \[fallback\]\n \* @returns \{Row \| undefined\}/);
    expect(javascript).toContain('/** @param {...Row} args */');
    // Annotated variables and casts keep their types; `as const` too.
    expect(javascript).toContain('/** @type {Row[]} */');
    expect(javascript).toContain('/** @type {Row | undefined} */ (rows[0])');
    expect(javascript).toContain("/** @type {const} */ (['a', 'b'])");
    expect(javascript).toContain('/** @type {Mode} */ (process.env.MODE');
    // A JSDoc line marked @js is JavaScript's: kept without its mark.
    expect(javascript).toContain(' * @type {(rows: any[]) => any}');
    expect(javascript).not.toContain('@js');
  });

  test('a TypeScript file keeps none of the JSDoc marked for JavaScript', () => {
    const typescript = withoutJsOnlyLines(TYPESCRIPT.replace('async (values)', 'async (/** @js @type {any} */ values)'));
    expect(typescript).not.toContain('@js');
    expect(typescript).toContain(' * The first row.\n */');
  });
});
