import type * as t from '@babel/types';
import { readText } from '../files.ts';
import { snake } from '../../kit/names.ts';
import { literalValue, parseSource, walk } from '../http-clients/syntax.ts';
import type { FieldValue, OrmField, OrmModel } from './model.ts';

/** What Sequelize hands back for each DataTypes member. */
const TYPES: Record<string, FieldValue> = {
  DATE: 'date',
  DATEONLY: 'string',
  DECIMAL: 'string',
  BIGINT: 'string',
  BOOLEAN: 'boolean',
  INTEGER: 'number',
  SMALLINT: 'number',
  TINYINT: 'number',
  MEDIUMINT: 'number',
  FLOAT: 'number',
  REAL: 'number',
  DOUBLE: 'number',
  STRING: 'string',
  TEXT: 'string',
  CHAR: 'string',
  UUID: 'string',
  CITEXT: 'string',
};

/**
 * The models of the model files: `sequelize.define('Order', { attributes }, { options })` and
 * `Order.init({ attributes }, { options })`, each attribute by its column (`field`, or the
 * snake_case name under `underscored: true`), with the timestamps Sequelize fills itself.
 */
export function readSequelizeModels(root: string, modelFiles: readonly string[]): OrmModel[] {
  const models: OrmModel[] = [];
  for (const file of modelFiles) {
    const ast = parseSource(readText(root, file), file);
    if (!ast) continue;
    const exported = exportedClasses(ast);
    walk(ast.program, (node) => {
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier') return;
      const method = node.callee.property.name;
      const [first, second, third] = node.arguments;
      const isDefine = method === 'define' && typeof literalValue(first) === 'string' && second?.type === 'ObjectExpression';
      const isInit = method === 'init' && node.callee.object.type === 'Identifier' && first?.type === 'ObjectExpression';
      if (!isDefine && !isInit) return;
      const name = isDefine ? String(literalValue(first)) : (node.callee.object as t.Identifier).name;
      const attributes = (isDefine ? second : first) as t.ObjectExpression;
      const options = (isDefine ? third : second)?.type === 'ObjectExpression' ? ((isDefine ? third : second) as t.ObjectExpression) : undefined;
      const option = (key: string) => {
        const property = options?.properties.find(
          (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === key,
        );
        return property ? literalValue(property.value) : undefined;
      };
      const table = option('tableName');
      const underscored = option('underscored') === true;
      // A class model's type can be imported by name; a define()d one has none beyond Model.
      const typed = isInit && exported.has(name);
      models.push({
        table: typeof table === 'string' ? table : option('freezeTableName') === true ? name : `${name}s`,
        name,
        file,
        fields: fieldsOf(attributes, underscored, option('timestamps') !== false),
        ...(typed ? { typed } : {}),
        ...(underscored ? { underscored } : {}),
      });
    });
  }
  return models;
}

function fieldsOf(attributes: t.ObjectExpression, underscored: boolean, timestamps: boolean): Record<string, OrmField> {
  const fields: Record<string, OrmField> = {};
  const columnOf = (name: string) => (underscored ? snake(name) : name);
  for (const property of attributes.properties) {
    if (property.type !== 'ObjectProperty' || property.key.type !== 'Identifier') continue;
    const name = property.key.name;
    const definition = property.value.type === 'ObjectExpression' ? property.value : undefined;
    const get = (key: string) =>
      definition?.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === key)?.value;
    const type = definition ? get('type') : property.value;
    const field = literalValue(get('field'));
    const { value, allowed } = dataType(type);
    // A defaultValue (DataTypes.UUIDV4, NOW, a literal) is Sequelize's to fill.
    const ormFilled = get('defaultValue') !== undefined;
    fields[typeof field === 'string' ? field : columnOf(name)] = { name, value, ...(ormFilled ? { ormFilled } : {}), ...(allowed ? { allowed } : {}) };
  }
  if (timestamps) for (const name of ['createdAt', 'updatedAt']) fields[columnOf(name)] ??= { name, value: 'date', ormFilled: true };
  return fields;
}

/** `DataTypes.STRING(32)`, `DataTypes.ENUM('a', 'b')`, `Sequelize.DATE`: the value it holds. */
function dataType(node: t.Node | undefined): { value: FieldValue; allowed?: string[] } {
  const call = node?.type === 'CallExpression' ? node : undefined;
  const member = call ? call.callee : node;
  const name = member?.type === 'MemberExpression' && member.property.type === 'Identifier' ? member.property.name : undefined;
  if (name === 'ENUM' && call) {
    const allowed = call.arguments.map((argument) => literalValue(argument)).filter((value): value is string => typeof value === 'string');
    return allowed.length ? { value: 'string', allowed } : { value: 'string' };
  }
  return { value: (name ? TYPES[name] : undefined) ?? 'other' };
}

/** Classes the module exports by name (`export class Order extends Model`). */
function exportedClasses(ast: t.File): Set<string> {
  const names = new Set<string>();
  for (const statement of ast.program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'ClassDeclaration' && statement.declaration.id)
      names.add(statement.declaration.id.name);
  }
  return names;
}
