import { KitError } from '../../cli/errors.ts';
import type { TypeormDataSource } from '../../detect/typeorm.ts';
import { importPath, templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { engineOf, migrationsData, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';
import { planSqlite, type OrmOverSqlite } from './sqlite.ts';

/**
 * TypeORM on any engine: the driver's harness (server, worker databases, a rollback per
 * test, seed helpers and constraint tests through the raw client), TypeORM's own migration
 * classes, and the project's DataSource options on a driver that hands out the test's connection.
 */
export function planTypeorm(kit: KitContext): KitAction[] {
  const dataSource = requireDataSource(kit);
  const engine = engineOf(kit);
  const migrations = { template: 'db/typeorm/migrations.ts.hbs', data: { ...migrationsData(kit), typeormType: engine, sqlite: engine === 'sqlite' } };
  const orm = ormAction(kit, dataSource);
  if (engine === 'sqlite') {
    const sqlite: OrmOverSqlite = { dataLayer: 'TypeORM', migrations, asyncMigrations: true, actions: [orm] };
    return planSqlite(kit, sqlite);
  }
  return [...planServerDriver(kit, engine, { dataLayer: 'TypeORM', migrations }), orm];
}

function requireDataSource(kit: KitContext): TypeormDataSource {
  const dataSource = kit.detection.typeorm;
  if (!dataSource) {
    throw new KitError('No TypeORM DataSource found: export one (export const AppDataSource = new DataSource({ ... })) so the harness can reuse its entities.');
  }
  if (dataSource.entityGlobs) {
    throw new KitError(`${dataSource.file} lists entities as path globs, which TypeORM loads outside Vitest's TypeScript transform: list the entity classes (entities: [User, Post]) instead.`);
  }
  return dataSource;
}

function ormAction(kit: KitContext, dataSource: TypeormDataSource): KitAction {
  const ormFile = supportFile(kit, 'orm');
  const local = dataSource.exportName === 'default' ? 'AppDataSource' : dataSource.exportName;
  const binding = dataSource.exportName === 'default' ? local : `{ ${local} }`;
  return {
    type: 'itest:render',
    template: 'db/typeorm/orm.ts.hbs',
    path: ormFile,
    data: {
      ...templateFlags(kit),
      mysql: kit.answers.db === 'mysql',
      sqlite: kit.answers.db === 'sqlite',
      dataSourceModule: importPath(ormFile, dataSource.file, kit),
      dataSourceLocal: local,
      dataSourceBinding: binding,
      dataSourceRequire: binding,
    },
  };
}
