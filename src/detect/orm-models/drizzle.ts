import type * as t from '@babel/types';
import { readText } from '../files.ts';
import { literalValue, parseSource, unwrap } from '../http-clients/syntax.ts';
import type { FieldValue, OrmField, OrmModel } from './model.ts';
import type { DrizzleConfig } from '../drizzle.ts';
import { snake } from '../../kit/names.ts';

/** What each column builder's values are in TypeScript, before a `mode` option changes it. */
const BUILDERS: Record<string, FieldValue> = {
  timestamp: 'date',
  datetime: 'date',
  numeric: 'string',
  decimal: 'string',
  boolean: 'boolean',
  bigint: 'bigint',
  bigserial: 'bigint',
  json: 'other',
  jsonb: 'other',
  blob: 'other',
};

const MODES: Record<string, FieldValue> = {
  date: 'date',
  timestamp: 'date',
  timestamp_ms: 'date',
  string: 'string',
  number: 'number',
  bigint: 'bigint',
  boolean: 'boolean',
  json: 'other',
};

/**
 * The tables a Drizzle schema module exports (`export const posts = pgTable('posts', {...})`)
 * with each column's property, by column name (`authorId: integer('author_id')`).
 */
export function readDrizzleModels(root: string, schemaFile: string, casing?: DrizzleConfig['casing']): OrmModel[] {
  const ast = parseSource(readText(root, schemaFile), schemaFile);
  if (!ast) return [];
  const dialect = /mysql-core/.test(readText(root, schemaFile)) ? 'mysql' : 'other';
  const models: OrmModel[] = [];
  for (const statement of ast.program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : undefined;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const declarator of declaration.declarations) {
      const call = declarator.init && unwrap(declarator.init);
      if (
        declarator.id.type !== 'Identifier' ||
        call?.type !== 'CallExpression' ||
        call.callee.type !== 'Identifier' ||
        !/^(pg|mysql|sqlite)Table$/.test(call.callee.name)
      )
        continue;
      const table = literalValue(call.arguments[0]);
      const columns = call.arguments[1];
      if (typeof table !== 'string' || columns?.type !== 'ObjectExpression') continue;
      models.push({ table, name: declarator.id.name, file: schemaFile, fields: fieldsOf(columns, dialect, casing) });
    }
  }
  return models;
}

function fieldsOf(columns: t.ObjectExpression, dialect: 'mysql' | 'other', casing: DrizzleConfig['casing']): Record<string, OrmField> {
  const fields: Record<string, OrmField> = {};
  for (const property of columns.properties) {
    if (property.type !== 'ObjectProperty') continue;
    const name = property.key.type === 'Identifier' ? property.key.name : literalValue(property.key);
    const builder = builderCall(property.value);
    if (typeof name !== 'string' || !builder || builder.callee.type !== 'Identifier') continue;
    // drizzle names the column after the property when the builder is not given one (snake_cased under `casing: 'snake_case'`).
    const first = literalValue(builder.arguments[0]);
    const column = typeof first === 'string' ? first : casing === 'snake_case' ? snake(name) : name;
    const options = builder.arguments.find((argument): argument is t.ObjectExpression => argument.type === 'ObjectExpression');
    const mode = options?.properties.find(
      (option): option is t.ObjectProperty => option.type === 'ObjectProperty' && option.key.type === 'Identifier' && option.key.name === 'mode',
    );
    const modeValue = mode ? literalValue(mode.value) : undefined;
    const kind = builder.callee.name;
    // MySQL's date() hands back a Date unless told otherwise; pg's and SQLite's text dates stay strings.
    const base = kind === 'date' && dialect === 'mysql' ? 'date' : (BUILDERS[kind] ?? (/int|serial|real|double|float/i.test(kind) ? 'number' : 'string'));
    const ormFilled = chainMethods(property.value).some((method) => /^\$(default|defaultFn|onUpdate|onUpdateFn)$/.test(method));
    fields[column] = { name, value: typeof modeValue === 'string' ? (MODES[modeValue] ?? base) : base, ...(ormFilled ? { ormFilled } : {}) };
  }
  return fields;
}

/** The builder call at the root of a column's chain: `integer('author_id')` in `integer('author_id').notNull().references(...)`. */
function builderCall(node: t.Node): t.CallExpression | undefined {
  let current = unwrap(node);
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') current = current.callee.object;
  return current.type === 'CallExpression' ? current : undefined;
}

/** The methods a column's chain calls: `notNull`, `$defaultFn` ... */
function chainMethods(node: t.Node): string[] {
  const methods: string[] = [];
  let current = unwrap(node);
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
    if (current.callee.property.type === 'Identifier') methods.push(current.callee.property.name);
    current = current.callee.object;
  }
  return methods;
}
