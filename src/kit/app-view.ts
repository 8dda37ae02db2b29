import { takesDatabase, type AppModule } from '../detect/app-module.ts';
import { importPath, projectOrm, type KitContext, type ProjectOrm } from './context.ts';
import { serverGlue, type GlueFacts } from './app-glue.ts';
import { defaultFrom, namedFrom, wholeModule, type ModuleBinding } from './module-binding.ts';

/**
 * How app.ts gets the project's own data client, spelled by the orm-client partial: a call of the
 * harness's orm module (or Drizzle) on the test's `db`, or, for the service's own connection, the
 * client it connected.
 */
export interface OrmClient {
  call: string;
  awaited?: true;
  onDb?: true;
  /** Drizzle: the project's schema module, `{ schema }` (on MySQL with `mode: 'default'`). */
  schema?: true;
  defaultMode?: true;
}

/** How app.ts gets the app, spelled by the app-expression partial. */
export type AppExpression = { local: string } & (
  | { nestModule: true }
  /** A Fastify root plugin goes on a fresh instance (the glue registers it). */
  | { fastifyPlugin: true }
  /** A factory is called, given the test's client positionally or under a key of its options. */
  | { factory: { awaited?: true; positional?: string; keyed?: { key: string; name: string; shorthand?: true } } }
  | { instance: true }
);

/** Where app.ts exports the `client` fixture's client: before the app, which is given it, or after it, once the app has made it. */
type ClientPlace = { clientBeforeApp?: OrmClient; clientAfterApp?: OrmClient };

interface OrmWrapper {
  /** Harness modules, imported even where the app itself is loaded with require. */
  harnessModules: ModuleBinding[];
  /** Project packages and modules, loaded the way the app is. */
  projectModules: ModuleBinding[];
  client: OrmClient;
  /** The client exists once the app has started (the service's own connection), not before. */
  afterApp?: boolean;
}

/** app.ts's view of an app the harness imports. */
export type AppView = {
  harnessModules: ModuleBinding[];
  projectModules: ModuleBinding[];
  app: AppExpression;
  usesDb: boolean;
  glue: GlueFacts;
} & ClientPlace;

/** app.ts for an app the harness imports: the modules it loads, the client, the app and the glue. */
export function appView(kit: KitContext, fromFile: string): AppView {
  const app = kit.app;
  const orm = ormWrapper(kit, fromFile);
  const glue = serverGlue(kit);
  const local = localName(app);
  const specifier = importPath(fromFile, app.file, kit);
  const binding = app.exportName === 'default' ? defaultFrom(specifier, local) : namedFrom(specifier, app.exportName, local);
  return {
    harnessModules: [...glue.imports, ...(orm?.harnessModules ?? [])],
    projectModules: [...(orm?.projectModules ?? []), binding],
    app: appExpression(app, local, orm && !orm.afterApp ? 'client' : 'db'),
    usesDb: takesDatabase(app),
    glue: glue.glue,
    ...clientPlace(orm),
  };
}

/** app.ts for a service started from its entry point: the ORM client (if any) first, then the entry. */
export function bootView(kit: KitContext, fromFile: string) {
  const entry = kit.app.entry!;
  const orm = ormWrapper(kit, fromFile);
  return {
    harnessModules: orm?.harnessModules ?? [],
    projectModules: orm?.projectModules ?? [],
    ...clientPlace(orm),
    specifier: importPath(fromFile, entry.file, kit),
    entryFile: entry.file,
    entrySource: entry.source,
  };
}

/** The packages app.ts imports for the framework's glue, where the project lacks them. */
export function glueDevDependencies(kit: KitContext): Record<string, string> {
  return kit.app.kind === 'entry' ? {} : serverGlue(kit).devDependencies;
}

/** The harness's name for the app (or its factory, or Nest's root module): the export's own name where it has one. */
function localName(app: AppModule): string {
  if (app.kind === 'instance' || app.kind === 'plugin') return 'serviceApp';
  if (app.exportName !== 'default') return app.exportName;
  return app.kind === 'module' ? 'AppModule' : 'createApp';
}

function clientPlace(orm: OrmWrapper | undefined): ClientPlace {
  if (!orm) return {};
  return orm.afterApp ? { clientAfterApp: orm.client } : { clientBeforeApp: orm.client };
}

function appExpression(app: AppModule, local: string, client: string): AppExpression {
  if (app.kind === 'module') return { local, nestModule: true };
  if (app.kind === 'plugin') return { local, fastifyPlugin: true };
  if (app.kind !== 'factory') return { local, instance: true };
  const awaited = app.async ? { awaited: true as const } : {};
  if (!takesDatabase(app)) return { local, factory: awaited };
  if (app.dbParam === 'positional') return { local, factory: { ...awaited, positional: client } };
  const key = typeof app.dbParam === 'object' ? app.dbParam.key : client;
  return { local, factory: { ...awaited, keyed: key === client ? { key, name: client, shorthand: true } : { key, name: client } } };
}

/** What the harness's orm module exports for each ORM, and how app.ts gets the client from it. */
const ORM_MODULE: Record<ProjectOrm, OrmClient> = {
  typeorm: { call: 'testDataSource', awaited: true, onDb: true },
  prisma: { call: 'testPrisma', onDb: true },
  // The project's own Sequelize instance, bound to the test's connection before the app's models run a query.
  sequelize: { call: 'bindSequelize', awaited: true, onDb: true },
};

const DRIZZLE_DRIVERS: Record<string, string> = { postgres: 'node-postgres', mysql: 'mysql2', sqlite: 'better-sqlite3' };

/**
 * An ORM over the harness's client: the app gets the same kind of object it gets in
 * production, and every query still runs in the test's transaction.
 */
function ormWrapper(kit: KitContext, fromFile: string): OrmWrapper | undefined {
  // --db none: the app keeps whatever client it builds itself.
  if (kit.answers.db === 'none') return undefined;
  // The harness's orm module builds the project's ORM client on the test's connection (see templates/db/<orm>/orm.ts.hbs).
  const orm = projectOrm(kit.detection);
  if (orm === 'typeorm' && !kit.detection.typeorm?.exportName) {
    // The service's own TypeORM connection: the harness's orm module binds it as it connects, and hands it out once it has.
    return { harnessModules: [namedFrom('./orm.js', 'serviceDataSource')], projectModules: [], client: { call: 'serviceDataSource' }, afterApp: true };
  }
  if (orm) return { harnessModules: [namedFrom('./orm.js', ORM_MODULE[orm].call)], projectModules: [], client: ORM_MODULE[orm] };
  const drizzle = kit.detection.drizzle;
  // Drizzle over a libSQL client the service opens itself: bound at the driver, nothing to build.
  if (!drizzle || (kit.detection.libsqlModule && kit.answers.db === 'sqlite')) return undefined;
  const driver = namedFrom(`drizzle-orm/${DRIZZLE_DRIVERS[kit.answers.db]}`, 'drizzle');
  if (!drizzle.schema) return { harnessModules: [], projectModules: [driver], client: { call: 'drizzle', onDb: true } };
  return {
    harnessModules: [],
    projectModules: [driver, wholeModule(importPath(fromFile, drizzle.schema, kit), 'schema')],
    client: { call: 'drizzle', onDb: true, schema: true, ...(kit.answers.db === 'mysql' ? { defaultMode: true as const } : {}) },
  };
}
