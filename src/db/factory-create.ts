import type { OrmModel, OrmModels } from '../detect/orm-models/index.ts';
import { quote } from '../kit/literals.ts';
import type { FactoryView } from './factory-view.ts';

/**
 * Where one factory's create() stores its row: the seed helper, or the project's ORM (Prisma's
 * delegate, a Drizzle table, a TypeORM entity's repository, a Sequelize model). The
 * factories/factory-create partial writes the statements.
 */
export type FactoryStore =
  | { seed: { insertFn: string } }
  | { prisma: { delegate: string } }
  /** `byKey`: MySQL has no RETURNING, so the row is read back by the key drizzle hands back. */
  | { drizzle: { table: string; byKey?: string } }
  | { typeorm: { entity: string } }
  /** A define()d model (JavaScript only: TypeScript factories keep to class models) has no type to cast it to. */
  | { sequelize: { model: string; typed: boolean } };

/** How one factory's create() stores its row, and the types it builds and returns. */
export interface FactoryCreate {
  store: FactoryStore;
  /** fishery's build type and create type (TypeScript only). */
  buildType: string;
  createdType: string;
  /** A type alias build() returns, declared before the factory where it would not fit inline. */
  typeDeclaration?: string;
  /** What stores the row, for the factory's comment. */
  through: string;
}

type Orm = OrmModels['orm'];

/**
 * Each ORM's create(), inside the test's transaction like every query of the harness's `client`
 * (the project's ORM on the test's connection).
 */
const CREATE: Record<Orm, (view: FactoryView, model: OrmModel, engine: string) => FactoryCreate> = {
  prisma: (view, model) => ({ store: { prisma: { delegate: lowerFirst(model.name) } }, ...withParentsOptional(view, `Prisma.${model.name}UncheckedCreateInput`, model.name), through: 'the Prisma client' }),
  drizzle: (view, model, engine) => {
    const table = `schema.${model.name}`;
    const byKey = engine === 'mysql' ? { byKey: model.fields[view.primaryKey!]?.name ?? view.primaryKey! } : {};
    return { store: { drizzle: { table, ...byKey } }, ...withParentsOptional(view, `typeof ${table}.$inferInsert`, `typeof ${table}.$inferSelect`), through: "Drizzle's insert()" };
  },
  // By the entity's name: the class the DataSource loaded, however the harness loads modules (CommonJS apps go through require).
  typeorm: (_view, model) => ({ store: { typeorm: { entity: model.name } }, buildType: `Partial<${model.name}>`, createdType: model.name, through: 'its TypeORM repository' }),
  // The instance's registry holds the models the app defined, bound to the test's connection with it.
  sequelize: (view, model) => {
    const store = { sequelize: { model: model.name, typed: Boolean(model.typed) } };
    if (!model.typed) return { store, buildType: 'Record<string, unknown>', createdType: 'Record<string, unknown>', through: `the ${model.name} model` };
    return { store, ...withParentsOptional(view, `CreationAttributes<${model.name}>`, model.name), through: `the ${model.name} model` };
  },
};

/**
 * create() through the project's ORM where the kit read the table's model (Prisma's client,
 * Drizzle's insert, a TypeORM repository, a Sequelize model); otherwise through the seed helper.
 */
export function factoryCreate(view: FactoryView, orm: OrmModels | undefined, engine: string): FactoryCreate {
  if (!view.model || !orm) return { store: { seed: { insertFn: view.insertFn } }, buildType: `Partial<${view.rowType}>`, createdType: view.rowType, through: `${view.insertFn}()` };
  return CREATE[orm.orm](view, view.model, engine);
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

/** The ORM's create input with the foreign keys optional: create() makes the parents build() leaves out. */
function withParentsOptional(view: FactoryView, input: string, createdType: string): Pick<FactoryCreate, 'buildType' | 'createdType' | 'typeDeclaration'> {
  if (!view.parents.length) return { buildType: input, createdType };
  const alias = `${view.rowType.replace(/Row$/, '')}Values`;
  const keys = view.parents.map((parent) => quote(parent.field)).join(' | ');
  return {
    buildType: alias,
    createdType,
    typeDeclaration: `/** What build() makes for ${view.table}: the create input, the rows it references made by create() unless given. */\ntype ${alias} = Omit<${input}, ${keys}> & Partial<Pick<${input}, ${keys}>>;`,
  };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
