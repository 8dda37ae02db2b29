import path from 'node:path';
import type { AppModule } from '../detect/app-module.ts';
import type { HeaderPolicy } from '../detect/app-headers.ts';
import type { NestBootstrap } from '../detect/routes/nest.ts';
import type { Detection } from '../detect/index.ts';
import { formatEndpoint, uniqueRoutes, type Route, type RouteScan } from '../detect/routes/index.ts';
import type { ObservedAnswer } from '../detect/runtime-endpoints.ts';
import type { Schema } from '../detect/schema-sqlite.ts';
import type { OrmModels } from '../detect/orm-models/index.ts';
import { pathShape, type OpenApiDocument, type OpenApiOperation } from '../detect/openapi.ts';
import type { ChecklistClaim } from '../checklist/items.ts';
import type { ConflictPolicy } from '../plan/apply.ts';
import { Tree } from '../plan/tree.ts';
import type { Answers } from './answers.ts';
import { fitToTree, versionSetFor, type VersionSet } from './versions.ts';
import { withObservedSchedules, type HttpClientScan } from '../detect/http-clients/index.ts';
import { withDocumentedColumns } from '../db/documented-columns.ts';
import { withMinLengths } from '../db/validated-lengths.ts';
import type { Finding } from '../detect/findings.ts';
import type { PinnedFields } from '../detect/pinned-statuses.ts';
import { signInFlow, type SignInFlow } from '../detect/auth/sign-in-flow.ts';
import { tokenMinting, type TokenMinting } from '../detect/auth/token-claims.ts';
import { readProject, type ProjectReads } from '../detect/project-reads.ts';

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
  /** The security, CORS and X-Powered-By headers the app's middleware promises. */
  headerPolicy: HeaderPolicy;
  /** Nest: what its bootstrap file sets up (global prefix, validation pipe). */
  nestBootstrap?: NestBootstrap;
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

/** The context of a plan: the project read (src/detect/project-reads.ts), then modelled. */
export function createContext(detection: Detection, answers: Answers): KitContext {
  return modelContext(detection, answers, readProject(detection, answers));
}

/** The model: the views every generator plans from, derived from what detection read; it reads nothing itself. */
export function modelContext(detection: Detection, answers: Answers, reads: ProjectReads): KitContext {
  const { app, openapi, apiNames } = reads;
  const ext = detection.language;
  const dir = reads.harnessDir;
  const paths: HarnessPaths = {
    dir,
    support: `${dir}/support`,
    api: `${dir}/api`,
    ext,
    configExt: ext === 'ts' ? (detection.packageJson.json.type === 'module' ? 'ts' : 'mts') : 'mjs',
    manifest: `${dir}/.itest-kit.json`,
    checklist: `${dir}/CHECKLIST.md`,
  };
  const routes = withObserved(withDeclared(reads.scanned, reads.declared), reads.observed);
  const validated = reads.schema && withMinLengths(reads.schema, reads.minLengths);
  const schema = validated && openapi ? withDocumentedColumns(validated, openapi.requiredBySchema, apiNames.apiFields) : validated;
  const signIn = signInFlow(routes.routes, schema);
  const minting = signIn?.login.token ? undefined : tokenMinting(routes.routes, reads.signedClaims, schema);
  return {
    tree: new Tree(detection.root),
    detection,
    answers,
    app,
    versions: fitToTree(versionSetFor(detection.node.version), detection.installed),
    paths,
    routes,
    ...(signIn ? { signIn } : {}),
    ...(minting ? { minting } : {}),
    ...(reads.formBodies ? { formBodies: true } : {}),
    headerPolicy: reads.headerPolicy,
    ...(reads.nestBootstrap ? { nestBootstrap: reads.nestBootstrap } : {}),
    ...(openapi ? { openapi } : {}),
    documented: documentedRoutes(routes.routes, openapi),
    ...(schema ? { schema } : {}),
    http: withObservedSchedules(reads.http, reads.retrySchedules),
    ...apiNames,
    ...(schema && reads.ormModels ? { orm: reads.ormModels } : {}),
    findings: reads.findings,
    refusedShapes: reads.refusedShapes,
    pinnedStatuses: reads.pinnedStatuses,
    pinnedFields: reads.pinnedFields,
    claims: [],
    ...(reads.lineCoverage === undefined ? {} : { lineCoverage: reads.lineCoverage }),
  };
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
  return detection.language === 'ts'
    ? relative
        .replace(/\.ts$/, '.js')
        .replace(/\.mts$/, '.mjs')
        .replace(/\.cts$/, '.cjs')
    : relative;
}

function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return relative.startsWith('.') ? relative : `./${relative}`;
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

export { projectOrm, type ProjectOrm } from '../detect/project-reads.ts';

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
  return {
    ...scan,
    routes: scan.routes.map((route) => (observed.has(formatEndpoint(route)) ? { ...route, observed: observed.get(formatEndpoint(route))! } : route)),
  };
}
