import { findAppModule, type AppModule } from './app-module.ts';
import { readHeaderPolicy, type HeaderPolicy } from './app-headers.ts';
import { payloadClaims, signedClaims, type SignedClaims } from './auth/token-claims.ts';
import { readDeclaredEndpoints } from './declared-endpoints.ts';
import { readText, SourceFiles } from './files.ts';
import { isDefect, readFindings, type Finding } from './findings.ts';
import { scanHttpClients, type HttpClientScan } from './http-clients/index.ts';
import type { Detection } from './index.ts';
import { parseKnexSchema } from './knex.ts';
import { readRuntimeOpenApi, type OpenApiDocument } from './openapi.ts';
import { apiNamesOf, factoryModels, minLengthsOf, readDeclaredModels, type ApiNames, type MinLengths, type OrmModels } from './orm-models/index.ts';
import { allDependencies } from './package-json.ts';
import { readPinnedFields, readPinnedStatuses, type PinnedFields } from './pinned-statuses.ts';
import { readRefusedShapes } from './request-shapes.ts';
import { readRetrySchedules, type RetrySchedule } from './retry-schedules.ts';
import { scanRoutes, type Route, type RouteScan } from './routes/index.ts';
import { nestBootstrap, type NestBootstrap } from './routes/nest.ts';
import { readObservedAnswers, readRuntimeEndpoints, type ObservedAnswer } from './runtime-endpoints.ts';
import { parseBuiltSchema, parseSqlSchema } from './schema-ddl.ts';
import { introspectBuiltSqlite, introspectSqlite, type Schema } from './schema-sqlite.ts';
import { parseSequelizeSchema } from './sequelize.ts';
import { usesLayer } from './stack.ts';
import { harnessDir } from './test-dirs.ts';
import { typeormMigrationSql } from './typeorm.ts';
import { readLineCoverage } from '../coverage/service-source.ts';
import { KitError } from '../kit/errors.ts';
import type { Answers } from '../kit/answers.ts';

export type { ApiNames } from './orm-models/index.ts';

/**
 * What the kit reads of the project once the answers say which framework, database and app: the
 * second half of detection. The model (src/kit/context.ts) derives its views from these facts and
 * reads nothing itself.
 */
export interface ProjectReads {
  app: AppModule;
  /** Where the harness goes: <tests>/integration, or <tests>/itest where the team's own tests hold integration/. */
  harnessDir: string;
  /** The routes the scan of the app's source found. */
  scanned: RouteScan;
  /** Routes the team declared, or the running app showed in the last run. */
  declared: Route[];
  /** What each route answered in the last whole-suite run. */
  observed: Map<string, ObservedAnswer>;
  /** The OpenAPI document: the project's file, else the one the app generated in the last run. */
  openapi?: OpenApiDocument;
  /** The schema the migrations (or the service's own start) build; none with --db none. */
  schema?: Schema;
  apiNames: ApiNames;
  /** The shortest text the ORM's validators accept, by table and column (class-validator on TypeORM entities). */
  minLengths: MinLengths;
  /** The ORM's models, where factories create rows through its client. */
  ormModels?: OrmModels;
  /** The service's jsonwebtoken sign() call, where it declares jsonwebtoken; else the claims it reads from a verified token. */
  signedClaims?: SignedClaims;
  /** The app parses urlencoded bodies and no JSON (HTML forms). */
  formBodies: boolean;
  /** The security, CORS and X-Powered-By headers the app's middleware promises. */
  headerPolicy: HeaderPolicy;
  /** Nest: the global prefix and validation pipe the bootstrap file (main.ts) sets up, for the harness to set up alike. */
  nestBootstrap?: NestBootstrap;
  http: HttpClientScan;
  /** Retry schedules the harness recorded for clients that retry through the project's own helper. */
  retrySchedules: Map<string, RetrySchedule>;
  /** From the kit's earlier runs (its cache): real defects, refused bodies, pinned statuses and fields, line coverage. */
  findings: Finding[];
  refusedShapes: ReadonlyMap<string, number>;
  pinnedStatuses: ReadonlyMap<string, number>;
  pinnedFields: ReadonlyMap<string, PinnedFields>;
  lineCoverage?: number;
}

export function readProject(detection: Detection, answers: Answers): ProjectReads {
  const { root } = detection;
  const app = detection.app ?? (answers.app ? findAppModule(root, answers.framework, answers.app, undefined, detection.aliases).app : undefined);
  if (!app) throw new KitError('No importable app module: pass --app <module>#<export>.');
  // --db none: no test database, so no seed helpers or row-aware tests, whatever the migrations say.
  const schema = answers.db === 'none' ? undefined : readSchema(detection, answers);
  const dependencies = allDependencies(detection.packageJson.json);
  const sources = new SourceFiles(root);
  const appSource = readText(root, app.file);
  const openapi = detection.openapi ?? readRuntimeOpenApi(root);
  const declaredModels = readDeclaredModels(detection);
  const ormModels = schema ? factoryModels(declaredModels, detection, projectOrm(detection)) : undefined;
  const lineCoverage = readLineCoverage(root);
  const dir = harnessDir(root, detection.testRoot);
  // Nest's main.ts, read once: its global prefix places the routes, and the harness sets up what it sets up.
  const bootstrap = answers.framework === 'nest' && app.bootstrapFile ? nestBootstrap(readText(root, app.bootstrapFile)) : undefined;
  const scanned = scanRoutes({ root, framework: answers.framework, appFile: app.file, aliases: detection.aliases, ...(bootstrap ? { bootstrap } : {}) });
  // Claims are only needed to mint tokens for a guard verifying them with a secret the harness sets: the payload reads are looked for only then.
  const verifiesTokens = scanned.routes.some((route) => route.credential && 'token' in route.credential && route.credential.secretEnv);
  const claims = (dependencies.jsonwebtoken ? signedClaims(sources) : undefined) ?? (verifiesTokens ? payloadClaims(sources) : undefined);
  return {
    app,
    harnessDir: dir,
    scanned,
    declared: [...readDeclaredEndpoints(root, dir), ...readRuntimeEndpoints(root)],
    observed: readObservedAnswers(root),
    ...(openapi ? { openapi } : {}),
    ...(schema ? { schema } : {}),
    apiNames: apiNamesOf(declaredModels, schema),
    minLengths: minLengthsOf(declaredModels),
    ...(ormModels?.models.length ? { ormModels } : {}),
    ...(claims ? { signedClaims: claims } : {}),
    formBodies: /\burlencoded\s*\(/.test(appSource) && !/\b(?:express|bodyParser)\s*\.\s*json\s*\(/.test(appSource),
    headerPolicy: readHeaderPolicy(appSource, answers.framework),
    ...(bootstrap ? { nestBootstrap: bootstrap } : {}),
    http: scanHttpClients(sources, { root, aliases: detection.aliases }, dependencies),
    retrySchedules: readRetrySchedules(root),
    findings: readFindings(root).filter(isDefect),
    refusedShapes: readRefusedShapes(root),
    pinnedStatuses: readPinnedStatuses(root),
    pinnedFields: readPinnedFields(root),
    ...(lineCoverage === undefined ? {} : { lineCoverage }),
  };
}

/** The ORM whose client the harness builds on the test's connection (Drizzle and Knex wrap it differently). */
export type ProjectOrm = 'typeorm' | 'sequelize' | 'prisma';

export function projectOrm(detection: Detection): ProjectOrm | undefined {
  return detection.typeorm ? 'typeorm' : detection.sequelize ? 'sequelize' : detection.prisma ? 'prisma' : undefined;
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
