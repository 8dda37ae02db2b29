import path from 'node:path';
import { importPath, type KitContext } from '../src/kit/context.ts';
import type { KitAction, KitGenerator } from '../src/kit/generator.ts';
import { tableViews } from '../src/db/seed-view.ts';
import { planConstraintTests } from '../src/db/constraint-cases.ts';
import { DIALECTS } from '../src/db/dialects.ts';
import { registerPartial } from '../src/kit/templates.ts';
import { KitError } from '../src/cli/errors.ts';

/**
 * The test database: SQLite in memory, built from the project's own migrations,
 * one connection per test process and a rolled-back transaction per test.
 */
export const db: KitGenerator = {
  name: 'db',
  description: 'SQLite test database from your migrations, with a rollback per test and seed helpers',
  plan(kit) {
    const { paths, detection } = kit;
    const migrations = detection.migrations;
    if (!migrations) {
      throw new KitError('No SQL migrations found (looked in migrations/, db/migrations/, schema.sql, db/schema.sql ...): pass --migrations <folder or .sql file>.');
    }
    const ts = paths.ext === 'ts';
    const support = (name: string) => `${paths.support}/${name}.${paths.ext}`;
    const ownConnection = kit.app.kind === 'factory' && kit.app.dbParam !== undefined;
    const projectDb = detection.sqliteModule;
    if (!ownConnection && !projectDb?.envVar) {
      throw new KitError(
        `${kit.app.file} does not take a database and no module opens SQLite from an environment variable, so tests cannot swap in an in-memory database: let ${kit.app.exportName === 'default' ? 'the app factory' : kit.app.exportName} accept the database (createApp(db)), or read the file name from process.env.DATABASE_FILE.`,
      );
    }
    const common = { ts, ext: paths.ext, cjs: isCjsJs(kit) };
    const dbFile = support('db');
    const projectView = projectDb
      ? {
          projectFile: projectDb.file,
          envVar: projectDb.envVar,
          projectImport: `import ${projectDb.exportName === 'default' ? 'projectDb' : `{ ${projectDb.exportName} as projectDb }`} from '${importPath(dbFile, projectDb.file, kit)}';`,
          projectRequire: `const projectDb = require('${importPath(dbFile, projectDb.file, kit)}')${projectDb.exportName === 'default' ? '' : `.${projectDb.exportName}`};`,
        }
      : {};
    const schema = kit.schema;
    const actions: KitAction[] = [
      {
        type: 'itest:render',
        template: 'db/sqlite/migrations.ts.hbs',
        path: support('migrations'),
        data: {
          ...common,
          rootFromSupport: `${path.posix.relative(paths.support, '.')}/`,
          migrationsPath: migrations.path,
          migrationsLiteral: `'${migrations.path.replace(/'/g, "\\'")}'`,
          folder: migrations.kind === 'folder',
        },
      },
      { type: 'itest:render', template: 'db/sqlite/db.ts.hbs', path: dbFile, data: { ...common, ownConnection, factoryName: kit.app.exportName, ...projectView } },
      { type: 'itest:render', template: 'db/sqlite/global-setup.ts.hbs', path: `${paths.dir}/global-setup.${paths.ext}`, data: common },
    ];
    if (schema) {
      const views = tableViews(schema);
      actions.push({ type: 'itest:render', template: 'db/sqlite/seed.ts.hbs', path: support('seed'), data: { ...common, tables: views } });
      const constraints = planConstraintTests(schema, views, DIALECTS.sqlite);
      if (constraints.tables.length) {
        for (const name of ['unique', 'foreign-key', 'index']) registerPartial(`db-${name}`, `db/constraints/${name}.ts.hbs`);
        const file = `${paths.dir}/db/constraints.test.${paths.ext}`;
        actions.push(
          { type: 'itest:render', template: 'db/constraints.test.ts.hbs', path: file, data: { ...common, async: DIALECTS.sqlite.async, ...constraints } },
          { type: 'itest:claim', items: constraints.claims, files: [file] },
        );
      }
    } else {
      kit.tree.note('Install the project dependencies (better-sqlite3) before running the kit to get seed helpers and data-aware API tests.');
    }
    const devDependencies: Record<string, string> = { 'better-sqlite3': kit.versions.packages['better-sqlite3'] };
    if (ts) devDependencies['@types/better-sqlite3'] = kit.versions.packages['@types/better-sqlite3'];
    actions.push(
      { type: 'itest:package-json', devDependencies, buildScripts: ['better-sqlite3'] },
      { type: 'itest:claim', items: ['setup.database', 'db.in-memory'], files: [dbFile] },
      { type: 'itest:claim', items: ['setup.migrations'], files: [support('migrations'), `${paths.dir}/global-setup.${paths.ext}`] },
      { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, support('fixtures')] },
    );
    if (schema) actions.push({ type: 'itest:claim', items: ['data.isolated'], files: [support('seed')] });
    return actions;
  },
};

/** JavaScript CommonJS projects: harness files load project modules through createRequire. */
export function isCjsJs(kit: KitContext): boolean {
  return kit.detection.language === 'js' && kit.detection.moduleSystem === 'cjs';
}
