import type * as t from '@babel/types';
import { literalValue, memberPath, unwrap, walk } from './syntax.ts';

/**
 * The `if (<test>) throw <error>` statements of a function that look at the response's status,
 * as predicates over a status: the kit asks them which statuses fail, and which fail for good.
 */
export interface StatusRule {
  /** Whether the test holds for a response with this status; undefined when it cannot tell. */
  holds(status: number): boolean | undefined;
  /** The thrown constructor's name: `AbortError`, `Error`. */
  throws?: string;
}

/** Where the code reads the answer's status: `res.status` and `res.ok` for fetch, `statusCode` for undici's request(). */
export interface StatusPaths {
  status: string;
  ok?: string;
}

export function statusRules(fn: t.Function, paths: StatusPaths | undefined): StatusRule[] {
  if (!paths) return [];
  const rules: StatusRule[] = [];
  walk(fn.body, (node) => {
    if (node.type !== 'IfStatement') return;
    let thrown: t.Node | undefined;
    walk(node.consequent, (inner) => {
      if (!thrown && inner.type === 'ThrowStatement') thrown = unwrap(inner.argument);
    });
    if (!thrown) return;
    const test = node.test;
    if (evaluate(test, paths, 200) === undefined) return;
    const throws = thrown.type === 'NewExpression' || thrown.type === 'CallExpression' ? memberPath(thrown.callee)?.at(-1) : undefined;
    rules.push({ holds: (status) => evaluate(test, paths, status) as boolean | undefined, ...(throws ? { throws } : {}) });
  });
  return rules;
}

/** Evaluates comparisons of the status (and `ok`) with literals, joined by &&, || and !. */
function evaluate(node: t.Node, paths: StatusPaths, status: number): boolean | number | undefined {
  const value = unwrap(node);
  const path = memberPath(value)?.join('.');
  if (path === paths.status) return status;
  if (path && path === paths.ok) return status >= 200 && status < 300;
  const literal = literalValue(value);
  if (typeof literal === 'number' || typeof literal === 'boolean') return literal;
  if (value.type === 'UnaryExpression' && value.operator === '!') {
    const inner = evaluate(value.argument, paths, status);
    return inner === undefined ? undefined : !inner;
  }
  if (value.type === 'LogicalExpression') {
    const left = evaluate(value.left, paths, status);
    const right = evaluate(value.right, paths, status);
    if (left === undefined || right === undefined) return undefined;
    return value.operator === '&&' ? Boolean(left) && Boolean(right) : value.operator === '||' ? Boolean(left) || Boolean(right) : undefined;
  }
  if (value.type === 'BinaryExpression' && value.left.type !== 'PrivateName') {
    const left = evaluate(value.left, paths, status);
    const right = evaluate(value.right, paths, status);
    if (typeof left !== 'number' || typeof right !== 'number') return undefined;
    switch (value.operator) {
      case '===':
      case '==':
        return left === right;
      case '!==':
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
      default:
        return undefined;
    }
  }
  // [404, 410].includes(res.status)
  if (
    value.type === 'CallExpression' &&
    value.callee.type === 'MemberExpression' &&
    memberPath(value.callee.property)?.[0] === 'includes' &&
    value.callee.object.type === 'ArrayExpression'
  ) {
    const wanted = evaluate(value.arguments[0] as t.Node, paths, status);
    const items = value.callee.object.elements.map((element) => (element ? literalValue(element) : undefined));
    return typeof wanted === 'number' && items.every((item) => typeof item === 'number') ? items.includes(wanted) : undefined;
  }
  return undefined;
}

/** The first status of `candidates` for which some rule throws (and, with `by`, throws that error). */
export function failingStatus(rules: StatusRule[], candidates: number[], by?: (rule: StatusRule) => boolean): number | undefined {
  return candidates.find((status) => rules.some((rule) => (!by || by(rule)) && rule.holds(status) === true));
}
