import type { KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { DIALECTS } from '../dialects.ts';
import { commonData, migrationsData, requireInjectedDb, schemaActions, supportFile } from './common.ts';
import { databaseDocs, modeData, providedTypes } from './modes.ts';

/**
 * MySQL: one server per run (container or URL), migrations checked once, then a
 * database per worker built by the same migrations, a rollback per test.
 */
export function planMysql(kit: KitContext): KitAction[] {
  requireInjectedDb(kit, 'mysql2');
  const common = commonData(kit);
  const file = (name: string) => supportFile(kit, `database/${name}`);
  const dbFile = supportFile(kit, 'db');
  const globalSetup = `${kit.paths.dir}/global-setup.${kit.paths.ext}`;
  const modes = modeData(kit, ['container', 'url']);
  const actions: KitAction[] = [
    { type: 'itest:render', template: 'db/shared/info.ts.hbs', path: file('info'), data: { ...common, ...modes } },
    { type: 'itest:render', template: 'db/mysql/connection.ts.hbs', path: file('connection'), data: common },
    { type: 'itest:render', template: 'db/mysql/server.ts.hbs', path: file('server'), data: { ...common, image: 'mysql:8.4' } },
    { type: 'itest:render', template: 'db/mysql/worker.ts.hbs', path: file('worker'), data: common },
    { type: 'itest:render', template: 'db/mysql/pool.ts.hbs', path: file('pool'), data: common },
    { type: 'itest:render', template: 'db/mysql/migrations.ts.hbs', path: supportFile(kit, 'migrations'), data: { ...common, ...migrationsData(kit) } },
    { type: 'itest:render', template: 'db/mysql/db.ts.hbs', path: dbFile, data: common },
    { type: 'itest:render', template: 'db/shared/global-setup.ts.hbs', path: globalSetup, data: common },
    ...providedTypes(kit, modes),
    databaseDocs(kit, 'MySQL', modes),
  ];
  if (kit.schema) actions.push(...schemaActions(kit, kit.schema, DIALECTS.mysql, 'db/mysql/seed.ts.hbs'));

  const v = kit.versions.packages;
  actions.push(
    { type: 'itest:package-json', devDependencies: { mysql2: v.mysql2, testcontainers: v.testcontainers, '@testcontainers/mysql': v['@testcontainers/mysql'] } },
    { type: 'itest:claim', items: ['setup.database'], files: [file('server'), file('worker')] },
    { type: 'itest:claim', items: ['setup.migrations'], files: [supportFile(kit, 'migrations'), globalSetup] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, file('pool')] },
  );
  return actions;
}
