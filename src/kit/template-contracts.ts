import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { HELPERS } from './templates.ts';

/**
 * Each template's data contract, read from the template itself: the fields it places, which of them
 * it needs whatever the data (outside every #if, #unless, #each and #with), what it iterates, and the type
 * a helper spells (`asUrl url`: a UrlFact). scripts/template-contracts.ts writes them to
 * src/kit/template-data.ts, so that a generator's call is checked against the template at compile time.
 */

type Shape = ObjectShape | { kind: 'array'; element: Cell } | { kind: 'leaf'; type: string };
interface ObjectShape {
  kind: 'object';
  fields: Map<string, { cell: Cell; required: boolean }>;
  /** A partial chosen at render time reads the rest: any field may be there. */
  open: boolean;
  /** Partials that read this object whole, by name: their contracts are written once, in PartialData. */
  includes: Set<string>;
}
/** A shape that a later use may refine (an object found to be iterated becomes an array). */
interface Cell {
  shape: Shape;
}

const BUILT_IN = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', ...Object.keys(HELPERS)]);

interface Scope {
  cell: Cell;
  /** Blocks entered since this scope began that may not render: a field read inside one is optional. */
  conditions: number;
  /** Names a partial's call gives it (`{{> echoed sent='payload'}}`): not the data's. */
  given: Set<string>;
  /** The render's root, kept under a partial given another context at the top: reached by `@root`, not by `../`. */
  rootOnly?: boolean;
}

const unknownLeaf = (): Shape => ({ kind: 'leaf', type: 'unknown' });
const emptyObject = (): ObjectShape => ({ kind: 'object', fields: new Map(), open: false, includes: new Set() });

function asObject(cell: Cell): ObjectShape | undefined {
  if (cell.shape.kind === 'leaf' && cell.shape.type === 'unknown') cell.shape = emptyObject();
  return cell.shape.kind === 'object' ? cell.shape : undefined;
}

/** Two uses of one field: the more telling one wins (a helper's type over unknown, a structure over a leaf). */
function merge(cell: Cell, shape: Shape): void {
  const current = cell.shape;
  if (shape.kind === 'leaf') {
    if (current.kind === 'leaf' && current.type !== shape.type)
      cell.shape = current.type === 'unknown' ? shape : shape.type === 'unknown' ? current : unknownLeaf();
    return;
  }
  if (current.kind === 'leaf') cell.shape = shape;
}

class Reader {
  constructor(
    private readonly partials: ReadonlyMap<string, hbs.AST.Program>,
    /** Partials whose contract has a name: those that read their context and nothing else. */
    private readonly named: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * The cell of `path` as the scopes see it, created where it is new; undefined for data variables and
   * `this`. `tested`: the block asks whether it is there (#if, #unless), so it need not be.
   */
  private field(path: Pick<hbs.AST.PathExpression, 'data' | 'depth' | 'parts'>, scopes: Scope[], shape: Shape, tested = false): Cell | undefined {
    let parts = path.parts;
    // `list.length`: the list is an array, whatever its elements.
    if (parts.length > 1 && parts.at(-1) === 'length') {
      parts = parts.slice(0, -1);
      shape = { kind: 'array', element: { shape: unknownLeaf() } };
    }
    let scope: Scope | undefined = scopes[scopes.length - 1 - path.depth];
    if (scope?.rootOnly) scope = undefined;
    if (path.data) {
      if (parts[0] !== 'root') return undefined;
      scope = scopes[0];
      parts = parts.slice(1);
    }
    if (!scope) return undefined;
    if (!parts.length) {
      merge(scope.cell, shape);
      return scope.cell;
    }
    if (!path.data && path.depth === 0 && scope.given.has(parts[0]!)) return undefined;
    let cell = scope.cell;
    let required = scope.conditions === 0;
    for (const [i, part] of parts.entries()) {
      const object = asObject(cell);
      if (!object) return undefined;
      const last = i === parts.length - 1;
      const needed = required && !(last && tested);
      const known = object.fields.get(part);
      const next = known ?? { cell: { shape: last ? shape : emptyObject() }, required: needed };
      next.required ||= needed;
      if (known && last) merge(known.cell, shape);
      object.fields.set(part, next);
      cell = next.cell;
      // A field of an optional object is read only where the object is there.
      required &&= next.required;
    }
    return cell;
  }

  read(program: hbs.AST.Program, scopes: Scope[]): void {
    for (const statement of program.body) this.statement(statement, scopes);
  }

  private conditional(scopes: Scope[]): Scope[] {
    return scopes.map((scope) => ({ ...scope, conditions: scope.conditions + 1 }));
  }

  private params(params: hbs.AST.Expression[], scopes: Scope[], helper: string): void {
    if (HELPERS[helper]?.readsAsync) this.field({ data: true, depth: 0, parts: ['root', 'async'] }, scopes, { kind: 'leaf', type: 'boolean' }, true);
    for (const param of params) {
      if (param.type === 'PathExpression') this.field(param as hbs.AST.PathExpression, scopes, { kind: 'leaf', type: HELPERS[helper]?.takes ?? 'unknown' });
      if (param.type === 'SubExpression') this.subExpression(param as hbs.AST.SubExpression, scopes);
    }
  }

  private subExpression(expression: hbs.AST.SubExpression, scopes: Scope[]): void {
    const name = (expression.path as hbs.AST.PathExpression).original;
    // `(lookup . 'partial')`: the partial named by a field, whose reads the kit cannot follow.
    if (name === 'lookup') {
      const key = expression.params[1];
      if (key?.type === 'StringLiteral')
        this.field({ data: false, depth: 0, parts: [(key as hbs.AST.StringLiteral).value] }, scopes, { kind: 'leaf', type: 'string' });
      return;
    }
    this.params(expression.params, scopes, name);
  }

  private statement(node: hbs.AST.Statement, scopes: Scope[]): void {
    switch (node.type) {
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        const name = (mustache.path as hbs.AST.PathExpression).original;
        if (mustache.params.length || BUILT_IN.has(name)) this.params(mustache.params, scopes, name);
        else this.field(mustache.path as hbs.AST.PathExpression, scopes, unknownLeaf());
        return;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        const name = (block.path as hbs.AST.PathExpression).original;
        const subject = block.params[0];
        if (name === 'each' && subject?.type === 'PathExpression') {
          const element: Cell = { shape: unknownLeaf() };
          const list = this.field(subject as hbs.AST.PathExpression, scopes, { kind: 'array', element });
          const items = list?.shape.kind === 'array' ? list.shape.element : element;
          this.read(block.program, [...this.conditional(scopes), { cell: items, conditions: 0, given: new Set() }]);
        } else if (name === 'with' && subject?.type === 'PathExpression') {
          // #with renders only where its object is there, and reads that object's fields.
          const object = this.field(subject as hbs.AST.PathExpression, scopes, emptyObject(), true);
          if (object) this.read(block.program, [...this.conditional(scopes), { cell: object, conditions: 0, given: new Set() }]);
        } else {
          if (subject?.type === 'PathExpression') this.field(subject as hbs.AST.PathExpression, scopes, unknownLeaf(), true);
          else if (subject?.type === 'SubExpression') this.subExpression(subject as hbs.AST.SubExpression, scopes);
          this.read(block.program, this.conditional(scopes));
        }
        if (block.inverse) this.read(block.inverse, this.conditional(scopes));
        return;
      }
      case 'PartialStatement': {
        const partial = node as hbs.AST.PartialStatement;
        const given = new Set<string>((partial.hash?.pairs ?? []).map((pair: hbs.AST.HashPair) => pair.key));
        if (partial.name.type === 'SubExpression') {
          this.subExpression(partial.name as hbs.AST.SubExpression, scopes);
          const object = asObject(scopes[scopes.length - 1]!.cell);
          if (object) object.open = true;
          // Whichever partial it is, what it reads of the render's root (`@root.async`) the root may hold.
          const root = { ...scopes[0]!, conditions: scopes[0]!.conditions + 1 };
          const unseen: Scope = { cell: { shape: { ...emptyObject(), open: true } }, conditions: 1, given: new Set() };
          for (const program of this.partials.values()) this.read(program, [root, unseen]);
          return;
        }
        const program = this.partials.get((partial.name as hbs.AST.PathExpression).original);
        if (!program) throw new Error(`template contracts: no partial ${(partial.name as hbs.AST.PathExpression).original}`);
        const context = partial.params[0];
        const current = scopes[scopes.length - 1]!;
        if (this.named.has(partialName(partial)) && !given.size && this.include(partialName(partial), context, scopes)) return;
        const cell = context?.type === 'PathExpression' ? this.field(context as hbs.AST.PathExpression, scopes, unknownLeaf()) : current.cell;
        if (!cell) return;
        const outer = scopes.length > 1 ? scopes.slice(0, -1) : [{ ...current, rootOnly: true }];
        this.read(program, [...outer, { cell, conditions: current.conditions, given: new Set([...current.given, ...given]) }]);
        return;
      }
      default:
        return;
    }
  }

  /**
   * A named partial's call: its context (the field it is given, or the caller's own where that is
   * there whatever the data) includes the partial's contract. False where it cannot, to read it in place.
   */
  private include(name: string, context: hbs.AST.Expression | undefined, scopes: Scope[]): boolean {
    const path = context?.type === 'PathExpression' ? (context as hbs.AST.PathExpression) : undefined;
    if (context && !path) return false;
    const current = scopes[scopes.length - 1]!;
    const cell = path?.parts.length ? this.field(path, scopes, emptyObject()) : current.conditions === 0 && !path?.depth ? current.cell : undefined;
    const object = cell && asObject(cell);
    object?.includes.add(name);
    return Boolean(object);
  }
}

function partialName(partial: hbs.AST.PartialStatement): string {
  return partial.name.type === 'PathExpression' ? (partial.name as hbs.AST.PathExpression).original : '';
}

/**
 * Whether a partial reads its context and nothing else: no `@root`, no helper that reads the
 * render's `async`, no `../` out of its own blocks, no partial chosen at render time, and the
 * partials it calls alike. Its contract is then the same wherever it is called.
 */
function selfContained(program: hbs.AST.Program, partials: ReadonlyMap<string, hbs.AST.Program>, depth = 0, seen = new Set<hbs.AST.Program>()): boolean {
  if (seen.has(program)) return true;
  seen.add(program);
  const pathOk = (node: hbs.AST.Node | undefined): boolean => {
    if (!node) return true;
    if (node.type === 'SubExpression') return expressionOk(node as hbs.AST.SubExpression);
    if (node.type !== 'PathExpression') return true;
    const path = node as hbs.AST.PathExpression;
    return path.data ? path.parts[0] !== 'root' : path.depth <= depth;
  };
  const expressionOk = (node: { path: hbs.AST.PathExpression | hbs.AST.Expression; params: hbs.AST.Expression[] }): boolean =>
    !HELPERS[(node.path as hbs.AST.PathExpression).original]?.readsAsync && pathOk(node.path) && node.params.every(pathOk);
  return program.body.every((node) => {
    if (node.type === 'MustacheStatement') return expressionOk(node as hbs.AST.MustacheStatement);
    if (node.type === 'BlockStatement') {
      const block = node as hbs.AST.BlockStatement;
      const name = (block.path as hbs.AST.PathExpression).original;
      const inner = name === 'each' || name === 'with' ? depth + 1 : depth;
      return (
        expressionOk(block) && selfContained(block.program, partials, inner, seen) && (!block.inverse || selfContained(block.inverse, partials, depth, seen))
      );
    }
    if (node.type === 'PartialStatement') {
      const partial = node as hbs.AST.PartialStatement;
      const called = partials.get(partialName(partial));
      return Boolean(called) && partial.params.every(pathOk) && selfContained(called!, partials, depth, seen);
    }
    return true;
  });
}

function typeOf(shape: Shape, indent: string): string {
  if (shape.kind === 'leaf') return shape.type;
  if (shape.kind === 'array') {
    const element = typeOf(shape.element.shape, indent);
    return /[|&]/.test(element) && !element.startsWith('{') ? `readonly (${element})[]` : `readonly ${element}[]`;
  }
  const inner = `${indent}  `;
  const lines = [...shape.fields]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, field]) =>
        `${inner}${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}${field.required ? '' : '?'}: ${typeOf(field.cell.shape, inner)};`,
    );
  if (shape.open) lines.push(`${inner}[field: string]: unknown;`);
  const named = [...shape.includes].sort().map((name) => `PartialData[${JSON.stringify(name)}]`);
  const own = lines.length ? [`{\n${lines.join('\n')}\n${indent}}`] : named.length ? [] : ['Record<never, never>'];
  return [...named, ...own].join(' & ');
}

/** Every template file under `dir`, relative, sorted. */
function templateFiles(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? templateFiles(dir, path.posix.join(under, entry.name)) : entry.name.endsWith('.hbs') ? [path.posix.join(under, entry.name)] : [],
    )
    .sort();
}

/** The source of src/kit/template-data.ts: each template's data type, and the map from template to type. */
export function templateContracts(dir: string, partials: Readonly<Record<string, string>>): string {
  const parse = (file: string) => Handlebars.parse(readFileSync(path.join(dir, file), 'utf8'));
  const partialPrograms = new Map(Object.entries(partials).map(([name, file]) => [name, parse(file)]));
  const partialFiles = new Set(Object.values(partials));
  const templates = templateFiles(dir)
    .filter((file) => !partialFiles.has(file))
    .map((file) => [file, parse(file)] as const);
  // A partial some call hands names (`defaultPort='5432'`) reads them as data where read alone: it is read in place.
  const givenNames = new Set([...templates.map(([, program]) => program), ...partialPrograms.values()].flatMap(partialsGivenNames));
  const named = new Set(
    [...partialPrograms].filter(([name, program]) => !givenNames.has(name) && selfContained(program, partialPrograms)).map(([name]) => name),
  );
  const reader = new Reader(partialPrograms, named);
  const contractOf = (program: hbs.AST.Program, indent: string) => {
    const root: Cell = { shape: emptyObject() };
    reader.read(program, [{ cell: root, conditions: 0, given: new Set() }]);
    return typeOf(root.shape, indent);
  };
  const entries = templates.map(([file, program]) => `  ${JSON.stringify(file)}: ${contractOf(program, '  ')};`);
  const included = (source: string) => [...source.matchAll(/PartialData\["([^"]+)"\]/g)].map((match) => match[1]!);
  // The partials the templates include, and those these include.
  const wanted = new Set(entries.flatMap(included));
  const partialEntries = new Map<string, string>();
  for (let queue = [...wanted]; queue.length;) {
    const name = queue.shift()!;
    if (partialEntries.has(name)) continue;
    const entry = `  ${JSON.stringify(name)}: ${contractOf(partialPrograms.get(name)!, '  ')};`;
    partialEntries.set(name, entry);
    queue.push(...included(entry));
  }
  return [
    '// Generated by scripts/template-contracts.ts from templates/: do not edit. `npm run templates:types` writes it again.',
    "import type { MadeValue } from '../db/made-values.ts';",
    "import type { Expectation, MockUrl } from '../mocks/values.ts';",
    "import type { ModuleBinding } from './module-binding.ts';",
    "import type { UrlFact, ValueFact } from './value-facts.ts';",
    '',
    '/** Each template, by its path under templates/, and the data it reads: a generator renders it with that. */',
    'export interface TemplateData {',
    ...entries,
    '}',
    '',
    'export type TemplateName = keyof TemplateData;',
    '',
    '/** The partials that read only the context they are given, and what they read of it: each is written once, here. */',
    'export interface PartialData {',
    ...[...partialEntries].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry),
    '}',
    '',
  ].join('\n');
}

/** The partials a program calls with names of the call's own (`{{> db-env-settings defaultPort='5432'}}`). */
function partialsGivenNames(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const found =
    (node as { type?: string }).type === 'PartialStatement' && (node as hbs.AST.PartialStatement).hash ? [partialName(node as hbs.AST.PartialStatement)] : [];
  return [...found, ...Object.values(node).flatMap(partialsGivenNames)];
}
