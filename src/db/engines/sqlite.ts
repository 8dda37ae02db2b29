import { takesDatabase } from '../../detect/app-module.ts';
import { allDependencies } from '../../detect/package-json.ts';
import semver from 'semver';
import { usesLayer } from '../../detect/stack.ts';
import { KitError } from '../../kit/errors.ts';
import { importPath, templateFlags, type KitContext } from '../../kit/context.ts';
import { note, render, renderAt, type KitAction, type NoteAction } from '../../kit/generator.ts';
import { defaultFrom, namedFrom } from '../../kit/module-binding.ts';
import { clientDialect, DIALECTS } from '../dialects.ts';
import { migrationsData, requireInjectedDb, schemaActions, supportFile, type OrmOverHarness } from './common.ts';

/** An ORM over the SQLite harness, and the files that bind it to the test database. */
export interface OrmOverSqlite extends OrmOverHarness {
  /** The ORM's migrator is asynchronous: the database module awaits it. */
  asyncMigrations?: boolean;
  /** The better-sqlite3 range the ORM's own driver package wants, so one copy is built, not two. */
  betterSqlite3?: string;
  actions: KitAction[];
}

/** SQLite in memory: one connection per test process, migrated once, a rollback per test. */
export function planSqlite(kit: KitContext, orm?: OrmOverSqlite): KitAction[] {
  if (usesLayer(kit.detection.dataLayers, 'node:sqlite')) return planNodeSqlite(kit);
  if (orm && orm.injected !== false) requireInjectedDb(kit, orm.dataLayer);
  const { paths, detection } = kit;
  const ts = paths.ext === 'ts';
  const common = templateFlags(kit);
  const dbFile = supportFile(kit, 'db');
  const projectDb = detection.sqliteModule;
  // A libSQL client the service opens itself is bound at the driver: the harness opens the database.
  const libsql = !orm && !takesDatabase(kit.app) && !projectDb ? detection.libsqlModule : undefined;
  // With an ORM the harness opens the database and binds the ORM to it, whether or not the app takes it as an argument.
  const ownConnection = Boolean(orm) || takesDatabase(kit.app) || Boolean(libsql);
  if (!ownConnection && !projectDb?.envVar) {
    throw new KitError(
      `${kit.app.file} does not take a database and no module opens SQLite from an environment variable, so tests cannot swap in an in-memory database: let ${kit.app.exportName === 'default' ? 'the app factory' : kit.app.exportName} accept the database (createApp(db)), or read the file name from process.env.DATABASE_FILE.`,
    );
  }
  const projectView = projectDb
    ? {
        projectFile: projectDb.file,
        envVar: projectDb.envVar,
        envSetting: `${projectDb.envVar}=${projectDb.envValue ?? ':memory:'}`,
        projectModule:
          projectDb.exportName === 'default'
            ? defaultFrom(importPath(dbFile, projectDb.file, kit), 'projectDb')
            : namedFrom(importPath(dbFile, projectDb.file, kit), projectDb.exportName, 'projectDb'),
      }
    : {};
  const globalSetup = `${paths.dir}/global-setup.${paths.ext}`;
  const actions: KitAction[] = [
    orm?.migrations
      ? renderAt(orm.migrations, supportFile(kit, 'migrations'))
      : render('db/sqlite/migrations.ts.hbs', supportFile(kit, 'migrations'), migrationsData(kit)),
    {
      type: 'itest:render',
      template: 'db/sqlite/db.ts.hbs',
      path: dbFile,
      data: { ...common, ownConnection, factoryName: kit.app.exportName, asyncMigrations: orm?.asyncMigrations, libsql, ...projectView },
    },
    { type: 'itest:render', template: 'db/sqlite/global-setup.ts.hbs', path: globalSetup, data: { ...common, asyncMigrations: orm?.asyncMigrations, libsql } },
    ...(orm || libsql ? [render('db/sqlite/savepoints.ts.hbs', supportFile(kit, 'database/savepoints'), {})] : []),
    ...(orm?.actions ?? []),
    ...(libsql ? [render('db/libsql/driver.ts.hbs', supportFile(kit, 'database/libsql'), { serviceFile: libsql.file })] : []),
  ];
  if (kit.schema)
    actions.push(...schemaActions(kit, kit.schema, DIALECTS.sqlite, (path, data) => render('db/sqlite/seed.ts.hbs', path, { ...data, nodeSqlite: false })));
  // The schema is read by running the migrations in memory, with a driver from node_modules; the run after the install plans again.
  else
    actions.push(
      note(
        `The schema is read once the project's dependencies are installed (${libsql ? '@libsql/client' : 'better-sqlite3'}): the plan after the install adds seed helpers, constraint tests and data-aware API tests.`,
      ),
    );

  // libsql, which the service's client brings, is better-sqlite3's API: only its types are borrowed.
  const devDependencies: Record<string, string> = libsql ? {} : { 'better-sqlite3': orm?.betterSqlite3 ?? kit.versions.packages['better-sqlite3'] };
  if (ts) devDependencies['@types/better-sqlite3'] = kit.versions.packages['@types/better-sqlite3'];
  actions.push(
    ...(libsql ? [] : node24Abort(kit)),
    { type: 'itest:package-json', devDependencies, ...(libsql ? {} : { buildScripts: ['better-sqlite3'] }) },
    ...inMemoryClaims(kit, dbFile, globalSetup),
  );
  return actions;
}

/**
 * better-sqlite3 12 and older can abort a Node 24 process when V8 collects a statement
 * (`Assertion failed: (env) != nullptr`, fixed in 13 by moving to node-addon-api). A test run
 * then dies with "Worker exited unexpectedly": say why before it happens.
 */
function node24Abort(kit: KitContext): NoteAction[] {
  const range = allDependencies(kit.detection.packageJson.json)['better-sqlite3'];
  if (!range || !semver.validRange(range) || semver.intersects(range, '>=13') || semver.major(process.versions.node) < 24) return [];
  return [
    note(
      `better-sqlite3 ${range} can abort test workers on Node ${process.versions.node} ("Assertion failed: (env) != nullptr", fixed in better-sqlite3 13, which needs Node 22+): run the suite on Node 22, or upgrade better-sqlite3 when Node 20 support can go.`,
    ),
  ];
}

/**
 * Node's own SQLite, for projects that use it: nothing to install. Needs a Node where
 * node:sqlite works without a flag (22.13 and newer).
 */
function planNodeSqlite(kit: KitContext): KitAction[] {
  if (semver.lt(kit.detection.node.version, '22.13.0')) {
    throw new KitError(
      `This service uses node:sqlite, which needs Node 22.13 or newer, but it declares Node ${kit.detection.node.version} (${kit.detection.node.source}): raise it, or run the kit with that Node.`,
    );
  }
  requireInjectedDb(kit, 'node:sqlite');
  const common = templateFlags(kit);
  const dbFile = supportFile(kit, 'db');
  const globalSetup = `${kit.paths.dir}/global-setup.${kit.paths.ext}`;
  const actions: KitAction[] = [
    {
      type: 'itest:render',
      template: 'db/sqlite/migrations.ts.hbs',
      path: supportFile(kit, 'migrations'),
      data: { ...common, ...migrationsData(kit), nodeSqlite: true },
    },
    { type: 'itest:render', template: 'db/node-sqlite/db.ts.hbs', path: dbFile, data: { ...common, factoryName: kit.app.exportName } },
    { type: 'itest:render', template: 'db/node-sqlite/global-setup.ts.hbs', path: globalSetup, data: {} },
  ];
  if (kit.schema)
    actions.push(
      ...schemaActions(kit, kit.schema, clientDialect('sqlite', kit.detection.dataLayers), (path, data) =>
        render('db/sqlite/seed.ts.hbs', path, { ...data, nodeSqlite: true }),
      ),
    );
  actions.push(...inMemoryClaims(kit, dbFile, globalSetup));
  return actions;
}

/** What an in-memory SQLite harness gives the checklist, through better-sqlite3 or node:sqlite alike. */
function inMemoryClaims(kit: KitContext, dbFile: string, globalSetup: string): KitAction[] {
  return [
    { type: 'itest:claim', items: ['setup.database', 'db.in-memory'], files: [dbFile] },
    { type: 'itest:claim', items: ['setup.migrations'], files: [supportFile(kit, 'migrations'), globalSetup] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, supportFile(kit, 'fixtures')] },
  ];
}
