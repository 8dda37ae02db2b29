import type * as t from '@babel/types';
import type { BaseUrl } from './model.ts';
import type { SourceModule } from './outbound.ts';
import { literalValue, memberPath, objectEntries, walk } from './syntax.ts';

/**
 * How the base URL is reached from a harness file: the project's exported binding, a copy of a
 * self-contained expression (only process.env reads and literals), or the literal.
 */
export function resolveBase(node: t.Node, module: SourceModule, depth = 0): BaseUrl | undefined {
  const literal = literalValue(node);
  if (typeof literal === 'string') return /^https?:\/\//.test(literal) ? { kind: 'literal', url: literal.replace(/\/$/, '') } : undefined;
  const path = memberPath(node);
  if (!path)
    return selfContained(node) ? { kind: 'expression', name: envName(node) ?? 'BASE_URL', source: module.text.slice(node.start!, node.end!) } : undefined;
  const [root, ...access] = path as [string, ...string[]];
  if (root === 'process')
    return selfContained(node) ? { kind: 'expression', name: path.at(-1)!, source: module.text.slice(node.start!, node.end!) } : undefined;
  // `this.baseUrl` in a class: what the class set it to.
  if (root === 'this') {
    const value = access.length === 1 ? module.thisValues?.get(access[0]!) : undefined;
    return value && depth < 3 ? resolveBase(value, module, depth + 1) : undefined;
  }
  const imported = module.scope.imports.get(root);
  if (imported) {
    const file = module.resolve(imported.source);
    return file && imported.imported !== '*' ? { kind: 'import', file, name: imported.imported, access } : undefined;
  }
  const init = module.scope.consts.get(root);
  if (!init) return undefined;
  if (module.scope.exported.has(root)) return { kind: 'import', file: module.file, name: root, access };
  // A module-private constant: follow into an object literal, then copy or take the value.
  let value: t.Node | undefined = init;
  for (const key of access) value = value ? objectEntries(value).get(key) : undefined;
  if (!value) return undefined;
  const inner = literalValue(value);
  if (typeof inner === 'string') return /^https?:\/\//.test(inner) ? { kind: 'literal', url: inner.replace(/\/$/, '') } : undefined;
  // A private constant that names an import or an exported setting: follow it.
  if (memberPath(value) && depth < 3) return resolveBase(value, module, depth + 1);
  return selfContained(value)
    ? { kind: 'expression', name: access.length ? constantName(access.at(-1)!) : root, source: module.text.slice(value.start!, value.end!) }
    : undefined;
}

/** The first `process.env.NAME` an expression reads. */
function envName(node: t.Node): string | undefined {
  let name: string | undefined;
  walk(node, (inner) => {
    const path = inner.type === 'MemberExpression' ? memberPath(inner) : undefined;
    if (!name && path?.length === 3 && path[0] === 'process' && path[1] === 'env') name = path[2];
  });
  return name;
}

/** `weatherApiUrl` → `WEATHER_API_URL`. */
function constantName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Only process.env reads, string literals, `??`, `||` and template text: safe to repeat in a test file. */
function selfContained(node: t.Node): boolean {
  let ok = true;
  walk(node, (inner) => {
    if (!ok) return;
    if (inner.type === 'MemberExpression') {
      const path = memberPath(inner);
      if (!path || path[0] !== 'process' || path[1] !== 'env') ok = false;
    } else if (
      ![
        'LogicalExpression',
        'StringLiteral',
        'TemplateLiteral',
        'TemplateElement',
        'Identifier',
        'ParenthesizedExpression',
        'TSAsExpression',
        'TSNonNullExpression',
        'TSStringKeyword',
      ].includes(inner.type)
    ) {
      ok = false;
    }
  });
  return ok;
}
