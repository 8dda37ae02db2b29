import { takesDatabase } from '../../detect/app-module.ts';
import { templateFlags, type KitContext } from '../../kit/context.ts';
import { render, type KitAction, type TemplateRender } from '../../kit/generator.ts';
import { clientDialect } from '../dialects.ts';
import { engineOf, migrationsData, requireInjectedDb, schemaActions, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';
import { serverActions, serverDependencies } from './server.ts';

const KNEX_CLIENTS = { sqlite: 'better-sqlite3', postgres: 'pg', mysql: 'mysql2' } as const;

/**
 * Knex over any engine: the engine's server and worker databases as for its raw
 * driver, Knex's own migrator for the project's migrations, and a Knex proxy that
 * sends every call to the running test's transaction.
 */
export function planKnex(kit: KitContext): KitAction[] {
  const engine = engineOf(kit);
  // A Knex the service opens itself (a Fastify plugin, a module over its knexfile) talks through pg or mysql2: bound there.
  if (!takesDatabase(kit.app) && engine !== 'sqlite')
    return planServerDriver(kit, engine, { dataLayer: 'Knex', bindsConnections: true, ...knexMigrations(kit, engine) });
  requireInjectedDb(kit, 'Knex');
  const common = templateFlags(kit);
  const server = engine !== 'sqlite';
  const dbFile = supportFile(kit, 'db');
  const globalSetup = `${kit.paths.dir}/global-setup.${kit.paths.ext}`;
  const knexClient = KNEX_CLIENTS[engine];
  const actions: KitAction[] = [
    {
      type: 'itest:render',
      template: 'db/knex/migrations.ts.hbs',
      path: supportFile(kit, 'migrations'),
      data: { ...common, ...migrationsData(kit), server, knexClient },
    },
    { type: 'itest:render', template: 'db/knex/db.ts.hbs', path: dbFile, data: { ...common, server, knexClient } },
  ];
  if (engine === 'sqlite') actions.push({ type: 'itest:render', template: 'db/knex/global-setup-sqlite.ts.hbs', path: globalSetup, data: {} });
  else actions.push(...serverActions(kit, engine));

  const dialect = clientDialect(engine, kit.detection.dataLayers);
  if (kit.schema) {
    const planDoc = {
      postgres: 'The plan Postgres picks with sequential scans off: it names an index whenever one can serve the query.',
      mysql: "The optimizer's view of a query as JSON: the indexes it could use (possible_keys) and the one it chose (key).",
      sqlite: 'How SQLite will run a query: the lines of EXPLAIN QUERY PLAN, which name the indexes it uses.',
    }[engine];
    const seedData = {
      engine,
      returning: engine !== 'mysql',
      planDoc,
      postgres: engine === 'postgres',
      mysql: engine === 'mysql',
      sqlite: engine === 'sqlite',
    };
    actions.push(...schemaActions(kit, kit.schema, dialect, (path, data) => render('db/knex/seed.ts.hbs', path, { ...data, ...seedData })));
  }

  const devDependencies = engine === 'sqlite' ? { 'better-sqlite3': kit.versions.packages['better-sqlite3'] } : serverDependencies(kit, engine);
  actions.push(
    { type: 'itest:package-json', devDependencies, ...(engine === 'sqlite' ? { buildScripts: ['better-sqlite3'] } : {}) },
    ...(engine === 'sqlite' ? [{ type: 'itest:claim' as const, items: ['setup.database', 'db.in-memory'], files: [dbFile] }] : []),
    { type: 'itest:claim', items: ['setup.migrations'], files: [supportFile(kit, 'migrations'), globalSetup] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile] },
  );
  return actions;
}

/** Knex's own migrator for migration modules; SQL files (postgrator's, dbmate's) go to the engine's SQL runner. */
function knexMigrations(kit: KitContext, engine: 'postgres' | 'mysql'): { migrations?: TemplateRender } {
  const sqlFiles = kit.detection.migrations?.files.every((file) => file.endsWith('.sql'));
  if (sqlFiles) return {};
  return {
    migrations: {
      template: 'db/knex/migrations.ts.hbs',
      data: { ...templateFlags(kit), ...migrationsData(kit), server: true, knexClient: KNEX_CLIENTS[engine] },
    },
  };
}
