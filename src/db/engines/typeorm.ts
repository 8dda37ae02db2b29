import { KitError } from '../../cli/errors.ts';
import { importPath, templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { migrationsData, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';

/**
 * TypeORM on Postgres or MySQL: the driver's harness (server, worker databases, a rollback per test,
 * seed helpers and constraint tests through the raw pool), TypeORM's own migration
 * classes, and the project's DataSource built on the test's pool for the app.
 */
export function planTypeorm(kit: KitContext): KitAction[] {
  const engine = kit.answers.db;
  if (engine === 'sqlite') {
    throw new KitError('TypeORM is supported on Postgres and MySQL for now, not SQLite: pass --db postgres or --db mysql.');
  }
  const dataSource = kit.detection.typeorm;
  if (!dataSource) {
    throw new KitError('No TypeORM DataSource found: export one (export const AppDataSource = new DataSource({ ... })) so the harness can reuse its entities.');
  }
  if (dataSource.entityGlobs) {
    throw new KitError(`${dataSource.file} lists entities as path globs, which TypeORM loads outside Vitest's TypeScript transform: list the entity classes (entities: [User, Post]) instead.`);
  }
  const common = templateFlags(kit);
  const ormFile = supportFile(kit, 'orm');
  const local = dataSource.exportName === 'default' ? 'AppDataSource' : dataSource.exportName;
  return [
    ...planServerDriver(kit, engine, {
      dataLayer: 'TypeORM',
      migrations: { template: 'db/typeorm/migrations.ts.hbs', data: { ...migrationsData(kit), typeormType: engine } },
    }),
    {
      type: 'itest:render',
      template: 'db/typeorm/orm.ts.hbs',
      path: ormFile,
      data: {
        ...common,
        mysql: engine === 'mysql',
        dataSourceModule: importPath(ormFile, dataSource.file, kit),
        dataSourceLocal: local,
        dataSourceBinding: dataSource.exportName === 'default' ? local : `{ ${local} }`,
        dataSourceRequire: dataSource.exportName === 'default' ? local : `{ ${local} }`,
      },
    },
  ];
}
