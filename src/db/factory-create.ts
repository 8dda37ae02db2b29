import type { OrmModels } from '../detect/orm-models/index.ts';
import { access, quote } from '../kit/literals.ts';
import type { FactoryView } from './factory-view.ts';

/** How one factory's create() stores its row, and the types it builds and returns. */
export interface FactoryCreate {
  /** The statements inside onCreate(async (values) => { ... }). */
  body: string;
  /** fishery's build type and create type (TypeScript only). */
  buildType: string;
  createdType: string;
  /** A type alias build() returns, declared before the factory where it would not fit inline. */
  typeDeclaration?: string;
  /** What stores the row, for the factory's comment. */
  through: string;
}

const INDENT = '    ';

/**
 * create() through the project's ORM where the kit read its models (Prisma's client, Drizzle's
 * insert), inside the test's transaction like every query of the harness's `client`; otherwise
 * through the seed helper on the test database.
 */
export function factoryCreate(view: FactoryView, orm: OrmModels | undefined, engine: string, ts: boolean): FactoryCreate {
  // An array's first element may be undefined to TypeScript; the insert just made it.
  const bang = ts ? '!' : '';
  const model = view.model;
  const values = valuesWithParents(view, INDENT);
  const db = view.parents.length ? `${INDENT}const db = databaseOf(transientParams);` : `${INDENT}// The client runs in the test's transaction: create() belongs inside a test.\n${INDENT}databaseOf(transientParams);`;
  if (!model || !orm) {
    return {
      body: [`${INDENT}const db = databaseOf(transientParams);`, `${INDENT}return ${view.insertFn}(db, ${values});`].join('\n'),
      buildType: `Partial<${view.rowType}>`,
      createdType: view.rowType,
      through: `${view.insertFn}()`,
    };
  }
  if (orm.orm === 'prisma') {
    const input = `Prisma.${model.name}UncheckedCreateInput`;
    const data = view.parents.length ? `{\n${INDENT}  data: ${valuesWithParents(view, `${INDENT}  `)},\n${INDENT}}` : '{ data: values }';
    return { body: [db, `${INDENT}return client.${lowerFirst(model.name)}.create(${data});`].join('\n'), ...withParentsOptional(view, input, model.name), through: 'the Prisma client' };
  }
  if (orm.orm === 'typeorm') {
    // By the entity's name: the class the DataSource loaded, however the harness loads modules (CommonJS apps go through require).
    const repository = `${INDENT}const repository = client.getRepository${ts ? `<${model.name}>` : ''}(${quote(model.name)});`;
    return { body: [db, repository, `${INDENT}return repository.save(repository.create(${values}));`].join('\n'), buildType: `Partial<${model.name}>`, createdType: model.name, through: 'its TypeORM repository' };
  }
  if (orm.orm === 'sequelize') {
    // The instance's registry holds the models the app defined, bound to the test's connection with it.
    const modelExpression = ts ? `(client.model(${quote(model.name)}) as ModelStatic<${model.name}>)` : `client.model(${quote(model.name)})`;
    return { body: [db, `${INDENT}return ${modelExpression}.create(${values});`].join('\n'), ...withParentsOptional(view, `CreationAttributes<${model.name}>`, model.name), through: `the ${model.name} model` };
  }
  const table = `schema.${model.name}`;
  const types = { ...withParentsOptional(view, `typeof ${table}.$inferInsert`, `typeof ${table}.$inferSelect`), through: "Drizzle's insert()" };
  if (engine === 'mysql') {
    // MySQL has no RETURNING: drizzle hands back the new key, and the row is read by it.
    const key = view.primaryKey!.name;
    const field = model.fields[key]?.name ?? key;
    return {
      body: [
        db,
        `${INDENT}const [inserted] = await client.insert(${table}).values(${values}).$returningId();`,
        `${INDENT}const [row] = await client.select().from(${table}).where(eq(${table}${access(field)}, inserted${bang}${access(field)}));`,
        `${INDENT}return row${bang};`,
      ].join('\n'),
      ...types,
    };
  }
  return { body: [db, `${INDENT}const [row] = await client.insert(${table}).values(${values}).returning();`, `${INDENT}return row${bang};`].join('\n'), ...types };
}

/**
 * The lines factories.ts imports the ORM through: the harness's client (the project's ORM on the
 * test's connection), and the ORM's types (Prisma: the generated client; TypeORM: the entity classes) or tables
 * (Drizzle: the schema module), each at the specifier `module()` gives for its file.
 */
export function ormImports(orm: OrmModels | undefined, module: (file?: string) => string, engine: string, ts: boolean, views: readonly FactoryView[]): string[] {
  if (!orm || !views.some((view) => view.model)) return [];
  const lines = [`import { client } from './app.js';`];
  if (orm.orm === 'typeorm' || orm.orm === 'sequelize') {
    if (!ts) return lines;
    // Types only: repositories and models are found by name, as the app's own instance registered them.
    const byFile = new Map<string, string[]>();
    for (const model of views.flatMap((view) => (view.model ? [view.model] : []))) byFile.set(model.file!, [...(byFile.get(model.file!) ?? []), model.name]);
    if (orm.orm === 'sequelize') lines.push(`import type { CreationAttributes, ModelStatic } from 'sequelize';`);
    return [...lines, ...[...byFile].map(([file, names]) => `import type { ${names.sort().join(', ')} } from ${quote(module(file))};`)];
  }
  if (orm.orm === 'prisma') {
    if (ts) lines.push(`import type { ${[...new Set(views.flatMap((view) => (view.model ? [view.model.name] : []))), 'Prisma'].sort().join(', ')} } from ${quote(module())};`);
    return lines;
  }
  if (engine === 'mysql') lines.push(`import { eq } from 'drizzle-orm';`);
  lines.push(`import * as schema from ${quote(module())};`);
  return lines;
}

/** The values create() stores: build()'s, with each required parent made through its factory unless given. */
function valuesWithParents(view: FactoryView, indent: string): string {
  if (!view.parents.length) return 'values';
  const lines = view.parents.map((parent) => `${indent}  ${parent.key}: values${parent.access} ?? (await ${parent.factoryName}.create({}, { transient: { db } }))${parent.referencesAccess},`);
  return ['{', `${indent}  ...values,`, ...lines, `${indent}}`].join('\n');
}

/** The ORM's create input with the foreign keys optional: create() makes the parents build() leaves out. */
function withParentsOptional(view: FactoryView, input: string, createdType: string): Pick<FactoryCreate, 'buildType' | 'createdType' | 'typeDeclaration'> {
  if (!view.parents.length) return { buildType: input, createdType };
  const alias = `${view.rowType.replace(/Row$/, '')}Values`;
  const keys = view.parents.map((parent) => quote(parent.key.replace(/^'|'$/g, ''))).join(' | ');
  return {
    buildType: alias,
    createdType,
    typeDeclaration: `/** What build() makes for ${view.table}: the create input, the rows it references made by create() unless given. */\ntype ${alias} = Omit<${input}, ${keys}> & Partial<Pick<${input}, ${keys}>>;`,
  };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
