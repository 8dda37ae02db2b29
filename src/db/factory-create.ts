import type { OrmModel, OrmModels } from '../detect/orm-models/index.ts';
import type { FactoryView } from './factory-view.ts';

/**
 * Where one factory's create() stores its row: the seed helper, or the project's ORM (Prisma's
 * delegate, a Drizzle table, a TypeORM entity's repository, a Sequelize model). The
 * factories/factory-create partial writes the statements, factory-build-type and
 * factory-created-type the types it builds and returns.
 */
export type FactoryStore =
  | { seed: { insertFn: string; rowType: string } }
  | { prisma: { delegate: string; model: string } }
  /** `table`: the schema module's export. `byKey`: MySQL has no RETURNING, so the row is read back by the key drizzle hands back. */
  | { drizzle: { table: string; byKey?: string } }
  | { typeorm: { entity: string } }
  /** A define()d model (JavaScript only: TypeScript factories keep to class models) has no type to cast it to. */
  | { sequelize: { model: string; typed: boolean } };

/** How one factory's create() stores its row. */
export interface FactoryCreate {
  store: FactoryStore;
  /**
   * The type build() makes, where it is the ORM's create input with the foreign keys optional
   * (create() makes the parents build() leaves out): declared before the factory under this name.
   */
  valuesType?: string;
  /** What stores the row, for the factory's comment. */
  through: string;
}

type Orm = OrmModels['orm'];

/**
 * Each ORM's create(), inside the test's transaction like every query of the harness's `client`
 * (the project's ORM on the test's connection).
 */
const CREATE: Record<Orm, (view: FactoryView, model: OrmModel, engine: string) => FactoryCreate> = {
  prisma: (view, model) => ({
    store: { prisma: { delegate: lowerFirst(model.name), model: model.name } },
    ...parentsOptional(view),
    through: 'the Prisma client',
  }),
  drizzle: (view, model, engine) => {
    const byKey = engine === 'mysql' ? { byKey: model.fields[view.primaryKey!]?.name ?? view.primaryKey! } : {};
    return { store: { drizzle: { table: model.name, ...byKey } }, ...parentsOptional(view), through: "Drizzle's insert()" };
  },
  // By the entity's name: the class the DataSource loaded, however the harness loads modules (CommonJS apps go through require).
  typeorm: (_view, model) => ({ store: { typeorm: { entity: model.name } }, through: 'its TypeORM repository' }),
  // The instance's registry holds the models the app defined, bound to the test's connection with it.
  sequelize: (view, model) => {
    const store = { sequelize: { model: model.name, typed: Boolean(model.typed) } };
    return { store, ...(model.typed ? parentsOptional(view) : {}), through: `the ${model.name} model` };
  },
};

/**
 * create() through the project's ORM where the kit read the table's model (Prisma's client,
 * Drizzle's insert, a TypeORM repository, a Sequelize model); otherwise through the seed helper.
 */
export function factoryCreate(view: FactoryView, orm: OrmModels | undefined, engine: string): FactoryCreate {
  if (!view.model || !orm) return { store: { seed: { insertFn: view.insertFn, rowType: view.rowType } }, through: `${view.insertFn}()` };
  return CREATE[orm.orm](view, view.model, engine);
}

/**
 * What factories.ts imports the ORM through: the harness's client (the project's ORM on the test's
 * connection), and the ORM's types (Prisma: the generated client; TypeORM, Sequelize: the model
 * classes) or tables (Drizzle: the schema module), each at the specifier `module()` gives for its file.
 */
export interface OrmImports {
  /** drizzle-orm's eq(), to read a row back by its key (MySQL). */
  eq?: boolean;
  /** Drizzle's schema module, imported whole as `schema`. */
  schema?: string;
  /** Sequelize's CreationAttributes and ModelStatic types. */
  sequelizeTypes?: boolean;
  /** Types by the module that exports them. */
  types: { names: string; specifier: string }[];
}

export function ormImports(
  orm: OrmModels | undefined,
  module: (file?: string) => string,
  engine: string,
  views: readonly FactoryView[],
): OrmImports | undefined {
  const models = views.flatMap((view) => (view.model ? [view.model] : []));
  if (!orm || !models.length) return undefined;
  switch (orm.orm) {
    case 'drizzle':
      return { ...(engine === 'mysql' ? { eq: true } : {}), schema: module(), types: [] };
    case 'prisma':
      return { types: [{ names: [...new Set(models.map((model) => model.name)), 'Prisma'].sort().join(', '), specifier: module() }] };
    default: {
      // Types only: repositories and models are found by name, as the app's own instance registered them.
      const byFile = new Map<string, string[]>();
      for (const model of models.filter((model) => orm.orm !== 'sequelize' || model.typed))
        byFile.set(model.file!, [...(byFile.get(model.file!) ?? []), model.name]);
      return {
        ...(orm.orm === 'sequelize' ? { sequelizeTypes: true } : {}),
        types: [...byFile].map(([file, names]) => ({ names: names.sort().join(', '), specifier: module(file) })),
      };
    }
  }
}

/** Where build() leaves the foreign keys to create(): the alias its values type is declared under. */
function parentsOptional(view: FactoryView): Pick<FactoryCreate, 'valuesType'> {
  return view.parents.length ? { valuesType: `${view.rowType.replace(/Row$/, '')}Values` } : {};
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
