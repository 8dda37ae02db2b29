import { KitError } from '../../cli/errors.ts';
import { importPath, templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { migrationsData, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';

/**
 * Sequelize on Postgres or MySQL: the engine's driver harness (server, worker databases,
 * a rollback per test, seed helpers and constraint tests through the raw pool), the
 * project's sequelize-cli migrations, and the project's own Sequelize instance bound to
 * the test's connection, so models the app imports directly still run in the test's transaction.
 */
export function planSequelize(kit: KitContext): KitAction[] {
  const engine = kit.answers.db;
  if (engine === 'sqlite') {
    throw new KitError('Sequelize is supported on Postgres and MySQL for now, not SQLite: pass --db postgres or --db mysql.');
  }
  const instance = kit.detection.sequelize;
  if (!instance) {
    throw new KitError('No Sequelize instance found: export the one the models use (module.exports = { sequelize }) so the harness can bind it to the test database.');
  }
  const ormFile = supportFile(kit, 'orm');
  const local = instance.exportName === 'default' ? (instance.property ? 'models' : 'sequelize') : instance.exportName;
  const binding = instance.exportName === 'default' ? local : `{ ${local} }`;
  return [
    ...planServerDriver(kit, engine, {
      dataLayer: 'Sequelize',
      injected: false,
      migrations: { template: 'db/sequelize/migrations.ts.hbs', data: migrationsData(kit) },
    }),
    {
      type: 'itest:render',
      template: 'db/sequelize/orm.ts.hbs',
      path: ormFile,
      data: {
        ...templateFlags(kit),
        mysql: engine === 'mysql',
        instanceFile: instance.file,
        instanceModule: importPath(ormFile, instance.file, kit),
        instanceBinding: binding,
        instanceExpression: instance.property ? `${local}.${instance.property}` : local,
      },
    },
  ];
}
