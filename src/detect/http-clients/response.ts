import type * as t from '@babel/types';
import type { Expected } from './model.ts';
import type { FoundCall } from './outbound.ts';
import type { StatusPaths } from './status-rules.ts';
import { SDKS } from './sdks.ts';
import { dataPath, literalValue, memberPath, propertyKey, unwrap, walk } from './syntax.ts';

/**
 * Where the answer's data is held: `data` (axios destructured), `res` + ['data'], `body` (fetch's
 * res.json()), or the awaited call itself + ['data'] (`(await http.get(url)).data`).
 */
export type ResponseRoot = { name: string; prefix: string[]; call?: t.CallExpression };

/** The variable that holds the answer's data, the field paths read from it, and its declared type. */
export function readResponse(
  found: FoundCall,
  innerFn: t.Function,
): { root?: ResponseRoot; paths: (string | number)[][]; type?: t.TSType; statusPaths?: StatusPaths } {
  const declarator = declaratorOf(found.call, found.ancestors);
  const typeArgument = (found.call as t.CallExpression & { typeParameters?: t.TSTypeParameterInstantiation }).typeParameters?.params[0];
  let root: ResponseRoot | undefined;
  let type: t.TSType | undefined;
  let responseVar: string | undefined;
  let undiciStatus: StatusPaths | undefined;
  if (found.library === 'got') {
    // `await api.get(url).json<T>()`, or `const { body } = await api.get(url, { responseType: 'json' })`.
    const parent = found.ancestors.at(-1);
    const grandparent = found.ancestors.at(-2);
    if (
      parent?.type === 'MemberExpression' &&
      parent.object === found.call &&
      memberPath(parent.property)?.[0] === 'json' &&
      grandparent?.type === 'CallExpression'
    ) {
      type = (grandparent as t.CallExpression & { typeParameters?: t.TSTypeParameterInstantiation }).typeParameters?.params[0];
      const holder = declaratorOf(grandparent, found.ancestors.slice(0, -2));
      if (holder?.id.type === 'Identifier') {
        root = { name: holder.id.name, prefix: [] };
        const annotation = holder.id.typeAnnotation?.type === 'TSTypeAnnotation' ? holder.id.typeAnnotation.typeAnnotation : undefined;
        type = annotation ?? type;
      }
    } else if (declarator?.id.type === 'ObjectPattern') {
      const body = declarator.id.properties.find(
        (property): property is t.ObjectProperty => property.type === 'ObjectProperty' && propertyKey(property) === 'body',
      );
      if (body?.value.type === 'Identifier') root = { name: body.value.name, prefix: [] };
    } else if (declarator?.id.type === 'Identifier') {
      responseVar = declarator.id.name;
      root = { name: declarator.id.name, prefix: ['body'] };
    }
  } else if (found.library === 'axios' || found.sdk) {
    // axios and Octokit hold the answer under `data`; Stripe and OpenAI resolve to it.
    const dataKey = found.sdk ? SDKS[found.sdk.instance.sdk].dataKey : 'data';
    const prefix = dataKey ? [dataKey] : [];
    type = typeArgument;
    if (declarator?.id.type === 'ObjectPattern') {
      const data = dataKey
        ? declarator.id.properties.find((property): property is t.ObjectProperty => property.type === 'ObjectProperty' && propertyKey(property) === dataKey)
        : undefined;
      if (data?.value.type === 'Identifier') root = { name: data.value.name, prefix: [] };
    } else if (declarator?.id.type === 'Identifier') {
      responseVar = declarator.id.name;
      root = { name: declarator.id.name, prefix };
    } else {
      // `return (await http.get(...)).data`, `return stripe.customers.create(...)`
      root = { name: '', prefix, call: found.call };
    }
  } else if (found.library === 'undici' && declarator?.id.type === 'ObjectPattern') {
    // `const { statusCode, body } = await request(url)`, then `await body.json()`.
    const local = (key: string) => {
      const property = (declarator.id as t.ObjectPattern).properties.find(
        (candidate): candidate is t.ObjectProperty => candidate.type === 'ObjectProperty' && propertyKey(candidate) === key,
      );
      return property?.value.type === 'Identifier' ? property.value.name : undefined;
    };
    const statusCode = local('statusCode');
    if (statusCode) undiciStatus = { status: statusCode };
    const body = local('body');
    if (body) ({ root, type } = jsonOf(innerFn, `${body}.json`));
  } else if (declarator?.id.type === 'Identifier') {
    // fetch: `const res = await fetch(url)`, then `await res.json()`; undici: `res.statusCode`, `await res.body.json()`.
    responseVar = declarator.id.name;
    if (found.library === 'undici') undiciStatus = { status: `${responseVar}.statusCode` };
    ({ root, type } = jsonOf(innerFn, found.library === 'undici' ? `${responseVar}.body.json` : `${responseVar}.json`));
  }
  const paths: (string | number)[][] = [];
  if (root && !root.name.endsWith('()')) {
    const rootAt = root;
    walk(innerFn.body, (node, ancestors) => {
      if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return;
      const parent = ancestors.at(-1);
      if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === node) return;
      if (parent?.type === 'CallExpression' && parent.callee === node) return;
      const rest = rootedPath(node, rootAt);
      if (rest?.length) paths.push(rest);
    });
  }
  const statusPaths = found.library === 'fetch' && responseVar ? { status: `${responseVar}.status`, ok: `${responseVar}.ok` } : undiciStatus;
  return { ...(root ? { root } : {}), paths, ...(type ? { type } : {}), ...(statusPaths ? { statusPaths } : {}) };
}

/** The fields a read takes from the answer: `data.location.name` → ['location', 'name']; undefined when it reads something else. */
function rootedPath(node: t.Node, root: ResponseRoot): (string | number)[] | undefined {
  let path: (string | number)[] | undefined;
  if (root.call) {
    const keys: (string | number)[] = [];
    let current = unwrap(node);
    while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') {
      const key =
        !current.computed && current.property.type === 'Identifier'
          ? current.property.name
          : current.property.type === 'NumericLiteral' || current.property.type === 'StringLiteral'
            ? current.property.value
            : undefined;
      if (key === undefined) return undefined;
      keys.unshift(key);
      current = unwrap(current.object);
    }
    path = current === root.call ? ['', ...keys] : undefined;
  } else {
    path = dataPath(node);
  }
  if (!path || path[0] !== root.name || root.prefix.some((key, i) => path[i + 1] !== key)) return undefined;
  return path.slice(1 + root.prefix.length);
}

/** Where the code keeps what `<callee>()` (res.json, body.json) parsed: `const data = (await res.json()) as T`, or the call itself when it is returned. */
function jsonOf(innerFn: t.Function, callee: string): { root?: ResponseRoot; type?: t.TSType } {
  let found: { root?: ResponseRoot; type?: t.TSType } = {};
  walk(innerFn.body, (node, ancestors) => {
    if (found.root || node.type !== 'CallExpression' || memberPath(node.callee)?.join('.') !== callee) return;
    const holder = declaratorOf(node, ancestors);
    if (holder?.id.type === 'Identifier') {
      const annotation = holder.id.typeAnnotation?.type === 'TSTypeAnnotation' ? holder.id.typeAnnotation.typeAnnotation : undefined;
      const cast = holder.init && holder.init.type === 'TSAsExpression' ? holder.init.typeAnnotation : undefined;
      const type = annotation ?? cast;
      found = { root: { name: holder.id.name, prefix: [] }, ...(type ? { type } : {}) };
    } else {
      found = { root: { name: `${callee}()`, prefix: [] } };
    }
  });
  return found;
}

/** The `const x = <node>` a value is assigned to, looking through await and casts. */
function declaratorOf(node: t.Node, ancestors: readonly t.Node[]): t.VariableDeclarator | undefined {
  let child: t.Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i]!;
    if (parent.type === 'VariableDeclarator') return parent.init === child ? parent : undefined;
    if (!['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression'].includes(parent.type))
      return undefined;
    child = parent;
  }
  return undefined;
}

/**
 * What the client function returns, in terms of the answer: the last `return` of the function
 * that makes the call, when the outer function returns what that one does (pRetry, policy.execute).
 */
export function resultOf(innerFn: t.Function, outer: t.Function, root: ResponseRoot | undefined, params: Set<string>): Expected | undefined {
  // `async (subject) => { await axios.post(...); }` resolves to undefined, whatever the answer.
  if (outer.body.type === 'BlockStatement' && !lastReturn(outer)) return { nothing: true };
  if (innerFn !== outer && !returnsWrapped(outer, innerFn)) return undefined;
  const returned = lastReturn(innerFn);
  if (!returned) return undefined;
  return expectedOf(returned, root, params);
}

function expectedOf(node: t.Node, root: ResponseRoot | undefined, params: Set<string>): Expected | undefined {
  const value = unwrap(node);
  const literal = literalValue(value);
  if (literal !== undefined) return { literal };
  if (value.type === 'Identifier' && params.has(value.name)) return { param: value.name };
  if (value.type === 'CallExpression' && root?.name.endsWith('()') && memberPath(value.callee)?.join('.') === root.name.slice(0, -2)) return { sample: [] };
  // got: `return api.get(url).json()`
  if (
    value.type === 'CallExpression' &&
    value.callee.type === 'MemberExpression' &&
    memberPath(value.callee.property)?.[0] === 'json' &&
    value.callee.object.type === 'CallExpression'
  )
    return { sample: [] };
  const path = root ? rootedPath(value, root) : undefined;
  if (path) return { sample: path };
  if (value.type === 'ObjectExpression') {
    const entries: [string, Expected][] = [];
    let partial = false;
    for (const property of value.properties) {
      const key = property.type === 'ObjectProperty' ? propertyKey(property) : undefined;
      const expected = key !== undefined && property.type === 'ObjectProperty' ? expectedOf(property.value, root, params) : undefined;
      if (key !== undefined && expected) entries.push([key, expected]);
      else partial = true;
    }
    return entries.length ? { object: entries, partial } : undefined;
  }
  return undefined;
}

function lastReturn(fn: t.Function): t.Node | undefined {
  if (fn.body.type !== 'BlockStatement') return fn.body;
  let last: t.Node | undefined;
  walk(fn.body, (node, ancestors) => {
    if (node.type !== 'ReturnStatement' || !node.argument) return;
    // Returns of functions nested inside do not count.
    if (
      ancestors.some(
        (ancestor) =>
          ancestor !== fn && (ancestor.type === 'ArrowFunctionExpression' || ancestor.type === 'FunctionExpression' || ancestor.type === 'FunctionDeclaration'),
      )
    )
      return;
    last = node.argument;
  });
  return last;
}

/** `return pRetry(async () => ...)`, `return policy.execute(...)`, with or without await. */
function returnsWrapped(outer: t.Function, inner: t.Function): boolean {
  const returned = lastReturn(outer);
  if (!returned) return false;
  const value = unwrap(returned);
  return value.type === 'CallExpression' && value.arguments.some((argument) => argument === inner);
}
