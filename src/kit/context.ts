import path from 'node:path';
import { findAppModule, type AppModule } from '../detect/app-module.ts';
import type { Detection } from '../detect/index.ts';
import { formatEndpoint, scanRoutes, uniqueRoutes, type Route, type RouteScan } from '../detect/routes/index.ts';
import { readDeclaredEndpoints } from '../detect/declared-endpoints.ts';
import { harnessDir } from '../detect/test-dirs.ts';
import { readLineCoverage } from '../coverage/service-source.ts';
import { readObservedAnswers, readRuntimeEndpoints, type ObservedAnswer } from '../detect/runtime-endpoints.ts';
import { introspectBuiltSqlite, introspectSqlite, type Schema } from '../detect/schema-sqlite.ts';
import { parseBuiltSchema, parseSqlSchema } from '../detect/schema-ddl.ts';
import { readTypeormFields, typeormMigrationSql } from '../detect/typeorm.ts';
import { parseSequelizeSchema, readSequelizeFields } from '../detect/sequelize.ts';
import { readPrismaFields } from '../detect/prisma.ts';
import { drizzleApiNames, readDrizzleModels } from '../detect/orm-models/drizzle.ts';
import { readOrmModels, type OrmModels } from '../detect/orm-models/index.ts';
import { parseKnexSchema } from '../detect/knex.ts';
import { usesLayer } from '../detect/stack.ts';
import { pathShape, readRuntimeOpenApi, type OpenApiDocument, type OpenApiOperation } from '../detect/openapi.ts';
import type { ChecklistClaim } from '../checklist/items.ts';
import type { ConflictPolicy } from '../plan/apply.ts';
import { Tree } from '../plan/tree.ts';
import type { Answers } from './answers.ts';
import { fitToTree, versionSetFor, type VersionSet } from './versions.ts';
import { KitError } from './errors.ts';
import { readText, SourceFiles } from '../detect/files.ts';
import { scanHttpClients, withObservedSchedules, type HttpClientScan } from '../detect/http-clients/index.ts';
import { readRetrySchedules } from '../detect/retry-schedules.ts';
import { allDependencies } from '../detect/package-json.ts';
import { withDocumentedColumns } from '../db/documented-columns.ts';
import { isDefect, readFindings, type Finding } from '../detect/findings.ts';
import { readRefusedShapes } from '../detect/request-shapes.ts';
import { readPinnedFields, readPinnedStatuses, type PinnedFields } from '../detect/pinned-statuses.ts';
import { signInFlow, type SignInFlow } from '../detect/auth/sign-in-flow.ts';
import { tokenMinting, type TokenMinting } from '../detect/auth/token-claims.ts';

/** Where the harness lives and how its files are named in this project. */
export interface HarnessPaths {
  /** test/integration */
  dir: string;
  support: string;
  api: string;
  /** 'ts' or 'js' */
  ext: 'ts' | 'js';
  /** Extension for the config file: .mjs in JavaScript so Vite loads it as ESM in CommonJS packages. */
  /** Node loads a .ts config as CommonJS unless package.json says "type": "module" (Vite warns): .mts then, .mjs for JavaScript. */
  configExt: 'ts' | 'mts' | 'mjs';
  manifest: string;
  checklist: string;
}

/** Everything a generator needs: the plan it writes into and the facts it writes from. */
export interface KitContext {
  tree: Tree;
  detection: Detection;
  answers: Answers;
  app: AppModule;
  versions: VersionSet;
  paths: HarnessPaths;
  routes: RouteScan;
  /** How a client becomes a signed-in user (registration and login routes), where guards verify the token it gets. */
  signIn?: SignInFlow;
  /** Where no login answers a token, how tests sign one as the service signs them. */
  minting?: TokenMinting;
  /** The app parses urlencoded bodies and no JSON: the api fixture sends every body as a form. */
  formBodies?: boolean;
  /** The OpenAPI document: the project's file, else the one the app generated in the last run. */
  openapi?: OpenApiDocument;
  /** The OpenAPI operation each route is documented by, keyed by `METHOD /path` (formatEndpoint). */
  documented: Map<string, OpenApiOperation>;
  schema?: Schema;
  /** The project's clients of external HTTP services, with their retry, timeout and breaker settings. */
  http: HttpClientScan;
  /** Column names the API spells differently, per table (an ORM's field names). */
  apiFields: Record<string, Record<string, string>>;
  /** Where the renames in apiFields come from (the ORM's schema or entity files). */
  apiFieldsSource?: string;
  /** Boolean columns the API sends as true/false where the engine stores 0/1, by table, where the ORM's schema says so (Drizzle's boolean mode). */
  apiBooleans?: Record<string, string[]>;
  /** The project's ORM models, where factories create rows through the ORM's client. */
  orm?: OrmModels;
  /** Tests in which the service answered 5xx in the last run: written as known failures. */
  findings: Finding[];
  /** Per write endpoint, how many request bodies the service refused in the kit's runs: the plan builds the next. */
  refusedShapes: ReadonlyMap<string, number>;
  /** Per test (`POST /users > creates a user`), the status the service answered where the test expected another. */
  pinnedStatuses: ReadonlyMap<string, number>;
  /** Per test, the fields of the row it expected that the service answered otherwise in the kit's runs. */
  pinnedFields: ReadonlyMap<string, PinnedFields>;
  claims: ChecklistClaim[];
  /** The service's line coverage in the last run with coverage (percent): CHECKLIST.md's threshold starts below it. */
  lineCoverage?: number;
  /** Set when a generator runs alone through `npx plop`: its last action applies the tree. */
  standalone?: { policy: ConflictPolicy };
}

export function createContext(detection: Detection, answers: Answers): KitContext {
  const root = detection.root;
  const app = detection.app ?? (answers.app ? findAppModule(root, answers.framework, answers.app, undefined, detection.aliases).app : undefined);
  if (!app) throw new KitError('No importable app module: pass --app <module>#<export>.');
  const ext = detection.language;
  const dir = harnessDir(detection.root, detection.testRoot);
  const paths: HarnessPaths = {
    dir,
    support: `${dir}/support`,
    api: `${dir}/api`,
    ext,
    configExt: ext === 'ts' ? (detection.packageJson.json.type === 'module' ? 'ts' : 'mts') : 'mjs',
    manifest: `${dir}/.itest-kit.json`,
    checklist: `${dir}/CHECKLIST.md`,
  };
  // --db none: no test database, so no seed helpers or row-aware tests, whatever the migrations say.
  const stored = answers.db === 'none' ? undefined : readSchema(detection, answers);
  const routes = withObserved(
    withDeclared(
      scanRoutes({ root, framework: answers.framework, appFile: app.file, aliases: detection.aliases, ...(app.bootstrapFile ? { bootstrapFile: app.bootstrapFile } : {}) }),
      [...readDeclaredEndpoints(root, dir), ...readRuntimeEndpoints(root)],
    ),
    readObservedAnswers(root),
  );
  const openapi = detection.openapi ?? readRuntimeOpenApi(root);
  const fields = apiFieldsOf(root, detection, stored);
  const schema = stored && openapi ? withDocumentedColumns(stored, openapi.requiredBySchema, fields.apiFields) : stored;
  const signIn = signInFlow(routes.routes, schema);
  const minting = signIn?.login.token ? undefined : tokenMinting(routes.routes, new SourceFiles(root), schema, allDependencies(detection.packageJson.json));
  // An app that parses urlencoded bodies and no JSON (HTML forms) is sent forms.
  const appSource = readText(root, app.file);
  const formBodies = /\burlencoded\s*\(/.test(appSource) && !/\b(?:express|bodyParser)\s*\.\s*json\s*\(/.test(appSource);
  return {
    tree: new Tree(root),
    detection,
    answers,
    app,
    versions: fitToTree(versionSetFor(detection.node.version), detection.installed),
    paths,
    routes,
    ...(signIn ? { signIn } : {}),
    ...(minting ? { minting } : {}),
    ...(formBodies ? { formBodies } : {}),
    ...(openapi ? { openapi } : {}),
    documented: documentedRoutes(routes.routes, openapi),
    ...(schema ? { schema } : {}),
    http: withObservedSchedules(scanHttpClients(new SourceFiles(root), { root, aliases: detection.aliases }, allDependencies(detection.packageJson.json)), readRetrySchedules(root)),
    ...fields,
    ...ormModelsOf(detection, schema),
    findings: readFindings(root).filter(isDefect),
    refusedShapes: readRefusedShapes(root),
    pinnedStatuses: readPinnedStatuses(root),
    pinnedFields: readPinnedFields(root),
    claims: [],
    ...lineCoverageOf(root),
  };
}

function lineCoverageOf(root: string): { lineCoverage?: number } {
  const lineCoverage = readLineCoverage(root);
  return lineCoverage === undefined ? {} : { lineCoverage };
}

/**
 * The specifier from one harness file to a project file, as the harness loads it: a service booted
 * under Node's require (see bootsWithRequire) is required by its own name, extension included;
 * otherwise it is imported through Vitest (see vitestImportPath).
 */
export function importPath(fromFile: string, toFile: string, context: Pick<KitContext, 'detection' | 'app'>): string {
  return bootsWithRequire(context) ? relativeSpecifier(fromFile, toFile) : vitestImportPath(fromFile, toFile, context.detection);
}

/** An ESM import through Vitest: TypeScript under NodeNext names the emitted file, src/app.ts as src/app.js. */
export function vitestImportPath(fromFile: string, toFile: string, detection: Pick<Detection, 'language'>): string {
  const relative = relativeSpecifier(fromFile, toFile);
  return detection.language === 'ts' ? relative.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs') : relative;
}

function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/**
 * The schema seed helpers and constraint tests are built from: what the data layer's migrations
 * create (Knex's schema builder, TypeORM's SQL, sequelize-cli's createTable), what SQLite itself
 * built from SQL migrations, or the DDL of SQL migrations for the server engines.
 */
function readSchema(detection: Detection, answers: Answers): Schema | undefined {
  const { root, migrations, dataLayers } = detection;
  // No migrations: the schema the service built at its own start, as the harness's last run left it.
  if (!migrations) return answers.db === 'sqlite' ? introspectBuiltSqlite(root) : parseBuiltSchema(root);
  if (usesLayer(dataLayers, 'knex') && !migrations.files.every((file) => file.endsWith('.sql'))) return parseKnexSchema(root, migrations);
  if (usesLayer(dataLayers, 'typeorm')) return parseSqlSchema(root, migrations, typeormMigrationSql);
  if (usesLayer(dataLayers, 'sequelize')) return parseSequelizeSchema(root, migrations);
  return answers.db === 'sqlite' ? introspectSqlite(root, migrations) : parseSqlSchema(root, migrations);
}

/** The way from a harness folder back to the project root, as a relative prefix: `test/integration` → `../../`. */
export function upToRoot(dir: string): string {
  return `${path.posix.relative(dir, '.')}/`;
}

/**
 * Whether harness files load project modules through createRequire, as the service loads them:
 * JavaScript in a CommonJS package, or a TypeScript CommonJS service booted under require.
 */
export function loadsWithRequire(kit: Pick<KitContext, 'detection' | 'app'>): boolean {
  return kit.detection.moduleSystem === 'cjs' && (kit.detection.language === 'js' || bootsWithRequire(kit));
}

/**
 * A TypeScript CommonJS service started from its entry point runs under Node's require, its files
 * compiled by the project's TypeScript (see harness/require-ts): as ts-node runs it, with one
 * instance of each module even where the service requires its own files at run time. Every
 * harness file that loads a project module then requires it too (setup registers the compiler).
 */
export function bootsWithRequire(kit: Pick<KitContext, 'detection' | 'app'>): boolean {
  return kit.app.kind === 'entry' && kit.detection.language === 'ts' && kit.detection.moduleSystem === 'cjs';
}

/** The flags templates place: the harness's file extension, CommonJS loading, TypeScript booted through require. */
export function templateFlags(kit: KitContext) {
  return { ext: kit.paths.ext, cjs: loadsWithRequire(kit), requiresTypeScript: bootsWithRequire(kit) };
}

/** The ORM whose client the harness builds on the test's connection (Drizzle and Knex wrap it differently). */
export type ProjectOrm = 'typeorm' | 'sequelize' | 'prisma';

export function projectOrm(detection: Detection): ProjectOrm | undefined {
  return detection.typeorm ? 'typeorm' : detection.sequelize ? 'sequelize' : detection.prisma ? 'prisma' : undefined;
}

/** The ORM models factories create rows through, when there is a database schema for them to fill. */
function ormModelsOf(detection: Detection, schema: Schema | undefined): Pick<KitContext, 'orm'> {
  const orm = schema ? readOrmModels(detection, projectOrm(detection)) : undefined;
  return orm?.models.length ? { orm } : {};
}

/** Column names the ORM's JSON spells differently, and the files that say so. */
function apiFieldsOf(root: string, detection: Detection, schema: Schema | undefined): Pick<KitContext, 'apiFields' | 'apiFieldsSource' | 'apiBooleans'> {
  if (detection.drizzle?.schema) {
    const { fields, booleans } = drizzleApiNames(readDrizzleModels(root, detection.drizzle.schema, detection.drizzle.casing));
    return { apiFields: fields, apiFieldsSource: detection.drizzle.schema, apiBooleans: booleans };
  }
  if (detection.typeorm) return { apiFields: readTypeormFields(root, detection.typeorm.entityFiles), apiFieldsSource: detection.typeorm.entityFiles.join(', ') };
  if (detection.prisma) return { apiFields: readPrismaFields(root, detection.prisma.schema), apiFieldsSource: detection.prisma.schema };
  if (detection.sequelize) return { apiFields: readSequelizeFields(root, detection.sequelize.modelFiles, schema), apiFieldsSource: detection.sequelize.modelFiles.join(', ') };
  return { apiFields: {} };
}

/** The scanned routes and, after them, those the team declared or the running app showed that the scan did not find. */
function withDeclared(scan: RouteScan, declared: Route[]): RouteScan {
  return { ...scan, routes: uniqueRoutes([...scan.routes, ...declared]) };
}

/**
 * Each route's operation in the OpenAPI document: same method, same path once parameter names
 * are set aside. The server URL's path comes first; when no route matches that way it is read as
 * a deployment detail (the RealWorld spec's https://api.realworld.io/api) and paths match as written.
 */
function documentedRoutes(routes: Route[], document: OpenApiDocument | undefined): Map<string, OpenApiOperation> {
  const documented = new Map<string, OpenApiOperation>();
  if (!document) return documented;
  const match = (pathOf: (operation: OpenApiOperation) => string) => {
    for (const route of routes) {
      const operation = document.operations.find((candidate) => candidate.method === route.method && pathShape(pathOf(candidate)) === pathShape(route.path));
      if (operation) documented.set(formatEndpoint(route), operation);
    }
  };
  match((operation) => operation.path);
  if (!documented.size && document.basePath) match((operation) => operation.specPath);
  return documented;
}

/** Each route with what it answered in the last whole-suite run, where the kit has seen it answer. */
function withObserved(scan: RouteScan, observed: Map<string, ObservedAnswer>): RouteScan {
  if (!observed.size) return scan;
  return { ...scan, routes: scan.routes.map((route) => (observed.has(formatEndpoint(route)) ? { ...route, observed: observed.get(formatEndpoint(route))! } : route)) };
}
