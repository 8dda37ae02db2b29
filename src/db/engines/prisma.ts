import path from 'node:path';
import semver from 'semver';
import { allDependencies } from '../../detect/package-json.ts';
import { KitError } from '../../cli/errors.ts';
import { isFile } from '../../detect/files.ts';
import { importPath, templateFlags, type KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { supportFile } from './common.ts';
import { planServerDriver } from './driver.ts';

/**
 * Prisma on Postgres: the pg harness (server, worker databases, a rollback per test, seed
 * helpers and constraint tests through the raw pool), Prisma Migrate's migration.sql files
 * applied by the same SQL runner, and the project's generated client on the test's pool
 * through @prisma/adapter-pg.
 */
export function planPrisma(kit: KitContext): KitAction[] {
  if (kit.answers.db !== 'postgres') {
    throw new KitError(`Prisma is supported on Postgres for now, not ${kit.answers.db}: pass --db postgres, or use the driver directly for this engine.`);
  }
  const prisma = kit.detection.prisma;
  if (!prisma) throw new KitError('No Prisma schema found (looked in prisma.config.ts, package.json "prisma.schema", prisma/schema.prisma): pass its place in prisma.config.ts.');
  if (prisma.clientIsFile && !isFile(path.join(kit.detection.root, prisma.clientModule))) {
    throw new KitError(`The Prisma client is not generated yet (${prisma.clientModule} is missing): run \`npx prisma generate\`, then run the kit again.`);
  }
  const client = kit.detection.dataLayers.find((layer) => layer.value === 'prisma');
  if (client?.version && semver.lt(client.version, '6.16.0')) {
    throw new KitError(`Prisma ${client.version} has no generally available driver adapters, which the harness uses to run Prisma on the test's connection: upgrade @prisma/client and prisma to 6.16 or later.`);
  }
  const ormFile = supportFile(kit, 'orm');
  const clientModule = prisma.clientIsFile ? importPath(ormFile, prisma.clientModule, kit) : prisma.clientModule;
  return [
    // The adapter must match the client's version: it gets the project's @prisma/client range (a declared adapter wins).
    ...planServerDriver(kit, 'postgres', { dataLayer: 'Prisma', devDependencies: { '@prisma/adapter-pg': clientRange(kit) } }),
    { type: 'itest:render', template: 'db/prisma/orm.ts.hbs', path: ormFile, data: { ...templateFlags(kit), clientModule } },
  ];
}

function clientRange(kit: KitContext): string {
  return allDependencies(kit.detection.packageJson.json)['@prisma/client'] ?? 'latest';
}
