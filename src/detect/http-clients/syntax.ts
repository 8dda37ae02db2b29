import { parse } from '@babel/parser';
import type * as t from '@babel/types';

/**
 * The syntax tree of one source file, TypeScript or JavaScript, ESM or CommonJS. Reading
 * outbound calls needs more than the route scan's patterns: which variable holds the
 * response, which fields the code reads from it, which options a retry call got.
 */
export function parseSource(text: string, file: string): t.File | undefined {
  try {
    return parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      plugins: /\.[cm]?ts$/.test(file) ? ['typescript', 'decorators-legacy'] : ['jsx'],
    });
  } catch {
    return undefined;
  }
}

/** Visits every node under `node`, parents first; `ancestors` ends with the node's parent. */
export function walk(node: t.Node, visit: (node: t.Node, ancestors: readonly t.Node[]) => void, ancestors: t.Node[] = []): void {
  visit(node, ancestors);
  ancestors.push(node);
  for (const key of Object.keys(node) as (keyof t.Node)[]) {
    if (key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'loc') continue;
    const value = node[key] as unknown;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit, ancestors);
    } else if (isNode(value)) {
      walk(value, visit, ancestors);
    }
  }
  ancestors.pop();
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Strips what does not change a value: parentheses, `await`, `as T`, `x!`, `<T>x`, `satisfies T`. */
export function unwrap(node: t.Node): t.Node {
  let current = node;
  for (;;) {
    if (current.type === 'AwaitExpression') {
      current = current.argument;
    } else if (
      current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSTypeAssertion' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'ParenthesizedExpression'
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

export type Literal = string | number | boolean;

/** The value of a literal (string, number, boolean, template without expressions, -n), if it is one. */
export function literalValue(node: t.Node | null | undefined): Literal | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type === 'StringLiteral' || value.type === 'NumericLiteral' || value.type === 'BooleanLiteral') return value.value;
  if (value.type === 'TemplateLiteral' && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? undefined;
  if (value.type === 'UnaryExpression' && value.operator === '-' && value.argument.type === 'NumericLiteral') return -value.argument.value;
  return undefined;
}

/** `a.b.c` → ['a', 'b', 'c'] for chains of plain property reads (optional ones too). */
export function memberPath(node: t.Node): string[] | undefined {
  const value = unwrap(node);
  if (value.type === 'Identifier') return [value.name];
  if (value.type === 'ThisExpression') return ['this'];
  if ((value.type === 'MemberExpression' || value.type === 'OptionalMemberExpression') && !value.computed && value.property.type === 'Identifier') {
    const object = memberPath(value.object);
    return object ? [...object, value.property.name] : undefined;
  }
  return undefined;
}

/** Like memberPath, with literal indexes too: `data.results[0].name` → ['data', 'results', 0, 'name']. */
export function dataPath(node: t.Node): (string | number)[] | undefined {
  const value = unwrap(node);
  if (value.type === 'Identifier') return [value.name];
  if (value.type !== 'MemberExpression' && value.type !== 'OptionalMemberExpression') return undefined;
  const object = dataPath(value.object);
  if (!object) return undefined;
  if (!value.computed && value.property.type === 'Identifier') return [...object, value.property.name];
  const index = value.property.type === 'NumericLiteral' || value.property.type === 'StringLiteral' ? value.property.value : undefined;
  return index === undefined ? undefined : [...object, index];
}

/** The key of an object property written as a name or a string. */
export function propertyKey(property: t.ObjectProperty | t.ObjectMethod | t.TSPropertySignature): string | undefined {
  if (property.computed) return undefined;
  const key = property.key;
  return key.type === 'Identifier' ? key.name : key.type === 'StringLiteral' ? key.value : undefined;
}

/** The properties of an object literal by key (spreads and computed keys are left out). */
export function objectEntries(node: t.Node | null | undefined): Map<string, t.Node> {
  const entries = new Map<string, t.Node>();
  const value = node ? unwrap(node) : undefined;
  if (value?.type !== 'ObjectExpression') return entries;
  for (const property of value.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const key = propertyKey(property);
    if (key !== undefined) entries.set(key, property.value);
  }
  return entries;
}

/** A numeric option: a number literal, or a product of them (`30 * 1000`). */
export function numberValue(node: t.Node | undefined): number | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  const literal = literalValue(value);
  if (typeof literal === 'number') return literal;
  if (value.type === 'BinaryExpression' && value.left.type !== 'PrivateName') {
    const left = numberValue(value.left);
    const right = numberValue(value.right);
    if (left === undefined || right === undefined) return undefined;
    if (value.operator === '*') return left * right;
    if (value.operator === '+') return left + right;
  }
  return undefined;
}

/** The name a callee is called by: `fetch`, `pRetry`, `axios.create` → 'axios.create'. */
export function calleeName(node: t.CallExpression | t.NewExpression): string | undefined {
  return memberPath(node.callee)?.join('.');
}

export function textOf(text: string, node: t.Node): string {
  return text.slice(node.start ?? 0, node.end ?? 0);
}
