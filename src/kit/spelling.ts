import { access, literal, quote } from './literals.ts';
import type { UrlFact, ValueFact } from './value-facts.ts';

/**
 * How facts are spelled as code in a generated test; templates call these through helpers, with
 * `async` from the render (the test database's client awaits its calls).
 */
export function valueCode(fact: ValueFact, async: boolean): string {
  if ('values' in fact) return `values${access(fact.values)}`;
  if ('row' in fact) return `${fact.row}${access(fact.field)}`;
  if ('inserted' in fact) return `${async ? `(await ${fact.inserted}(db))` : `${fact.inserted}(db)`}${access(fact.field)}`;
  if ('missing' in fact) return `${async ? 'await ' : ''}missingId(db, ${quote(fact.missing.table)}, ${quote(fact.missing.pk)})`;
  return literal(fact.example);
}

/** A matcher for a value of a JSON kind: `expect.any(String)`. */
export function matcherCode(kind: 'string' | 'number' | 'any'): string {
  return { string: 'expect.any(String)', number: 'expect.any(Number)', any: 'expect.anything()' }[kind];
}

/** A string literal for a URL of text alone; a template literal where it takes values. */
export function urlCode(url: UrlFact, async: boolean): string {
  if (url.pieces.every((piece) => 'text' in piece)) return quote(`/${url.pieces.map((piece) => ('text' in piece ? piece.text : '')).join('/')}`);
  return `\`/${url.pieces.map((piece) => ('value' in piece ? `\${${valueCode(piece.value, async)}}` : templatePart(piece.text))).join('/')}\``;
}

/** Text inside a template literal: route strings may hold backticks, `${` or line breaks. */
function templatePart(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
