import { takesDatabase } from '../../detect/app-module.ts';
import { KitError } from '../../kit/errors.ts';
import type { Schema } from '../../detect/schema-sqlite.ts';
import { usesLayer } from '../../detect/stack.ts';
import { projectOrm, templateFlags, upToRoot, type KitContext, type ProjectOrm } from '../../kit/context.ts';
import type { KitAction, RenderAction, TemplateRender } from '../../kit/generator.ts';
import { planConstraintTests } from '../constraint-cases.ts';
import { clientDialect, DIALECTS, type Dialect } from '../dialects.ts';
import { tableViews, type TableView } from '../seed-view.ts';

export type Engine = Exclude<KitContext['answers']['db'], 'none'>;

/** The engine the harness runs; only database planners call it, after `--db none` was handled. */
export function engineOf(kit: KitContext): Engine {
  const engine = kit.answers.db;
  if (engine === 'none') throw new Error('engineOf() called for a service without a database');
  return engine;
}

/** The dialect of the client the harness hands to tests (and seed helpers take): the engine's, or Knex's over it. */
export function harnessDialect(kit: KitContext): Dialect {
  const engine = engineOf(kit);
  return knexIsHarnessClient(kit) || engine === 'sqlite' ? clientDialect(engine, kit.detection.dataLayers) : DIALECTS[engine];
}

/** Tests get a Knex where the service uses one the harness hands it (or on SQLite); a Knex the service opens itself is bound at its driver instead. */
export function knexIsHarnessClient(kit: KitContext): boolean {
  return usesLayer(kit.detection.dataLayers, 'knex') && (kit.answers.db === 'sqlite' || takesDatabase(kit.app));
}

/** What an ORM layered on an engine's harness brings: its name (for errors) and, unless plain SQL, its migrations module. */
export interface OrmOverHarness {
  dataLayer: string;
  /** False when the harness binds the project's own module-level client, so the app need not take it as an argument. */
  injected?: boolean;
  /** The ORM's connection is the service's own: its pg pools and clients are bound at the driver, as a raw pg service's are. */
  bindsConnections?: boolean;
  /** Omitted when its migrations are plain SQL the engine's runner applies. */
  migrations?: TemplateRender;
}

export function supportFile(kit: KitContext, name: string): string {
  return `${kit.paths.support}/${name}.${kit.paths.ext}`;
}

/** The project's SQL migrations, or a one-line error naming the fix. */
export function requireMigrations(kit: KitContext) {
  const migrations = kit.detection.migrations;
  if (!migrations) {
    throw new KitError(
      'No SQL migrations found (looked in migrations/, db/migrations/, schema.sql, db/schema.sql ...): pass --migrations <folder or .sql file>.',
    );
  }
  return migrations;
}

/** Template data for a migrations module; its file listing is the shared db-migration-files partial. */
export function migrationsData(kit: KitContext) {
  const migrations = requireMigrations(kit);
  return {
    rootFromSupport: upToRoot(kit.paths.support),
    migrationsPath: migrations.path,
    folder: migrations.kind === 'folder',
    ...(migrations.perFolder ? { perFolder: migrations.perFolder } : {}),
  };
}

/** The app must take its database as an argument for the harness to hand it the test's. */
export function requireInjectedDb(kit: KitContext, engine: string): void {
  if (takesDatabase(kit.app)) return;
  throw new KitError(
    `${kit.app.file} does not take its ${engine} client as an argument, so tests cannot hand it the test database: export a factory like createApp(db) (or createApp({ db })), or pass --app <module>#<factory>.`,
  );
}

/** What every engine's seed template reads: the tables' views and how rows map to the API. */
export type SeedData = ReturnType<typeof templateFlags> & {
  async: boolean;
  /** `keyArg`: the key insertRow reads a row back by, on MySQL (no RETURNING). */
  tables: (TableView & { keyArg?: string })[];
  apiFields: Record<string, Record<string, string>>;
  apiBooleans: Record<string, string[]>;
  apiFieldsSource: string | undefined;
};

/** Seed helpers and constraint/index tests from the schema, for any engine; `seed` renders the engine's seed template. */
export function schemaActions(kit: KitContext, schema: Schema, dialect: Dialect, seed: (path: string, data: SeedData) => RenderAction): KitAction[] {
  const common = templateFlags(kit);
  const apiFields = kit.apiFields;
  // The ORMs read a 0/1 boolean column back as true/false; the raw drivers hand the app the number.
  const booleans = dialect.engine === 'postgres' ? {} : projectOrm(kit.detection) ? booleanColumns(schema) : (kit.apiBooleans ?? {});
  const views = tableViews(schema, apiFields).map((view) => (dialect.engine === 'mysql' ? { ...view, keyArg: view.primaryKey ?? 'id' } : view));
  const actions: KitAction[] = [
    seed(supportFile(kit, 'seed'), {
      ...common,
      async: dialect.async,
      tables: views,
      apiFields,
      apiBooleans: booleans,
      apiFieldsSource: Object.keys(apiFields).length ? kit.apiFieldsSource : undefined,
    }),
    { type: 'itest:claim', items: ['data.isolated'], files: [supportFile(kit, 'seed')] },
  ];
  const clientTest = ormClientTest(kit, views, dialect);
  if (clientTest) actions.push(clientTest);
  const constraints = planConstraintTests(schema, views, dialect);
  if (constraints.tables.length) {
    const file = `${kit.paths.dir}/db/constraints.test.${kit.paths.ext}`;
    actions.push(
      { type: 'itest:render', template: 'db/constraints.test.ts.hbs', path: file, data: { ...common, async: dialect.async, ...constraints } },
      { type: 'itest:claim', items: constraints.claims, files: [file] },
    );
  }
  return actions;
}

/** Each table's BOOLEAN columns: { todos: ['done'] }. */
function booleanColumns(schema: Schema): Record<string, string[]> {
  const entries = schema.tables
    .map((table) => [table.name, table.columns.filter((c) => /^BOOL|^TINYINT\(1\)/i.test(c.type)).map((c) => c.name)] as const)
    .filter(([, columns]) => columns.length);
  return Object.fromEntries(entries);
}

const ORM_NAMES: Record<ProjectOrm, string> = { typeorm: 'TypeORM', sequelize: 'Sequelize', prisma: 'Prisma' };

/** A test that the `client` fixture (the project's ORM) runs inside the test's transaction. */
function ormClientTest(kit: KitContext, views: ReturnType<typeof tableViews>, dialect: Dialect): KitAction | undefined {
  const orm = projectOrm(kit.detection);
  const table = views.find((view) => view.parents.length === 0) ?? views[0];
  if (!orm || !table) return undefined;
  return {
    type: 'itest:render',
    template: 'db/client.test.ts.hbs',
    path: `${kit.paths.dir}/db/client.test.${kit.paths.ext}`,
    // Each ORM runs the raw SQL its own way (the template's branches), and hands back `count` differently.
    data: {
      ormName: ORM_NAMES[orm],
      [orm]: true,
      insertFn: table.insertFn,
      table: table.name,
      countSql: `SELECT COUNT(*) AS count FROM ${dialect.quote(table.name)}`,
    },
  };
}
