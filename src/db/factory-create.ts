import type { OrmModel, OrmModels } from '../detect/orm-models/index.ts';
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

type Orm = OrmModels['orm'];

/** What a strategy gets: the factory, its model, and the target's engine. */
interface CreateContext {
  view: FactoryView;
  model: OrmModel;
  engine: string;
  /** `const db = ...` where parents need it, else the check that create() runs inside a test. */
  db: string;
  /** build()'s values with the parents create() makes, as an expression. */
  values: string;
}

const INDENT = '    ';

/**
 * Each ORM's create(), inside the test's transaction like every query of the harness's `client`
 * (the project's ORM on the test's connection).
 */
const CREATE: Record<Orm, (context: CreateContext) => FactoryCreate> = {
  prisma: ({ view, model, db }) => {
    const data = view.parents.length ? `{\n${INDENT}  data: ${valuesWithParents(view, `${INDENT}  `)},\n${INDENT}}` : '{ data: values }';
    return { body: lines(db, `return client.${lowerFirst(model.name)}.create(${data});`), ...withParentsOptional(view, `Prisma.${model.name}UncheckedCreateInput`, model.name), through: 'the Prisma client' };
  },
  drizzle: ({ view, model, engine, db, values }) => {
    const table = `schema.${model.name}`;
    // An array's first element may be undefined to TypeScript (`row!`); the insert just made it.
    const types = { ...withParentsOptional(view, `typeof ${table}.$inferInsert`, `typeof ${table}.$inferSelect`), through: "Drizzle's insert()" };
    if (engine !== 'mysql') return { body: lines(db, `const [row] = await client.insert(${table}).values(${values}).returning();`, `return row!;`), ...types };
    // MySQL has no RETURNING: drizzle hands back the new key, and the row is read by it.
    const key = access(model.fields[view.primaryKey!.name]?.name ?? view.primaryKey!.name);
    return {
      body: lines(db, `const [inserted] = await client.insert(${table}).values(${values}).$returningId();`, `const [row] = await client.select().from(${table}).where(eq(${table}${key}, inserted!${key}));`, `return row!;`),
      ...types,
    };
  },
  typeorm: ({ model, db, values }) => ({
    // By the entity's name: the class the DataSource loaded, however the harness loads modules (CommonJS apps go through require).
    body: lines(db, `const repository = client.getRepository<${model.name}>(${quote(model.name)});`, `return repository.save(repository.create(${values}));`),
    buildType: `Partial<${model.name}>`,
    createdType: model.name,
    through: 'its TypeORM repository',
  }),
  sequelize: ({ view, model, db, values }) => {
    // The instance's registry holds the models the app defined, bound to the test's connection with it. A define()d
    // model (JavaScript only: TypeScript factories keep to class models) has no type to cast it to.
    if (!model.typed) return { body: lines(db, `return client.model(${quote(model.name)}).create(${values});`), buildType: 'Record<string, unknown>', createdType: 'Record<string, unknown>', through: `the ${model.name} model` };
    const modelExpression = `(client.model(${quote(model.name)}) as ModelStatic<${model.name}>)`;
    return { body: lines(db, `return ${modelExpression}.create(${values});`), ...withParentsOptional(view, `CreationAttributes<${model.name}>`, model.name), through: `the ${model.name} model` };
  },
};

/**
 * create() through the project's ORM where the kit read the table's model (Prisma's client,
 * Drizzle's insert, a TypeORM repository, a Sequelize model); otherwise through the seed helper.
 */
export function factoryCreate(view: FactoryView, orm: OrmModels | undefined, engine: string): FactoryCreate {
  const values = valuesWithParents(view, INDENT);
  if (!view.model || !orm) {
    return { body: lines('const db = databaseOf(transientParams);', `return ${view.insertFn}(db, ${values});`), buildType: `Partial<${view.rowType}>`, createdType: view.rowType, through: `${view.insertFn}()` };
  }
  const db = view.parents.length ? 'const db = databaseOf(transientParams);' : "// The client runs in the test's transaction: create() belongs inside a test.\n" + `${INDENT}databaseOf(transientParams);`;
  return CREATE[orm.orm]({ view, model: view.model, engine, db, values });
}

/**
 * The lines factories.ts imports the ORM through: the harness's client (the project's ORM on the
 * test's connection), and the ORM's types (Prisma: the generated client; TypeORM, Sequelize: the
 * model classes) or tables (Drizzle: the schema module), each at the specifier `module()` gives for its file.
 */
export function ormImports(orm: OrmModels | undefined, module: (file?: string) => string, engine: string, views: readonly FactoryView[]): string[] {
  const models = views.flatMap((view) => (view.model ? [view.model] : []));
  if (!orm || !models.length) return [];
  const client = `import { client } from './app.js';`;
  switch (orm.orm) {
    case 'drizzle':
      return [client, ...(engine === 'mysql' ? [`import { eq } from 'drizzle-orm';`] : []), `import * as schema from ${quote(module())};`];
    case 'prisma':
      return [client, `import type { ${[...new Set(models.map((model) => model.name)), 'Prisma'].sort().join(', ')} } from ${quote(module())};`];
    default: {
      // Types only: repositories and models are found by name, as the app's own instance registered them.
      const byFile = new Map<string, string[]>();
      for (const model of models.filter((model) => orm.orm !== 'sequelize' || model.typed)) byFile.set(model.file!, [...(byFile.get(model.file!) ?? []), model.name]);
      const sequelize = orm.orm === 'sequelize' ? [`import type { CreationAttributes, ModelStatic } from 'sequelize';`] : [];
      return [client, ...sequelize, ...[...byFile].map(([file, names]) => `import type { ${names.sort().join(', ')} } from ${quote(module(file))};`)];
    }
  }
}

/** Statements of onCreate's body, indented. */
function lines(...statements: string[]): string {
  return statements.map((statement) => `${INDENT}${statement}`).join('\n');
}

/** The values create() stores: build()'s, with each required parent made through its factory unless given. */
function valuesWithParents(view: FactoryView, indent: string): string {
  if (!view.parents.length) return 'values';
  const parents = view.parents.map((parent) => `${indent}  ${parent.key}: values${parent.access} ?? (await ${parent.factoryName}.create({}, { transient: { db } }))${parent.referencesAccess},`);
  return ['{', `${indent}  ...values,`, ...parents, `${indent}}`].join('\n');
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
