import type * as t from '@babel/types';
import { memberPath, unwrap } from './syntax.ts';

/** What a module's top level declares: where each imported name comes from, its constants, what it exports. */
export interface ModuleScope {
  /** local name → the module and the name imported from it ('default' for default imports, '*' for namespaces). */
  imports: Map<string, { source: string; imported: string }>;
  /** Top-level `const x = ...` initializers by name. */
  consts: Map<string, t.Node>;
  /** Top-level functions by name: declarations and `const f = () => ...`. */
  functions: Map<string, t.Function>;
  /** Names other modules can import (ESM exports, `exports.x =`, `module.exports = { x }`). */
  exported: Set<string>;
  /** Top-level expression statements: `axiosRetry(client, {...})`. */
  statements: t.Expression[];
  /** Top-level classes by name. */
  classes: Map<string, t.ClassDeclaration>;
  /** The local name behind `export default x` or `module.exports = x`. */
  defaultExport?: string;
}

export function moduleScope(program: t.Program): ModuleScope {
  const scope: ModuleScope = { imports: new Map(), consts: new Map(), functions: new Map(), exported: new Set(), statements: [], classes: new Map() };
  const declare = (declaration: t.Declaration | t.Statement, exported: boolean) => {
    if (declaration.type === 'FunctionDeclaration' && declaration.id) {
      scope.functions.set(declaration.id.name, declaration);
      if (exported) scope.exported.add(declaration.id.name);
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.init) {
          const name = declarator.id.name;
          const init = unwrap(declarator.init);
          scope.consts.set(name, init);
          if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') scope.functions.set(name, init);
          if (exported) scope.exported.add(name);
          requireBinding(declarator.init, name, scope);
        } else if (declarator.id.type === 'ObjectPattern' && declarator.init) {
          // const { a, b: c } = require('x')
          const source = requireSource(declarator.init);
          if (source)
            for (const property of declarator.id.properties) {
              if (property.type === 'ObjectProperty' && property.key.type === 'Identifier' && property.value.type === 'Identifier')
                scope.imports.set(property.value.name, { source, imported: property.key.name });
            }
        }
      }
    } else if (declaration.type === 'ClassDeclaration' && declaration.id) {
      scope.classes.set(declaration.id.name, declaration);
      if (exported) scope.exported.add(declaration.id.name);
    }
  };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const specifier of statement.specifiers) {
        const imported =
          specifier.type === 'ImportDefaultSpecifier'
            ? 'default'
            : specifier.type === 'ImportNamespaceSpecifier'
              ? '*'
              : specifier.imported.type === 'Identifier'
                ? specifier.imported.name
                : specifier.imported.value;
        scope.imports.set(specifier.local.name, { source: statement.source.value, imported });
      }
    } else if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration) declare(statement.declaration, true);
      for (const specifier of statement.specifiers) if (specifier.type === 'ExportSpecifier') scope.exported.add(specifier.local.name);
    } else if (statement.type === 'ExportDefaultDeclaration') {
      if (statement.declaration.type === 'FunctionDeclaration' && statement.declaration.id) declare(statement.declaration, false);
      if (statement.declaration.type === 'Identifier') scope.defaultExport = statement.declaration.name;
    } else if (statement.type === 'ExpressionStatement') {
      scope.statements.push(statement.expression);
      commonJsExports(statement.expression, scope);
    } else {
      declare(statement, false);
    }
  }
  return scope;
}

/** `const axios = require('axios')` counts as a default import; `require('x').default` too. */
function requireBinding(init: t.Node, name: string, scope: ModuleScope): void {
  const source = requireSource(init);
  if (source) scope.imports.set(name, { source, imported: 'default' });
}

function requireSource(node: t.Node): string | undefined {
  let value = unwrap(node);
  if (value.type === 'MemberExpression' && !value.computed && value.property.type === 'Identifier' && value.property.name === 'default') value = value.object;
  if (value.type === 'CallExpression' && value.callee.type === 'Identifier' && value.callee.name === 'require' && value.arguments[0]?.type === 'StringLiteral')
    return value.arguments[0].value;
  return undefined;
}

/** `exports.x = x`, `module.exports.x = x`, `module.exports = { x, y }`. */
function commonJsExports(expression: t.Expression, scope: ModuleScope): void {
  if (expression.type !== 'AssignmentExpression') return;
  const target = memberPath(expression.left);
  if (!target) return;
  if (target.join('.') === 'module.exports' && expression.right.type === 'Identifier') {
    scope.defaultExport = expression.right.name;
  } else if (target.join('.') === 'module.exports' && expression.right.type === 'ObjectExpression') {
    for (const property of expression.right.properties) {
      if (property.type === 'ObjectProperty' && property.value.type === 'Identifier') scope.exported.add(property.value.name);
    }
  } else if ((target[0] === 'exports' && target.length === 2) || (target.slice(0, 2).join('.') === 'module.exports' && target.length === 3)) {
    const name = target.at(-1)!;
    scope.exported.add(name);
    const value = unwrap(expression.right);
    if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') scope.functions.set(name, value);
    else if (value.type === 'Identifier' && value.name !== name) scope.exported.add(value.name);
  }
}

/** The local name a module's default (or namespace) import is bound to, if it imports `source` at all. */
export function importedAs(scope: ModuleScope, source: string, imported = 'default'): string[] {
  return [...scope.imports]
    .filter(([, binding]) => binding.source === source && (binding.imported === imported || (imported === 'default' && binding.imported === '*')))
    .map(([local]) => local);
}

/** A class's instance methods, and what its fields and constructor set `this.<name>` to. */
export function classMembers(declaration: t.ClassDeclaration): {
  methods: Map<string, t.ClassMethod>;
  thisValues: Map<string, t.Node>;
  constructorParams: number;
} {
  const methods = new Map<string, t.ClassMethod>();
  const thisValues = new Map<string, t.Node>();
  let constructorParams = 0;
  for (const member of declaration.body.body) {
    if (member.type === 'ClassProperty' && !member.static && member.key.type === 'Identifier' && member.value) thisValues.set(member.key.name, member.value);
    if (member.type !== 'ClassMethod' || member.static || member.key.type !== 'Identifier') continue;
    if (member.kind === 'constructor') {
      constructorParams = member.params.length;
      for (const statement of member.body.body) {
        const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
        const target = expression?.type === 'AssignmentExpression' ? memberPath(expression.left) : undefined;
        if (expression?.type === 'AssignmentExpression' && target?.length === 2 && target[0] === 'this') thisValues.set(target[1]!, expression.right);
      }
    } else if (member.kind === 'method' && member.accessibility !== 'private' && member.accessibility !== 'protected') {
      methods.set(member.key.name, member);
    }
  }
  return { methods, thisValues, constructorParams };
}

/** Exported instances of a class: `export const weather = new WeatherClient()`. */
export function exportedInstances(scope: ModuleScope, className: string): string[] {
  return [...scope.consts]
    .filter(([name, init]) => scope.exported.has(name) && init.type === 'NewExpression' && init.callee.type === 'Identifier' && init.callee.name === className)
    .map(([name]) => name);
}
