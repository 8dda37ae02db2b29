import { KitError } from '../../cli/errors.ts';
import { importPath, templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { migrationsData, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';

/**
 * TypeORM on Postgres: the pg harness (server, worker databases, a rollback per test,
 * seed helpers and constraint tests through the raw pool), TypeORM's own migration
 * classes, and the project's DataSource built on the test's pool for the app.
 */
export function planTypeorm(kit: KitContext): KitAction[] {
  if (kit.answers.db !== 'postgres') {
    throw new KitError(`TypeORM is supported on Postgres for now, not ${kit.answers.db}: pass --db postgres, or use the pg driver directly for this engine.`);
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
    ...planServerDriver(kit, 'postgres', {
      dataLayer: 'TypeORM',
      migrations: { template: 'db/typeorm/migrations.ts.hbs', data: { ...migrationsData(kit), typeormType: 'postgres' } },
    }),
    {
      type: 'itest:render',
      template: 'db/typeorm/orm.ts.hbs',
      path: ormFile,
      data: {
        ...common,
        dataSourceModule: importPath(ormFile, dataSource.file, kit),
        dataSourceLocal: local,
        dataSourceBinding: dataSource.exportName === 'default' ? local : `{ ${local} }`,
        dataSourceRequire: dataSource.exportName === 'default' ? local : `{ ${local} }`,
      },
    },
  ];
}
