import { templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { DIALECTS } from '../dialects.ts';
import { migrationsData, requireInjectedDb, schemaActions, supportFile } from './common.ts';
import { serverActions } from './modes.ts';

/**
 * Postgres: one server per run (container, URL or PGlite), migrations applied once
 * to a template, a database per worker cloned from it, a rollback per test.
 */
export function planPostgres(kit: KitContext): KitAction[] {
  requireInjectedDb(kit, 'pg');
  const common = templateFlags(kit);
  const file = (name: string) => supportFile(kit, `database/${name}`);
  const dbFile = supportFile(kit, 'db');
  const globalSetup = `${kit.paths.dir}/global-setup.${kit.paths.ext}`;
  const actions: KitAction[] = [
    ...serverActions(kit, 'postgres'),
    { type: 'itest:render', template: 'db/postgres/pool.ts.hbs', path: file('pool'), data: common },
    { type: 'itest:render', template: 'db/postgres/migrations.ts.hbs', path: supportFile(kit, 'migrations'), data: { ...common, ...migrationsData(kit) } },
    { type: 'itest:render', template: 'db/postgres/db.ts.hbs', path: dbFile, data: common },
  ];
  if (kit.schema) actions.push(...schemaActions(kit, kit.schema, DIALECTS.postgres, 'db/postgres/seed.ts.hbs'));

  const v = kit.versions.packages;
  const devDependencies: Record<string, string> = {
    pg: v.pg,
    testcontainers: v.testcontainers,
    '@testcontainers/postgresql': v['@testcontainers/postgresql'],
    '@electric-sql/pglite': v['@electric-sql/pglite'],
    '@electric-sql/pglite-socket': v['@electric-sql/pglite-socket'],
  };
  if (common.ts) devDependencies['@types/pg'] = v['@types/pg'];
  actions.push(
    { type: 'itest:package-json', devDependencies },
    { type: 'itest:claim', items: ['setup.migrations'], files: [supportFile(kit, 'migrations'), globalSetup] },
    { type: 'itest:claim', items: ['db.rollback', 'data.cleanup', 'quick.clean-db'], files: [dbFile, file('pool')] },
  );
  return actions;
}
