import { KitError } from '../../kit/errors.ts';
import type { TypeormDataSource } from '../../detect/typeorm.ts';
import { importPath, templateFlags, upToRoot, type KitContext } from '../../kit/context.ts';
import { BUILT_SCHEMA_FILE } from '../../detect/schema-sqlite.ts';
import { compiledPaths } from '../../detect/entry-point.ts';
import type { KitAction, TemplateRender } from '../../kit/generator.ts';
import { engineOf, migrationsData, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';
import { planSqlite, type OrmOverSqlite } from './sqlite.ts';

/**
 * TypeORM on any engine: the driver's harness (server, worker databases, a rollback per
 * test, seed helpers and constraint tests through the raw client), TypeORM's own migration
 * classes, and the project's DataSource options on a driver that hands out the test's connection.
 */
export function planTypeorm(kit: KitContext): KitAction[] {
  const found = kit.detection.typeorm;
  if (found && !found.exportName) return planServiceConnection(kit, found);
  const dataSource = requireDataSource(kit);
  const engine = engineOf(kit);
  const migrations: TemplateRender = {
    template: 'db/typeorm/migrations.ts.hbs',
    data: { ...migrationsData(kit), typeormType: engine, sqlite: engine === 'sqlite' },
  };
  const orm = ormAction(kit, dataSource);
  if (engine === 'sqlite') {
    const sqlite: OrmOverSqlite = { dataLayer: 'TypeORM', migrations, asyncMigrations: true, actions: [orm] };
    return planSqlite(kit, sqlite);
  }
  return [...planServerDriver(kit, engine, { dataLayer: 'TypeORM', migrations }), orm, ...mysqlDriver(kit, engine)];
}

/** On MySQL, TypeORM is handed a driver module whose pool is the test's connection. */
function mysqlDriver(kit: KitContext, engine: string): KitAction[] {
  return engine === 'mysql'
    ? [{ type: 'itest:render', template: 'db/mysql/typeorm-driver.ts.hbs', path: supportFile(kit, 'database/typeorm-driver'), data: {} }]
    : [];
}

function requireDataSource(kit: KitContext): TypeormDataSource {
  const dataSource = kit.detection.typeorm;
  if (!dataSource) {
    throw new KitError('No TypeORM DataSource found: export one (export const AppDataSource = new DataSource({ ... })) so the harness can reuse its entities.');
  }
  if (dataSource.entityGlobs) {
    throw new KitError(
      `${dataSource.file} lists entities as path globs, which TypeORM loads outside Vitest's TypeScript transform: list the entity classes (entities: [User, Post]) instead.`,
    );
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

/**
 * A service that builds and connects TypeORM itself (createConnection(options), TypeOrmModule.forRoot()):
 * its connection is left as it is and bound where it connects, its pg pool on the test's connection;
 * its schema comes from its migrations, or from its entities when it synchronizes at start.
 */
function planServiceConnection(kit: KitContext, found: TypeormDataSource): KitAction[] {
  const engine = engineOf(kit);
  if (engine === 'sqlite') {
    throw new KitError(
      `${found.file} connects TypeORM itself on SQLite; the kit binds such a connection on Postgres and MySQL only for now: export the DataSource (export const AppDataSource = new DataSource({ ... })) so the harness can build its own.`,
    );
  }
  const migrationsFound = Boolean(kit.detection.migrations);
  if (!migrationsFound && !found.synchronize) {
    throw new KitError(`No TypeORM migrations found and ${found.file} does not synchronize its schema: pass --migrations <folder of migration classes>.`);
  }
  const common = templateFlags(kit);
  const rootFromSupport = upToRoot(kit.paths.support);
  const leavesSchema = !migrationsFound;
  const migrations: TemplateRender = leavesSchema
    ? { template: 'db/typeorm/schema-at-boot.ts.hbs', data: { ...common, connectionFile: found.file } }
    : { template: 'db/typeorm/migrations.ts.hbs', data: { ...migrationsData(kit), typeormType: engine, sqlite: false } };
  const ormFile = supportFile(kit, 'orm');
  // Loaded the way the service's own modules are (templateFlags' cjs): through Node's require when it runs under it, else through Vitest.
  const modules = (files: string[]) =>
    files.map((file) => ({ paths: [file, ...compiledPaths(kit.detection.root, file)], specifier: importPath(ormFile, file, kit) }));
  const ts = kit.paths.ext === 'ts';
  const service: KitAction = {
    type: 'itest:render',
    template: 'db/typeorm/service.ts.hbs',
    path: ormFile,
    data: {
      ...common,
      rootFromSupport,
      connectionFile: found.file,
      leavesSchema,
      mysql: engine === 'mysql',
      // JavaScript entities load as they are, through TypeORM's own require: only TypeScript ones need Vitest.
      entityModules: ts ? modules(found.entityFiles) : [],
      subscriberModules: ts ? modules(found.subscriberFiles) : [],
      entitySource: found.entityFiles.length ? found.entityFiles.join(', ') : 'none found',
    },
  };
  const builtSchema: KitAction[] = leavesSchema
    ? [
        {
          type: 'itest:render',
          template: `db/${engine}/built-schema.ts.hbs`,
          path: supportFile(kit, 'database/built-schema'),
          data: { ...common, rootFromDatabase: upToRoot(`${kit.paths.support}/database`), builtSchemaFile: BUILT_SCHEMA_FILE },
        },
      ]
    : [];
  // Postgres: the service's pg pools are bound at the driver. MySQL: TypeORM is handed a driver whose pool is the test's connection.
  const orm = engine === 'postgres' ? { bindsConnections: true } : { injected: false };
  return [...planServerDriver(kit, engine, { dataLayer: 'TypeORM', migrations, ...orm }), service, ...builtSchema, ...mysqlDriver(kit, engine)];
}
