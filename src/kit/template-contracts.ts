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
}

const unknownLeaf = (): Shape => ({ kind: 'leaf', type: 'unknown' });
const emptyObject = (): ObjectShape => ({ kind: 'object', fields: new Map(), open: false });

function asObject(cell: Cell): ObjectShape | undefined {
  if (cell.shape.kind === 'leaf' && cell.shape.type === 'unknown') cell.shape = emptyObject();
  return cell.shape.kind === 'object' ? cell.shape : undefined;
}

/** Two uses of one field: the more telling one wins (a helper's type over unknown, a structure over a leaf). */
function merge(cell: Cell, shape: Shape): void {
  const current = cell.shape;
  if (shape.kind === 'leaf') {
    if (current.kind === 'leaf' && current.type !== shape.type) cell.shape = current.type === 'unknown' ? shape : shape.type === 'unknown' ? current : unknownLeaf();
    return;
  }
  if (current.kind === 'leaf') cell.shape = shape;
}

class Reader {
  constructor(private readonly partials: ReadonlyMap<string, hbs.AST.Program>) {}

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
    let scope = scopes[scopes.length - 1 - path.depth];
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
      if (key?.type === 'StringLiteral') this.field({ data: false, depth: 0, parts: [(key as hbs.AST.StringLiteral).value] }, scopes, { kind: 'leaf', type: 'string' });
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
        const cell = context?.type === 'PathExpression' ? this.field(context as hbs.AST.PathExpression, scopes, unknownLeaf()) : current.cell;
        if (!cell) return;
        this.read(program, [...scopes.slice(0, -1), { cell, conditions: current.conditions, given: new Set([...current.given, ...given]) }]);
        return;
      }
      default:
        return;
    }
  }
}

function typeOf(shape: Shape, indent: string): string {
  if (shape.kind === 'leaf') return shape.type;
  if (shape.kind === 'array') {
    const element = typeOf(shape.element.shape, indent);
    return /[|&]/.test(element) && !element.startsWith('{') ? `readonly (${element})[]` : `readonly ${element}[]`;
  }
  const inner = `${indent}  `;
  const lines = [...shape.fields].sort(([a], [b]) => a.localeCompare(b)).map(([name, field]) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}${field.required ? '' : '?'}: ${typeOf(field.cell.shape, inner)};`);
  if (shape.open) lines.push(`${inner}[field: string]: unknown;`);
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<never, never>';
}

/** Every template file under `dir`, relative, sorted. */
function templateFiles(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? templateFiles(dir, path.posix.join(under, entry.name)) : entry.name.endsWith('.hbs') ? [path.posix.join(under, entry.name)] : []))
    .sort();
}

/** The source of src/kit/template-data.ts: each template's data type, and the map from template to type. */
export function templateContracts(dir: string, partials: Readonly<Record<string, string>>): string {
  const parse = (file: string) => Handlebars.parse(readFileSync(path.join(dir, file), 'utf8'));
  const partialPrograms = new Map(Object.entries(partials).map(([name, file]) => [name, parse(file)]));
  const partialFiles = new Set(Object.values(partials));
  const entries = templateFiles(dir)
    .filter((file) => !partialFiles.has(file))
    .map((file) => {
      const root: Cell = { shape: emptyObject() };
      new Reader(partialPrograms).read(parse(file), [{ cell: root, conditions: 0, given: new Set() }]);
      return `  ${JSON.stringify(file)}: ${typeOf(root.shape, '  ')};`;
    });
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
  ].join('\n');
}
