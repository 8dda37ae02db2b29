/** Turns table and path names into identifiers and words a person would have written. */

/** 'a user', 'an order'. */
export function withArticle(noun: string): string {
  // By sound: a user, a unit, a one-off; an hour is rare enough in table names to leave.
  const vowelSound = /^[aeiou]/i.test(noun) && !/^(?:u[bcdfgjklmnprstvz][aeiou]|uni|eu|one)/i.test(noun);
  return `${vowelSound ? 'an' : 'a'} ${noun}`;
}

export function singular(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/(xes|ches|shes|sses)$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** 'books' for a table named `book` or `books`: titles read as a person would say them. */
export function plural(word: string): string {
  if (singular(word) !== word) return word;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export function camel(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  const safe = /^[0-9]/.test(joined) ? `_${joined}` : joined;
  return RESERVED.has(safe) ? `${safe}Row` : safe || 'item';
}

export function pascal(text: string): string {
  const name = camel(text);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `paymentIntents` → `payment_intents`. */
export function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A file name from a path segment: lower case, dashes, nothing a file system dislikes. */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'root'
  );
}

/** Words JavaScript will not take as a variable name. */
export const RESERVED = new Set([
  'delete',
  'new',
  'default',
  'class',
  'function',
  'import',
  'export',
  'case',
  'switch',
  'package',
  'interface',
  'var',
  'let',
  'const',
  'return',
  'in',
  'of',
  'do',
  'if',
  'for',
  'while',
  'this',
  'null',
  'true',
  'false',
  'void',
  'with',
  'yield',
  'enum',
  'await',
  'static',
  'public',
  'private',
  'protected',
  'typeof',
  'instanceof',
  'catch',
  'try',
  'finally',
  'throw',
  'else',
  'super',
  'extends',
  'implements',
  'debugger',
  'continue',
  'break',
]);
