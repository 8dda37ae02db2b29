import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';

/**
 * Edits a JSON document (package.json) while keeping its look: the changed values are
 * written with its indentation and newlines, new keys go at the end of their object.
 */
interface JsonStyle {
  indent: string;
  newline: string;
}

function detectJsonStyle(text: string): JsonStyle {
  const indentMatch = /^([ \t]+)"/m.exec(text);
  return { indent: indentMatch?.[1] ?? '  ', newline: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * Applies `edit` to the parsed document, then writes back only the values that changed,
 * through jsonc-parser's edits: every other byte (inline arrays, spacing, comments) stays.
 */
export function editJson<T>(text: string, edit: (value: T) => void): string {
  const style = detectJsonStyle(text);
  const before = JSON.parse(text) as unknown;
  const after = JSON.parse(text) as T;
  edit(after);
  const options: FormattingOptions = { insertSpaces: style.indent !== '\t', tabSize: style.indent === '\t' ? 1 : style.indent.length, eol: style.newline };
  let next = text;
  for (const [path, value] of changedPaths(before, after, [])) next = applyEdits(next, modify(next, path, value, { formattingOptions: options }));
  return next;
}

/** The paths whose values differ between two JSON values, down to the first non-object on each side. */
function changedPaths(before: unknown, after: unknown, path: JSONPath): [JSONPath, unknown][] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (!isObject(before) || !isObject(after)) return [[path, after]];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
