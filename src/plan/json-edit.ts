/**
 * Edits a JSON document (package.json) while keeping its look: indentation,
 * final newline and key order. New keys go at the end of their object.
 */
export interface JsonStyle {
  indent: string;
  newline: string;
  finalNewline: boolean;
}

export function detectJsonStyle(text: string): JsonStyle {
  const indentMatch = /^([ \t]+)"/m.exec(text);
  return {
    indent: indentMatch?.[1] ?? '  ',
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    finalNewline: /\n$/.test(text),
  };
}

export function formatJson(value: unknown, style: JsonStyle): string {
  const body = JSON.stringify(value, null, style.indent).replace(/\n/g, style.newline);
  return style.finalNewline ? body + style.newline : body;
}

export function editJson<T>(text: string, edit: (value: T) => void): string {
  const style = detectJsonStyle(text);
  const value = JSON.parse(text) as T;
  edit(value);
  const next = formatJson(value, style);
  // Keep the user's bytes when the edit was a no-op, even if their spacing is unusual.
  return JSON.stringify(JSON.parse(text)) === JSON.stringify(value) ? text : next;
}
