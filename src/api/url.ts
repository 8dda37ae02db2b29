import { quote } from '../kit/literals.ts';

/** URLs in generated tests: route strings may hold quotes, backticks, unicode or regex parts. */

function templatePart(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface PathSegment {
  text: string;
  param?: string;
}

/**
 * Splits an Express path into segments a request can use: optional groups are
 * dropped, regex suffixes on params removed, wildcards given a plain value.
 */
export function segments(routePath: string): PathSegment[] {
  const withoutOptional = routePath.replace(/\{[^{}]*\}/g, '');
  return withoutOptional
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^:(\w+)(?:\(.*\))?\??$/.exec(segment);
      if (param) return { text: segment, param: param[1]! };
      if (/^\*/.test(segment) || segment.includes('*')) return { text: 'example' };
      return { text: segment.replace(/\(.*\)\??$/, '').replace(/\?$/, '') };
    });
}

/** A string or template literal for the request URL, with params taken from `values`. */
export function urlLiteral(parts: PathSegment[], values: Record<string, string> = {}): string {
  const pieces = parts.map((part) => (part.param ? (values[part.param] ? { code: values[part.param]! } : { text: 'example' }) : { text: part.text }));
  if (!pieces.some((piece) => 'code' in piece)) return quote(`/${pieces.map((p) => ('text' in p ? p.text : '')).join('/')}`);
  return `\`/${pieces.map((piece) => ('code' in piece ? `\${${piece.code}}` : templatePart(piece.text!))).join('/')}\``;
}
