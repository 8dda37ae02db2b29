import { KitError } from '../../kit/errors.ts';
import { importPath, templateFlags, upToRoot, type KitContext } from '../../kit/context.ts';
import { BUILT_SCHEMA_FILE } from '../../detect/schema-sqlite.ts';
import type { KitAction, TemplateRender } from '../../kit/generator.ts';
import { engineOf, migrationsData, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';
import { planSqlite } from './sqlite.ts';

/**
 * Sequelize on any engine: the engine's driver harness (server, worker databases,
 * a rollback per test, seed helpers and constraint tests through the raw pool), the
 * project's sequelize-cli migrations, and the project's own Sequelize instance bound to
 * the test's connection, so models the app imports directly still run in the test's transaction.
 */
export function planSequelize(kit: KitContext): KitAction[] {
  const engine = engineOf(kit);
  const instance = kit.detection.sequelize;
  if (!instance) {
    // Built where nothing exports it (a repository's constructor, from a config's literals): Postgres binds its pg clients at the driver, whatever they connect to.
    if (engine === 'postgres' && kit.detection.migrations) {
      return planServerDriver(kit, engine, {
        dataLayer: 'Sequelize',
        bindsConnections: true,
        migrations: { template: 'db/sequelize/migrations.ts.hbs', data: { ...migrationsData(kit), sqlite: false } },
      });
    }
    throw new KitError(
      'No Sequelize instance found: export the one the models use (module.exports = { sequelize }) so the harness can bind it to the test database.',
    );
  }
  const ormFile = supportFile(kit, 'orm');
  const local = instance.exportName === 'default' ? (instance.property ? 'models' : 'sequelize') : instance.exportName;
  const binding = instance.exportName === 'default' ? local : `{ ${local} }`;
  const instanceView = {
    instanceFile: instance.file,
    instanceModule: importPath(ormFile, instance.file, kit),
    instanceBinding: binding,
    instanceExpression: instance.property ? `${local}.${instance.property}` : local,
  };
  // No migrations, and the service builds its schema with sync(): so does the harness, from the same models.
  const synced = !kit.detection.migrations && instance.syncs;
  if (synced && engine !== 'sqlite') {
    throw new KitError(
      `${instance.file}'s schema comes from sequelize.sync() and there are no migrations; the kit builds such a schema on SQLite only for now: pass --db sqlite, or --migrations <folder of sequelize-cli migrations>.`,
    );
  }
  const migrations: TemplateRender = synced
    ? {
        template: 'db/sequelize/sync.ts.hbs',
        data: {
          ...templateFlags(kit),
          ...instanceView,
          rootFromSupport: upToRoot(kit.paths.support),
          builtSchemaFile: BUILT_SCHEMA_FILE,
          modelModules: instance.modelFiles.filter((file) => file !== instance.file).map((file) => importPath(supportFile(kit, 'migrations'), file, kit)),
        },
      }
    : { template: 'db/sequelize/migrations.ts.hbs', data: { ...migrationsData(kit), sqlite: engine === 'sqlite' } };
  const orm: KitAction = {
    type: 'itest:render',
    template: 'db/sequelize/orm.ts.hbs',
    path: ormFile,
    data: {
      ...templateFlags(kit),
      mysql: engine === 'mysql',
      sqlite: engine === 'sqlite',
      ...instanceView,
    },
  };
  if (engine === 'sqlite') {
    const connection: KitAction = {
      type: 'itest:render',
      template: 'db/sequelize/sqlite3-connection.ts.hbs',
      path: supportFile(kit, 'database/sqlite3-connection'),
      data: {},
    };
    return planSqlite(kit, { dataLayer: 'Sequelize', injected: false, migrations, asyncMigrations: true, actions: [orm, connection] });
  }
  return [...planServerDriver(kit, engine, { dataLayer: 'Sequelize', injected: false, migrations }), orm];
}
