import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isDirectory, isFile, readText } from './files.ts';
import { installedManifest } from './installed-versions.ts';
import type { Migrations } from './migrations.ts';
import type { PackageJson } from './package-json.ts';

/** What the harness needs from a Prisma project: its schema, the generated client, its engine. */
export interface PrismaProject {
  schema: string;
  /** The module that exports PrismaClient: the generator's output (prisma-client), or @prisma/client. */
  clientModule: string;
  /** Whether clientModule is a project file (it must have been generated before the kit runs). */
  clientIsFile: boolean;
  provider?: string;
  /** clientModule is a project file not generated yet (`npx prisma generate` makes it). */
  clientMissing?: boolean;
  /** The driver ranges the installed adapters declare (@prisma/adapter-mariadb's mariadb, -better-sqlite3's better-sqlite3): the test's connection uses that driver. */
  adapterDrivers: { mariadb?: string; betterSqlite3?: string };
}

const CONFIGS = ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.js', 'prisma.config.mjs'];

export function findPrismaProject(root: string, pkg: PackageJson): PrismaProject | undefined {
  const config = CONFIGS.find((name) => isFile(path.join(root, name)));
  const fromConfig = config ? /schema\s*:\s*['"`]([^'"`]+)['"`]/.exec(readText(root, config))?.[1] : undefined;
  const fromPackage = (pkg as { prisma?: { schema?: string } }).prisma?.schema;
  const schema = path.posix.normalize((fromConfig ?? fromPackage ?? 'prisma/schema.prisma').replace(/^\.\//, ''));
  if (!isFile(path.join(root, schema))) return undefined;
  const source = readText(root, schema);
  const generator = /generator\s+\w+\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
  const generatorProvider = /provider\s*=\s*"([^"]+)"/.exec(generator)?.[1];
  const output = /output\s*=\s*"([^"]+)"/.exec(generator)?.[1];
  const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"([^"]+)"/.exec(source)?.[1];
  const outDir = output ? path.posix.normalize(path.posix.join(path.posix.dirname(schema), output)) : undefined;
  // prisma-client writes TypeScript with a client.ts entry; prisma-client-js writes a package (index.js).
  const clientModule = !outDir ? '@prisma/client' : generatorProvider === 'prisma-client' ? `${outDir}/client.ts` : `${outDir}/index.js`;
  const mariadb = installedManifest(root, '@prisma/adapter-mariadb')?.dependencies?.mariadb;
  const betterSqlite3 = installedManifest(root, '@prisma/adapter-better-sqlite3')?.dependencies?.['better-sqlite3'];
  const clientMissing = Boolean(outDir) && !isFile(path.join(root, clientModule));
  return {
    schema,
    clientModule,
    clientIsFile: Boolean(outDir),
    ...(clientMissing ? { clientMissing } : {}),
    ...(provider ? { provider } : {}),
    adapterDrivers: { ...(mariadb ? { mariadb } : {}), ...(betterSqlite3 ? { betterSqlite3 } : {}) },
  };
}

/** Prisma Migrate's folder: one directory per migration, each holding migration.sql. */
export function findPrismaMigrations(root: string, prisma: PrismaProject): Migrations | undefined {
  const dir = `${path.posix.dirname(prisma.schema)}/migrations`;
  if (!isDirectory(path.join(root, dir))) return undefined;
  const files = readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isFile(path.join(root, dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => `${dir}/${name}/migration.sql`);
  return files.length ? { path: dir, kind: 'folder', files, perFolder: 'migration.sql' } : undefined;
}
