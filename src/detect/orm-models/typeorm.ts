import type * as t from '@babel/types';
import { readText } from '../files.ts';
import { literalValue, parseSource } from '../http-clients/syntax.ts';
import { snakeCase } from '../typeorm.ts';
import type { FieldValue, OrmField, OrmModel } from './model.ts';

const COLUMNS = new Set(['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn']);
/** Columns TypeORM fills itself. */
const FILLED = new Set(['CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn']);
const TYPES: Partial<Record<t.Node['type'], FieldValue>> = {
  TSStringKeyword: 'string',
  TSNumberKeyword: 'number',
  TSBooleanKeyword: 'boolean',
  TSBigIntKeyword: 'bigint',
};

/**
 * The @Entity classes of the entity files with their column properties, by column name
 * (`@Column({ name: 'author_id' }) authorId` → author_id; TypeORM's default is the property's name).
 */
export function readTypeormModels(root: string, entityFiles: readonly string[]): OrmModel[] {
  const models: OrmModel[] = [];
  for (const file of entityFiles) {
    const ast = parseSource(readText(root, file), file);
    for (const statement of ast?.program.body ?? []) {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : undefined;
      if (declaration?.type !== 'ClassDeclaration' || !declaration.id) continue;
      const entity = decorator(declaration, 'Entity');
      if (!entity) continue;
      const name = declaration.id.name;
      const table = stringOption(entity, 'name') ?? snakeCase(name);
      models.push({ table, name, file, ...(statement.type === 'ExportDefaultDeclaration' ? { defaultExport: true } : {}), fields: fieldsOf(declaration) });
    }
  }
  return models;
}

function fieldsOf(declaration: t.ClassDeclaration): Record<string, OrmField> {
  const fields: Record<string, OrmField> = {};
  for (const member of declaration.body.body) {
    if (member.type !== 'ClassProperty' || member.key.type !== 'Identifier') continue;
    const column = member.decorators
      ?.map((d) => d.expression)
      .find((e): e is t.CallExpression => e.type === 'CallExpression' && e.callee.type === 'Identifier' && COLUMNS.has(e.callee.name));
    if (!column || column.callee.type !== 'Identifier') continue;
    const kind = column.callee.name;
    const property = member.key.name;
    const annotation = member.typeAnnotation?.type === 'TSTypeAnnotation' ? member.typeAnnotation.typeAnnotation : undefined;
    // `PrimaryGeneratedColumn('uuid')` and `@Generated()` are filled by TypeORM too.
    const generated =
      (kind === 'PrimaryGeneratedColumn' && literalValue(column.arguments[0]) === 'uuid') ||
      member.decorators!.some(
        (d) => d.expression.type === 'CallExpression' && d.expression.callee.type === 'Identifier' && d.expression.callee.name === 'Generated',
      );
    const ormFilled = FILLED.has(kind) || generated;
    const minLength = validatedMinLength(member.decorators!);
    fields[stringOption(column, 'name') ?? property] = {
      name: property,
      value: valueOf(annotation),
      ...(ormFilled ? { ormFilled } : {}),
      ...(minLength ? { minLength } : {}),
    };
  }
  return fields;
}

/** class-validator on the entity (the service validates the entity it saves): `@Length(10, 80)`, `@MinLength(10)`. */
function validatedMinLength(decorators: readonly t.Decorator[]): number | undefined {
  for (const { expression } of decorators) {
    if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier' || !/^(?:Length|MinLength)$/.test(expression.callee.name)) continue;
    const min = literalValue(expression.arguments[0]);
    if (typeof min === 'number' && min > 0) return min;
  }
  return undefined;
}

/** `Date` → date, `string | null` → string ... what the property holds. */
function valueOf(annotation: t.Node | undefined): FieldValue {
  if (!annotation) return 'other';
  if (annotation.type === 'TSUnionType') return annotation.types.map(valueOf).find((value) => value !== 'other') ?? 'other';
  if (annotation.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier' && annotation.typeName.name === 'Date') return 'date';
  return TYPES[annotation.type] ?? 'other';
}

function decorator(declaration: t.ClassDeclaration, name: string): t.CallExpression | undefined {
  return declaration.decorators
    ?.map((d) => d.expression)
    .find((e): e is t.CallExpression => e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === name);
}

/** `'authors'` or `{ name: 'authors' }` among a decorator's arguments. */
function stringOption(call: t.CallExpression, option: string): string | undefined {
  for (const argument of call.arguments) {
    if (argument.type === 'StringLiteral' && option === 'name' && call.callee.type === 'Identifier' && call.callee.name === 'Entity') return argument.value;
    if (argument.type !== 'ObjectExpression') continue;
    const property = argument.properties.find(
      (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === option,
    );
    const value = property && literalValue(property.value);
    if (typeof value === 'string') return value;
  }
  return undefined;
}
