import { takesDatabase } from '../../detect/app-module.ts';
import { templateFlags, type KitContext } from '../../kit/context.ts';
import { render, renderAt, type KitAction } from '../../kit/generator.ts';
import { DIALECTS } from '../dialects.ts';
import { migrationsData, requireInjectedDb, schemaActions, supportFile, type OrmOverHarness } from './common.ts';
import { serverActions, serverDependencies } from './server.ts';

/** An ORM over the driver, and what it adds to install. */
export interface OrmOverDriver extends OrmOverHarness {
  devDependencies?: Record<string, string>;
  /** MySQL through the mariadb driver instead of mysql2 for the test's connection (Prisma's MySQL adapter speaks it). */
  mariadb?: boolean;
}

/**
 * Postgres or MySQL through its own driver (pg, mysql2): one server per run, the project's
 * migrations (Postgres: once, into a template each worker clones; MySQL: checked once, then
 * per worker), the app's pool patched onto the test's connection, a rollback per test.
 */
export function planServerDriver(kit: KitContext, engine: 'postgres' | 'mysql', orm?: OrmOverDriver): KitAction[] {
  // pg and mysql2 pools and clients the service opens itself (at import, from its settings) are bound at the driver.
  const ownConnections = !takesDatabase(kit.app);
  const bindsProject = (!orm || orm.bindsConnections === true) && ownConnections && !orm?.mariadb;
  if (!bindsProject && orm?.injected !== false) requireInjectedDb(kit, orm?.dataLayer ?? (engine === 'postgres' ? 'pg' : 'mysql2'));
  const common = templateFlags(kit);
  const flavour = engine === 'mysql' && orm?.mariadb ? 'mariadb' : engine;
  const pool = supportFile(kit, 'database/pool');
  const migrations = supportFile(kit, 'migrations');
  const dbFile = supportFile(kit, 'db');
  const actions: KitAction[] = [
    ...serverActions(kit, engine),
    render(`db/${flavour}/pool.ts.hbs`, pool, { bindsProject }),
    orm?.migrations ? renderAt(orm.migrations, migrations) : render(`db/${engine}/migrations.ts.hbs`, migrations, migrationsData(kit)),
    render(`db/${flavour}/db.ts.hbs`, dbFile, { ...common, bindsProject, settings: ownConnections ? kit.detection.env.db : [] }),
  ];
  if (kit.schema)
    actions.push(
      ...schemaActions(kit, kit.schema, DIALECTS[engine], (path, data) =>
        render(`db/${engine}/seed.ts.hbs`, path, { ...data, mariadb: flavour === 'mariadb' }),
      ),
    );
  actions.push(
    { type: 'itest:package-json', devDependencies: { ...serverDependencies(kit, engine), ...orm?.devDependencies } },
    { type: 'itest:claim', items: ['setup.migrations'], files: [migrations, `${kit.paths.dir}/global-setup.${kit.paths.ext}`] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, pool] },
  );
  return actions;
}
