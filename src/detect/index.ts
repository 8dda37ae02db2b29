import { detectPrettier, type ProjectPrettier } from './prettier.ts';
import path from 'node:path';
import { KitError } from '../kit/errors.ts';
import { findAppModule, type AppModule, type AppModuleProblem } from './app-module.ts';
import { findEntryPoint } from './entry-point.ts';
import { readEnvSettings, type EnvSettings } from './env-settings.ts';
import { findLibsqlModule, findSqliteModule, type DbModule, type LibsqlModule } from './db-module.ts';
import { detectLanguage, detectModuleSystem, type Language, type ModuleSystem } from './language.ts';
import { readDrizzleConfig, type DrizzleConfig } from './drizzle.ts';
import { findKnexMigrations } from './knex.ts';
import { findSqlMigrations, type Migrations } from './migrations.ts';
import { findOpenApiDocument, type OpenApiDocument } from './openapi.ts';
import { detectNodeTarget, type NodeTarget } from './node-version.ts';
import { readPackageJson, type PackageJson } from './package-json.ts';
import { detectPackageManager, type PackageManager } from './package-manager.ts';
import { chooseFramework } from './service-framework.ts';
import { installedManifest, installedVersions } from './installed-versions.ts';
import { VITEST_PEER_NAMES } from '../kit/versions.ts';
import { detectDataLayers, detectTestRunner, usesLayer, type DataLayer, type Detected, type Framework, type TestRunner } from './stack.ts';
import { detectTestRoot } from './test-dirs.ts';
import { isFile, SourceFiles } from './files.ts';
import { findTypeormDataSource, findTypeormMigrations, type TypeormDataSource } from './typeorm.ts';
import { moduleMigrations } from './module-migrations.ts';
import { readPathAliases, type PathAlias } from './path-aliases.ts';
import { findPrismaMigrations, findPrismaProject, type PrismaProject } from './prisma.ts';
import { findSequelizeMigrations, findSequelizeModule, type SequelizeModule } from './sequelize.ts';
import semver from 'semver';
import { allDependencies } from './package-json.ts';

/** Everything the kit learns about a project before asking anything. */
export interface Detection {
  root: string;
  packageJson: { text: string; json: PackageJson };
  packageManager: { value: PackageManager; source: string };
  language: Language;
  moduleSystem: ModuleSystem;
  node: NodeTarget;
  framework?: Detected<Framework>;
  /** Another framework the project declares, whose app exists only in a sample folder. */
  frameworkPassedOver?: { value: Framework; file: string };
  dataLayers: Detected<DataLayer>[];
  testRunner?: Detected<TestRunner>;
  testRoot: string;
  app?: AppModule;
  appProblem?: AppModuleProblem;
  sqliteModule?: DbModule;
  /** A libSQL client the service opens itself: every libSQL connection in a test process is bound to the test database. */
  libsqlModule?: LibsqlModule;
  /** What the service reads from its environment: database settings, secrets, the example env file. */
  env: EnvSettings;
  migrations?: Migrations;
  /** The OpenAPI document responses are validated against. */
  openapi?: OpenApiDocument;
  drizzle?: DrizzleConfig;
  typeorm?: TypeormDataSource;
  /** The TypeScript the project compiles with: the installed one, else the lowest its range allows. */
  typescript?: string;
  sequelize?: SequelizeModule;
  prisma?: PrismaProject;
  /** tsconfig `paths`: the route scan follows them, and Vitest is told to resolve them. */
  aliases: PathAlias[];
  /** Versions the project's tree holds of Vitest and of the packages it declares as peers (see kit/versions fitToTree). */
  installed: Record<string, string>;
  /** Its Prettier configuration (and installed prettier): generated files are formatted in its style. */
  prettier?: ProjectPrettier;
}

export interface DetectOverrides {
  app?: string;
  entry?: string;
  migrations?: string;
  openapi?: string;
}

export function detectProject(root: string, overrides: DetectOverrides = {}): Detection {
  const packageJson = readPackageJson(root);
  const pkg = packageJson.json;
  const sources = new SourceFiles(root);
  const { framework, passedOver } = chooseFramework(pkg, sources);
  const aliases = readPathAliases(root);
  const entry = findEntryPoint(root, pkg, overrides.entry);
  const { app, problem } = findAppModule(root, framework?.value ?? 'express', overrides.app, sources, aliases, entry);
  const sqliteModule = findSqliteModule(root, sources);
  const libsqlModule = findLibsqlModule(sources);
  // node:sqlite is built into Node: no dependency names it, an import does.
  const dataLayers = [...detectDataLayers(pkg), ...(usesNodeSqlite(sources) ? [{ value: 'node:sqlite' as const }] : [])];
  const drizzle = usesLayer(dataLayers, 'drizzle-orm') ? readDrizzleConfig(root) : undefined;
  const env = readEnvSettings(root, sources);
  const typeorm = usesLayer(dataLayers, 'typeorm') ? findTypeormDataSource(root, sources, env.example) : undefined;
  const sequelize = usesLayer(dataLayers, 'sequelize') ? findSequelizeModule(sources) : undefined;
  const prisma = usesLayer(dataLayers, 'prisma') ? findPrismaProject(root, pkg) : undefined;
  const migrations = findMigrations(root, sources, dataLayers, overrides.migrations, {
    drizzle,
    typeorm,
    prisma,
    scripts: typeof pkg.scripts === 'object' && pkg.scripts !== null ? (pkg.scripts as Record<string, unknown>) : {},
  });
  const testRunner = detectTestRunner(pkg);
  const openapi = findOpenApiDocument(root, overrides.openapi);
  if (overrides.openapi && !openapi)
    throw new KitError(
      `--openapi ${overrides.openapi}: not an OpenAPI 3 or Swagger 2 document with paths; pass the file that holds \`openapi: 3...\` and \`paths:\`.`,
    );
  return {
    root,
    packageJson,
    packageManager: detectPackageManager(root, pkg),
    language: app && !isFile(path.join(root, 'tsconfig.json')) && /\.[cm]?js$/.test(app.file) ? 'js' : detectLanguage(root, pkg),
    moduleSystem: detectModuleSystem(root, pkg),
    node: detectNodeTarget(root, pkg),
    dataLayers,
    env,
    aliases,
    installed: installedVersions(root, [...VITEST_PEER_NAMES, 'vitest']),
    testRoot: detectTestRoot(root),
    ...(framework ? { framework } : {}),
    ...(passedOver ? { frameworkPassedOver: passedOver } : {}),
    ...(testRunner ? { testRunner } : {}),
    ...(app ? { app } : {}),
    ...(problem ? { appProblem: problem } : {}),
    ...(sqliteModule ? { sqliteModule } : {}),
    ...(libsqlModule ? { libsqlModule } : {}),
    ...(migrations ? { migrations } : {}),
    ...(openapi ? { openapi } : {}),
    ...(drizzle ? { drizzle } : {}),
    ...(typeorm ? { typeorm } : {}),
    ...typescriptOf(root, pkg),
    ...(sequelize ? { sequelize } : {}),
    ...(prisma ? { prisma } : {}),
    ...prettierOf(root, pkg),
  };
}

function prettierOf(root: string, pkg: PackageJson): { prettier?: ProjectPrettier } {
  const prettier = detectPrettier(root, pkg);
  return prettier ? { prettier } : {};
}

function usesNodeSqlite(sources: SourceFiles): boolean {
  return sources.files.some((file) => /(?:from|require\()\s*['"]node:sqlite['"]/.test(sources.read(file)));
}

/** The project's migrations, where its data layer keeps them. */
function findMigrations(
  root: string,
  sources: SourceFiles,
  dataLayers: Detected<DataLayer>[],
  override: string | undefined,
  found: { drizzle?: DrizzleConfig; typeorm?: TypeormDataSource; prisma?: PrismaProject; scripts: Record<string, unknown> },
): Migrations | undefined {
  // Knex, TypeORM and Sequelize migrations are modules their own migrators run.
  const modules = ['knex', 'typeorm', 'sequelize'] as const;
  if (override) {
    const asModules = modules.some((layer) => usesLayer(dataLayers, layer)) ? moduleMigrations(root, [override]) : undefined;
    return asModules ?? findSqlMigrations(root, override);
  }
  if (usesLayer(dataLayers, 'typeorm')) return findTypeormMigrations(root, sources, found.typeorm);
  if (usesLayer(dataLayers, 'sequelize')) return findSequelizeMigrations(root, found.scripts);
  // Knex as the query builder over SQL files another tool applies (postgrator, dbmate): the harness applies the SQL.
  if (usesLayer(dataLayers, 'knex')) return findKnexMigrations(root) ?? findSqlMigrations(root);
  // Prisma Migrate and drizzle-kit write plain SQL: the same runner applies them.
  if (found.prisma) return findPrismaMigrations(root, found.prisma);
  return findSqlMigrations(root, found.drizzle?.out);
}

function typescriptOf(root: string, pkg: Record<string, unknown>): { typescript?: string } {
  const installed = installedManifest(root, 'typescript')?.version;
  if (typeof installed === 'string') return { typescript: installed };
  const range = allDependencies(pkg).typescript;
  const lowest = range && semver.validRange(range) ? semver.minVersion(range)?.version : undefined;
  return lowest ? { typescript: lowest } : {};
}
