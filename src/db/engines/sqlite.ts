import { KitError } from '../../cli/errors.ts';
import type { KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { DIALECTS } from '../dialects.ts';
import { commonData, importPath, migrationsData, schemaActions, supportFile } from './common.ts';

/** SQLite in memory: one connection per test process, migrated once, a rollback per test. */
export function planSqlite(kit: KitContext): KitAction[] {
  const { paths, detection } = kit;
  const ts = paths.ext === 'ts';
  const common = commonData(kit);
  const dbFile = supportFile(kit, 'db');
  const ownConnection = kit.app.kind === 'factory' && kit.app.dbParam !== undefined;
  const projectDb = detection.sqliteModule;
  if (!ownConnection && !projectDb?.envVar) {
    throw new KitError(
      `${kit.app.file} does not take a database and no module opens SQLite from an environment variable, so tests cannot swap in an in-memory database: let ${kit.app.exportName === 'default' ? 'the app factory' : kit.app.exportName} accept the database (createApp(db)), or read the file name from process.env.DATABASE_FILE.`,
    );
  }
  const projectView = projectDb
    ? {
        projectFile: projectDb.file,
        envVar: projectDb.envVar,
        projectImport: `import ${projectDb.exportName === 'default' ? 'projectDb' : `{ ${projectDb.exportName} as projectDb }`} from '${importPath(dbFile, projectDb.file, kit)}';`,
        projectRequire: `const projectDb = require('${importPath(dbFile, projectDb.file, kit)}')${projectDb.exportName === 'default' ? '' : `.${projectDb.exportName}`};`,
      }
    : {};
  const globalSetup = `${paths.dir}/global-setup.${paths.ext}`;
  const actions: KitAction[] = [
    { type: 'itest:render', template: 'db/sqlite/migrations.ts.hbs', path: supportFile(kit, 'migrations'), data: { ...common, ...migrationsData(kit) } },
    { type: 'itest:render', template: 'db/sqlite/db.ts.hbs', path: dbFile, data: { ...common, ownConnection, factoryName: kit.app.exportName, ...projectView } },
    { type: 'itest:render', template: 'db/sqlite/global-setup.ts.hbs', path: globalSetup, data: common },
  ];
  if (kit.schema) actions.push(...schemaActions(kit, kit.schema, DIALECTS.sqlite, 'db/sqlite/seed.ts.hbs'));
  else kit.tree.note('Install the project dependencies (better-sqlite3) before running the kit to get seed helpers, constraint tests and data-aware API tests.');

  const devDependencies: Record<string, string> = { 'better-sqlite3': kit.versions.packages['better-sqlite3'] };
  if (ts) devDependencies['@types/better-sqlite3'] = kit.versions.packages['@types/better-sqlite3'];
  actions.push(
    { type: 'itest:package-json', devDependencies, buildScripts: ['better-sqlite3'] },
    { type: 'itest:claim', items: ['setup.database', 'db.in-memory'], files: [dbFile] },
    { type: 'itest:claim', items: ['setup.migrations'], files: [supportFile(kit, 'migrations'), globalSetup] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, supportFile(kit, 'fixtures')] },
  );
  return actions;
}
