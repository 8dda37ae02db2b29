import type * as t from '@babel/types';
import type { ValueSource } from './model.ts';
import { literalValue, propertyKey, unwrap } from './syntax.ts';

/** A request value, nested objects and arrays included: a parameter, a literal, or unknown. */
export function valueSource(node: t.Node, params: Set<string>): ValueSource {
  const value = unwrap(node);
  if (value.type === 'Identifier' && params.has(value.name)) return { param: value.name };
  const literal = literalValue(value);
  if (literal !== undefined) return { literal };
  if (value.type === 'ArrayExpression' && value.elements.every((element) => element && element.type !== 'SpreadElement'))
    return { array: value.elements.map((element) => valueSource(element as t.Node, params)) };
  if (value.type === 'ObjectExpression') {
    const entries = objectFields(value, params);
    if (entries) return { object: entries };
  }
  return { unknown: true };
}

/** An object literal's fields, when every key is plain. */
export function objectFields(node: t.Node | undefined, params: Set<string>): [string, ValueSource][] | undefined {
  const value = node ? unwrap(node) : undefined;
  if (value?.type !== 'ObjectExpression') return undefined;
  const entries: [string, ValueSource][] = [];
  for (const property of value.properties) {
    if (property.type !== 'ObjectProperty') return undefined;
    const key = propertyKey(property);
    if (key === undefined) return undefined;
    entries.push([key, valueSource(property.value, params)]);
  }
  return entries;
}
