import { parse } from '@babel/parser';
import type * as t from '@babel/types';

/**
 * Before the types of a TypeScript file are stripped, the ones a JavaScript reader (and `checkJs`)
 * needs move into JSDoc: type imports, interfaces and type aliases become typedefs, casts become
 * `@type` casts, annotated variables and properties get `@type`, and generic functions and classes
 * get `@template`, `@param`, `@returns`, `@extends`. Every other annotation is left to the stripper:
 * inference covers it, and a JavaScript file should not read like TypeScript in comments. A JSDoc
 * line a template marks `@js` is for JavaScript only (where inference needs a hand, as with the
 * explicit type arguments of `Factory.define<...>()`): kept here without its mark, and dropped from
 * TypeScript files (see `withoutJsOnlyLines`).
 */
export function withJsdocTypes(typescript: string): string {
  typescript = typescript.replace(JS_ONLY_LINE, '$1').replace(JS_ONLY_INLINE, '/** $1 */');
  const ast = parse(typescript, { sourceType: 'module', plugins: ['typescript'] });
  const edits: Edit[] = [];
  const text = (node: t.Node) => typescript.slice(node.start!, node.end!);
  // Imported types are spelled as imports in JSDoc (`import('./db.js').TestDatabase`): a typedef alias would lose their
  // type parameters. A default or namespace import names the module: `Database.Database` is `import('better-sqlite3').Database`.
  const imported = new Map<string, string>();
  for (const statement of ast.program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      const typeOnly = statement.importKind === 'type' || (specifier.type === 'ImportSpecifier' && specifier.importKind === 'type');
      if (typeOnly || specifier.type === 'ImportSpecifier') imported.set(specifier.local.name, importType(statement.source.value, specifier));
    }
  }
  /** A type as one line of JSDoc: its comments dropped, its lines joined, imported names spelled as imports. */
  const typeText = (node: t.Node) =>
    withoutComments(typescript, node, ast.comments ?? [])
      .replace(/\s*\n\s*/g, ' ')
      .replace(/(?<![\w.$'"`])([A-Za-z_$][\w$]*)(?![\w$'"`]|\s*\??:)/g, (name: string) => imported.get(name) ?? name);
  // Functions inside a generic function or class: their parameters' types name its type parameters.
  let generic = 0;

  const visit = (node: t.Node, parent: t.Node | undefined): void => {
    const holder = parent && (parent.type === 'ExportNamedDeclaration' || parent.type === 'ExportDefaultDeclaration') ? parent : node;
    switch (node.type) {
      case 'ImportDeclaration':
        return;
      case 'TSInterfaceDeclaration': {
        const body = `{ ${node.body.body.map((member) => typeText(member).replace(/[;,]?$/, ';')).join(' ')} }`;
        const extended = (node.extends ?? []).map((heritage) => typeText(heritage));
        const type = [...extended, ...(node.body.body.length || !extended.length ? [body] : [])].join(' & ');
        edits.push(replaceWithDoc(typescript, holder, [...templates(node.typeParameters, typeText), `@typedef {${type}} ${node.id.name}`]));
        return;
      }
      case 'TSTypeAliasDeclaration':
        edits.push(
          replaceWithDoc(typescript, holder, [...templates(node.typeParameters, typeText), `@typedef {${typeText(node.typeAnnotation)}} ${node.id.name}`]),
        );
        return;
      case 'TSAsExpression':
      case 'TSTypeAssertion': {
        const type = node.typeAnnotation.type === 'TSTypeReference' && text(node.typeAnnotation) === 'const' ? 'const' : typeText(node.typeAnnotation);
        // From the operand's start (its parentheses included) to the `as`: the operand stays as written.
        const operandEnd = node.type === 'TSAsExpression' ? keywordStart(typescript, 'as', node.typeAnnotation.start!) : node.end!;
        if (node.type === 'TSAsExpression')
          edits.push({ start: node.start!, end: node.start!, text: `/** @type {${type}} */ (` }, { start: operandEnd, end: node.end!, text: ')' });
        else
          edits.push(
            { start: node.start!, end: node.expression.start!, text: `/** @type {${type}} */ (` },
            { start: node.expression.end!, end: node.end!, text: ')' },
          );
        visit(node.expression, node);
        return;
      }
      case 'VariableDeclaration': {
        const annotated =
          node.declarations.length === 1 && node.declarations[0]!.id.type === 'Identifier' ? node.declarations[0]!.id.typeAnnotation : undefined;
        if (annotated && annotated.type === 'TSTypeAnnotation') edits.push(docTags(typescript, holder, [`@type {${typeText(annotated.typeAnnotation)}}`]));
        break;
      }
      case 'ClassProperty':
        if (node.typeAnnotation?.type === 'TSTypeAnnotation')
          edits.push(docTags(typescript, node, [`@type {${typeText(node.typeAnnotation.typeAnnotation)}}`]));
        break;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const superType = node.superClass && node.superTypeParameters ? [`@extends {${text(node.superClass)}${typeText(node.superTypeParameters)}}`] : [];
        const tags = [...templates(node.typeParameters, typeText), ...superType];
        if (tags.length) edits.push(docTags(typescript, holder, tags));
        if (node.typeParameters) return visitGeneric(node);
        break;
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ClassMethod':
      case 'ObjectMethod': {
        // Generic functions (and the functions inside them): what a call returns depends on what it is given, which
        // inference cannot see in JavaScript.
        const own = node.typeParameters?.type === 'TSTypeParameterDeclaration';
        if (!own && !generic) break;
        const params = node.params.flatMap((param) => paramTag(param, typeText));
        const returns = own && node.returnType?.type === 'TSTypeAnnotation' ? [`@returns {${typeText(node.returnType.typeAnnotation)}}`] : [];
        const tags = [...templates(node.typeParameters, typeText), ...params, ...returns];
        if (tags.length)
          edits.push(
            own || node.type !== 'ArrowFunctionExpression' ? docTags(typescript, functionHolder(node, parent, holder), tags) : inlineParams(node, params),
          );
        if (own) return visitGeneric(node);
        break;
      }
    }
    visitChildren(node);
  };
  const visitGeneric = (node: t.Node): void => {
    generic++;
    visitChildren(node);
    generic--;
  };
  const visitChildren = (node: t.Node): void => {
    for (const [key, value] of Object.entries(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      if (Array.isArray(value)) for (const child of value) isNode(child) && visit(child, node);
      else if (isNode(value)) visit(value, node);
    }
  };
  visit(ast.program, undefined);
  return applyEdits(typescript, edits);
}

/** ` * @js @type {...}`: a JSDoc line only a JavaScript file keeps. */
const JS_ONLY_LINE = /^(\s*\*) @js(?= )/gm;
/** `/** @js @type {...} *\/ ` before a parameter: a JSDoc comment only a JavaScript file keeps. */
const JS_ONLY_INLINE = /\/\*\* @js (.*?) \*\//g;

/** A TypeScript file as planned: the JSDoc its template marked for JavaScript only taken out. */
export function withoutJsOnlyLines(typescript: string): string {
  return typescript.replace(/^\s*\* @js .*\n/gm, '').replace(/\/\*\* @js .*? \*\/ ?/g, '');
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Keys that hold types, comments or positions: nothing under them becomes JSDoc. */
const SKIPPED_KEYS = new Set([
  'typeAnnotation',
  'typeParameters',
  'returnType',
  'superTypeParameters',
  'typeArguments',
  'implements',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'loc',
  'extra',
]);

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function importType(source: string, specifier: t.ImportDeclaration['specifiers'][number]): string {
  if (specifier.type !== 'ImportSpecifier') return `import('${source}')`;
  const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
  return `import('${source}').${imported}`;
}

function templates(parameters: t.Node | null | undefined, typeText: (node: t.Node) => string): string[] {
  if (parameters?.type !== 'TSTypeParameterDeclaration') return [];
  return parameters.params.map((param) => {
    const constraint = param.constraint ? `{${typeText(param.constraint)}} ` : '';
    return `@template ${constraint}${param.default ? `[${param.name}=${typeText(param.default)}]` : param.name}`;
  });
}

function paramTag(param: t.Node, typeText: (node: t.Node) => string): string[] {
  const target = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
  const annotation = 'typeAnnotation' in target && target.typeAnnotation?.type === 'TSTypeAnnotation' ? target.typeAnnotation.typeAnnotation : undefined;
  if (!annotation) return [];
  if (target.type === 'RestElement' && target.argument.type === 'Identifier') {
    const type = typeText(annotation);
    return [`@param {${type.endsWith('[]') ? `...${type.slice(0, -2)}` : type}} ${target.argument.name}`];
  }
  if (target.type !== 'Identifier') return [];
  const optional = target.optional || param.type === 'AssignmentPattern';
  return [`@param {${typeText(annotation)}} ${optional ? `[${target.name}]` : target.name}`];
}

/** Where the whitespace before the last `keyword` ahead of `before` starts (`rows[0]  as Row`: right after `]`). */
function keywordStart(source: string, keyword: string, before: number): number {
  let at = source.lastIndexOf(keyword, before - 1);
  while (at > 0 && /\s/.test(source[at - 1]!)) at--;
  return at;
}

/** An arrow function passed along (`vi.fn((...args: Args) => ...)`): its parameters' JSDoc right before it. */
function inlineParams(node: t.Node, params: string[]): Edit {
  return { start: node.start!, end: node.start!, text: `/** ${params.join(' ')} */ ` };
}

/** Where a function's JSDoc goes: the statement declaring it, for `const f = <T>() => ...` and methods alike. */
function functionHolder(node: t.Node, parent: t.Node | undefined, holder: t.Node): t.Node {
  if (parent?.type === 'VariableDeclarator') return parent;
  return node.type === 'ClassMethod' || node.type === 'ObjectMethod' ? node : holder;
}

/** The node's own JSDoc block, if it has one right before it. */
function ownDoc(source: string, node: t.Node): t.Comment | undefined {
  const comment = node.leadingComments?.at(-1);
  if (!comment || comment.type !== 'CommentBlock' || !comment.value.startsWith('*')) return undefined;
  return source.slice(comment.end!, node.start!).trim() === '' ? comment : undefined;
}

/** Adds tags to the node's JSDoc, or a JSDoc with them before it. */
function docTags(source: string, node: t.Node, tags: string[]): Edit {
  const doc = ownDoc(source, node);
  if (doc) {
    const closing = doc.end! - 2;
    const single = !source.slice(doc.start!, doc.end!).includes('\n');
    if (single)
      return {
        start: doc.start!,
        end: doc.end!,
        text: `/**\n *${doc.value.slice(1).trim() ? ` ${doc.value.slice(1).trim()}` : ''}\n${tags.map((tag) => ` * ${tag}\n`).join('')} */`,
      };
    return { start: closing, end: closing, text: `${tags.map((tag) => `* ${tag}\n `).join('')}` };
  }
  return { start: node.start!, end: node.start!, text: tags.length === 1 ? `/** ${tags[0]} */\n` : `/**\n${tags.map((tag) => ` * ${tag}\n`).join('')} */\n` };
}

/** Replaces a declaration that is only a type with a JSDoc typedef, keeping its description. */
function replaceWithDoc(source: string, node: t.Node, tags: string[]): Edit {
  const doc = ownDoc(source, node);
  const description = doc
    ? doc.value
        .replace(/^\*/, '')
        .split('\n')
        .map((line) => line.replace(/^\s*\*?\s?/, ''))
        .join('\n')
        .trim()
    : '';
  const lines = [...(description ? description.split('\n') : []), ...tags];
  return { start: doc ? doc.start! : node.start!, end: node.end!, text: `/**\n${lines.map((line) => (line ? ` * ${line}` : ' *')).join('\n')}\n */` };
}

function withoutComments(source: string, node: t.Node, comments: readonly t.Comment[]): string {
  let text = '';
  let at = node.start!;
  for (const comment of comments) {
    if (comment.start! < node.start! || comment.end! > node.end!) continue;
    text += source.slice(at, comment.start!);
    at = comment.end!;
  }
  return (text + source.slice(at, node.end!)).trim();
}

/** Applies edits from the end, so earlier positions hold; insertions at one place keep their order. */
function applyEdits(source: string, edits: Edit[]): string {
  const ordered = edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index);
  let result = source;
  for (const edit of ordered) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
