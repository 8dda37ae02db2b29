import { templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { DIALECTS } from '../dialects.ts';
import { migrationsData, requireInjectedDb, schemaActions, supportFile } from './common.ts';
import { serverActions } from './modes.ts';

/**
 * MySQL: one server per run (container or URL), migrations checked once, then a
 * database per worker built by the same migrations, a rollback per test.
 */
export function planMysql(kit: KitContext): KitAction[] {
  requireInjectedDb(kit, 'mysql2');
  const common = templateFlags(kit);
  const file = (name: string) => supportFile(kit, `database/${name}`);
  const dbFile = supportFile(kit, 'db');
  const globalSetup = `${kit.paths.dir}/global-setup.${kit.paths.ext}`;
  const actions: KitAction[] = [
    ...serverActions(kit, 'mysql'),
    { type: 'itest:render', template: 'db/mysql/pool.ts.hbs', path: file('pool'), data: common },
    { type: 'itest:render', template: 'db/mysql/migrations.ts.hbs', path: supportFile(kit, 'migrations'), data: { ...common, ...migrationsData(kit) } },
    { type: 'itest:render', template: 'db/mysql/db.ts.hbs', path: dbFile, data: common },
  ];
  if (kit.schema) actions.push(...schemaActions(kit, kit.schema, DIALECTS.mysql, 'db/mysql/seed.ts.hbs'));

  const v = kit.versions.packages;
  actions.push(
    { type: 'itest:package-json', devDependencies: { mysql2: v.mysql2, testcontainers: v.testcontainers, '@testcontainers/mysql': v['@testcontainers/mysql'] } },
    { type: 'itest:claim', items: ['setup.migrations'], files: [supportFile(kit, 'migrations'), globalSetup] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, file('pool')] },
  );
  return actions;
}
