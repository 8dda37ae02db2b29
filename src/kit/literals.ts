/** Literals for generated code: names and strings from user projects may hold quotes, backticks or unicode. */

export function quote(text: string): string {
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

/** The text a quote() literal holds. */
export function unquote(literal: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', u2028: '\u2028', u2029: '\u2029' };
  return literal.slice(1, -1).replace(/\\(u2028|u2029|[nr'\\])/g, (_, code: string) => escapes[code] ?? code);
}

/** Object key as written in code: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

/** Property access: `.name` or `["odd name"]`. */
export function access(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${quote(name)}]`;
}

/** Plain data: what a generated file holds as a constant. */
export type PlainData = string | number | boolean | null | readonly PlainData[] | { readonly [key: string]: PlainData };

/**
 * Plain data as code: `{ authors: { display_name: 'displayName' } }`, `{ todos: ['done'] }`. An object
 * wider than `width` (with its indent) puts each entry on a line of its own; by default it stays on one.
 */
export function dataLiteral(value: PlainData, width = Infinity, indent = ''): string {
  if (value === null || typeof value !== 'object') return literal(value);
  if (Array.isArray(value)) return `[${value.map((item: PlainData) => dataLiteral(item, width, indent)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, PlainData>).map(([name, inner]) => `${key(name)}: ${dataLiteral(inner, width, `${indent}  `)}`);
  if (!entries.length) return '{}';
  const inline = `{ ${entries.join(', ')} }`;
  return inline.length + indent.length <= width ? inline : `{\n${entries.map((entry) => `${indent}  ${entry},`).join('\n')}\n${indent}}`;
}

/** A JSON value as written in code: strings quoted, numbers and booleans as they are. */
export function literal(value: string | number | boolean | null): string {
  return typeof value === 'string' ? quote(value) : String(value);
}
