import semver from 'semver';
import { allDependencies } from '../../detect/package-json.ts';
import { KitError } from '../../kit/errors.ts';
import { vitestImportPath, templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { engineOf, supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';
import { planSqlite } from './sqlite.ts';

/**
 * Prisma on any engine: the driver's harness (a rollback per test, seed helpers and
 * constraint tests through the raw client), Prisma Migrate's migration.sql files applied by
 * the same SQL runner, and the project's generated client on the test's connection through
 * its driver adapter (@prisma/adapter-pg, -mariadb, -better-sqlite3).
 */
export function planPrisma(kit: KitContext): KitAction[] {
  const prisma = kit.detection.prisma;
  if (!prisma)
    throw new KitError(
      'No Prisma schema found (looked in prisma.config.ts, package.json "prisma.schema", prisma/schema.prisma): pass its place in prisma.config.ts.',
    );
  if (prisma.clientMissing) {
    throw new KitError(`The Prisma client is not generated yet (${prisma.clientModule} is missing): run \`npx prisma generate\`, then run the kit again.`);
  }
  const client = kit.detection.dataLayers.find((layer) => layer.value === 'prisma');
  if (client?.version && semver.lt(client.version, '6.16.0')) {
    throw new KitError(
      `Prisma ${client.version} has no generally available driver adapters, which the harness uses to run Prisma on the test's connection: upgrade @prisma/client and prisma to 6.16 or later.`,
    );
  }
  const ormFile = supportFile(kit, 'orm');
  // The harness makes a client of its own: Vitest may load the generated class, even where the service runs under require.
  const clientModule = prisma.clientIsFile ? vitestImportPath(ormFile, prisma.clientModule, kit.detection) : prisma.clientModule;
  const engine = engineOf(kit);
  const sqlite = engine === 'sqlite';
  const orm: KitAction = {
    type: 'itest:render',
    template: 'db/prisma/orm.ts.hbs',
    path: ormFile,
    data: { ...templateFlags(kit), clientModule, sqlite, mysql: engine === 'mysql' },
  };
  // The adapter must match the client's version: it gets the project's @prisma/client range (a declared adapter wins).
  const adapter = { [ADAPTERS[engine]]: clientRange(kit) };
  if (sqlite) {
    const { betterSqlite3 } = prisma.adapterDrivers;
    return planSqlite(kit, {
      dataLayer: 'Prisma',
      actions: [orm, { type: 'itest:package-json', devDependencies: adapter }],
      ...(betterSqlite3 ? { betterSqlite3 } : {}),
    });
  }
  if (engine === 'mysql') {
    // The adapter speaks the mariadb driver: the test's connection is one, at the adapter's own range.
    const mariadb = prisma.adapterDrivers.mariadb ?? 'latest';
    return [...planServerDriver(kit, 'mysql', { dataLayer: 'Prisma', mariadb: true, devDependencies: { ...adapter, mariadb } }), orm];
  }
  return [...planServerDriver(kit, 'postgres', { dataLayer: 'Prisma', devDependencies: adapter }), orm];
}

const ADAPTERS = { postgres: '@prisma/adapter-pg', mysql: '@prisma/adapter-mariadb', sqlite: '@prisma/adapter-better-sqlite3' } as const;

function clientRange(kit: KitContext): string {
  return allDependencies(kit.detection.packageJson.json)['@prisma/client'] ?? 'latest';
}
