import type { UrlFact, ValueFact } from '../kit/value-facts.ts';

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

/** The request URL of a path, its params taken from `values` (others get a plain `example`). */
export function urlFact(parts: PathSegment[], values: Record<string, ValueFact> = {}): UrlFact {
  return { pieces: parts.map((part) => (part.param && values[part.param] ? { value: values[part.param]! } : { text: part.param ? 'example' : part.text })) };
}
