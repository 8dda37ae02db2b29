import path from 'node:path';
import { KitError } from '../kit/errors.ts';
import { isFile, readText, SourceFiles } from './files.ts';
import { FRAMEWORK_NAMES, type Framework } from './stack.ts';
import { readPathAliases, type PathAlias } from './path-aliases.ts';
import { resolveImport, resolveSpecifier, type Project } from './routes/source.ts';
import type { EntryPoint } from './entry-point.ts';
import { CREATES, filesCreatingApp } from './service-framework.ts';
import { findStarter } from './starter.ts';

/** How the generated app fixture obtains the app object. */
export interface AppModule {
  /** Relative posix path of the module that creates the app. */
  file: string;
  /** Export that holds the app or its factory; 'default' for `export default` / `module.exports =`. */
  exportName: string;
  /**
   * A function that builds the app, the app itself, (Nest) the root module the testing module
   * imports, (Fastify) the root plugin a fresh instance registers, as fastify-cli apps are built,
   * or the service's own entry point, started as it starts in production with its listen() captured.
   */
  kind: 'factory' | 'instance' | 'module' | 'plugin' | 'entry';
  /** kind 'entry': the file that starts the service, and where the kit read that. */
  entry?: EntryPoint;
  /** How a factory takes the database, when it takes one. */
  dbParam?: 'positional' | { key: string };
  async: boolean;
  /** Nest: the file that calls NestFactory.create (its global prefix and pipes apply in tests too). */
  bootstrapFile?: string;
}

/** Whether the app is built by a factory that is handed its database: the harness can give it the test's. */
export function takesDatabase(app: AppModule): boolean {
  return app.kind === 'factory' && app.dbParam !== undefined;
}

export interface AppModuleProblem {
  file: string;
  reason: string;
  suggestion: string;
}

/** Opening a port: `app.listen(...)`, or Hono's `serve({ fetch: app.fetch })`. */
const LISTENS = /\.listen\s*\(|\bserve\s*\(\s*\{/;
const LISTEN_GUARD = /require\.main\s*===\s*module|import\.meta\.main|process\.argv\[1\]|import\.meta\.url\s*===|process\.env\.NODE_ENV\s*!==?\s*['"]test['"]/;

/**
 * Finds the module that creates the app and how to import it without starting a
 * server; for Nest, the root module main.ts bootstraps. `--app file#export` overrides the search.
 * Imports between the project's modules are followed through its tsconfig path aliases.
 */
export function findAppModule(
  root: string,
  framework: Framework,
  override?: string,
  sources = new SourceFiles(root),
  aliases: readonly PathAlias[] = readPathAliases(root),
  entry?: EntryPoint,
): { app?: AppModule; problem?: AppModuleProblem } {
  const project: Project = { root, aliases };
  if (framework === 'nest') return findNestModule(project, sources, override);
  if (override) return { app: fromOverride(root, framework, override) };
  const candidates = filesCreatingApp(framework, sources);
  if (entry?.source === '--entry') {
    if (!isFile(path.join(root, entry.file)))
      throw new KitError(`--entry ${entry.file}: no such file in ${root}; pass the file that starts the service, e.g. --entry src/server.ts.`);
    return { app: bootedEntry(entry, candidates[0]) };
  }
  let problem: AppModuleProblem | undefined;
  for (const file of candidates) {
    const source = sources.read(file);
    const app = readExports(file, source, framework);
    if (app && !(app.kind === 'instance' && LISTENS.test(source) && !LISTEN_GUARD.test(source)))
      return { app: (app.kind === 'factory' && builtFrom(project, app, sources)) || app };
    problem ??= describeProblem(file, source, app, framework);
  }
  const plugin = framework === 'fastify' ? findFastifyPluginApp(sources) : undefined;
  if (plugin) return { app: plugin };
  // No app tests can import without starting it: start the service the way it starts.
  const starter = entry ?? (problem ? findStarter(project, sources, problem.file) : undefined);
  if (starter) return { app: bootedEntry(starter, problem?.file ?? candidates[0]) };
  return problem ? { problem } : {};
}

/**
 * The service booted from its entry point. `file` stays the module that creates the app (where the
 * route scan starts); the entry is what the harness loads, with listen() bound to an ephemeral port.
 */
function bootedEntry(entry: EntryPoint, appFile: string | undefined): AppModule {
  return { file: appFile ?? entry.file, exportName: 'default', kind: 'entry', async: true, entry };
}

/** `export default async function app(fastify: FastifyInstance, opts)`: the root plugin of a fastify-cli style app. */
const PLUGIN_APP = /(?:export\s+default|module\.exports\s*=)\s*(?:async\s+)?function\s*\w*\s*\(\s*(\w+)\s*(:\s*FastifyInstance\b[^,)]*)?\s*[,)]/;

/**
 * Fastify apps built as a root plugin (fastify-cli, fastify/demo): the plugin in app.* that
 * default-exports `(fastify, opts)`, or the one another file registers with `fp(...)`.
 */
function findFastifyPluginApp(sources: SourceFiles): AppModule | undefined {
  const registered = new Set(
    sources.files.flatMap((file) => [...sources.read(file).matchAll(/\.register\s*\(\s*(?:fp|fastifyPlugin)\s*\(\s*(\w+)/g)].map((match) => match[1]!)),
  );
  const file = sources.files.find((candidate) => {
    const plugin = PLUGIN_APP.exec(sources.read(candidate));
    if (!plugin || !(plugin[2] || /^(fastify|app|instance|server)$/.test(plugin[1]!))) return false;
    const name = /function\s+(\w+)/.exec(plugin[0])?.[1];
    return /(^|\/)app\.[cm]?[jt]s$/.test(candidate) || (name !== undefined && registered.has(name));
  });
  return file ? { file, exportName: 'default', kind: 'plugin', async: true } : undefined;
}

/**
 * A module that builds the app with the factory and exports the result, routes attached:
 * `const app = createApp(); app.route('/', tasks); export default app;` (hono-open-api-starter).
 * The factory alone would be an app without routes.
 */
function builtFrom(project: Project, factory: AppModule, sources: SourceFiles): AppModule | undefined {
  for (const file of sources.files) {
    if (file === factory.file) continue;
    const source = sources.read(file);
    for (const imported of source.matchAll(/import\s+(?:(\w+)|\{([^}]*)\})\s+from\s+['"]([^'"]+)['"]/g)) {
      if (resolveSpecifier(project, file, imported[3]!) !== factory.file) continue;
      const local =
        factory.exportName === 'default'
          ? imported[1]
          : (new RegExp(`\\b${factory.exportName}(?:\\s+as\\s+(\\w+))?\\b`).exec(imported[2] ?? '')?.[1] ??
            (imported[2]?.includes(factory.exportName) ? factory.exportName : undefined));
      const built = local && new RegExp(`(?:const|let)\\s+(\\w+)\\s*(?::[^=]+)?=\\s*${local}\\s*\\(`).exec(source)?.[1];
      if (!built || (LISTENS.test(source) && !LISTEN_GUARD.test(source))) continue;
      if (new RegExp(`export\\s+default\\s+${built}\\b`).test(source)) return { file, exportName: 'default', kind: 'instance', async: false };
      if (new RegExp(`export\\s+(?:const|let)\\s+${built}\\b|export\\s*\\{[^}]*\\b${built}\\b`).test(source))
        return { file, exportName: built, kind: 'instance', async: false };
    }
  }
  return undefined;
}

/** Nest: the module main.ts passes to NestFactory.create; Test.createTestingModule imports it. */
function findNestModule(project: Project, sources: SourceFiles, override: string | undefined): { app?: AppModule; problem?: AppModuleProblem } {
  const { root } = project;
  const bootstrapFile = filesCreatingApp('nest', sources)[0];
  const bootstrap = bootstrapFile ? { bootstrapFile } : {};
  if (override) {
    const [file = '', exportName = 'AppModule'] = override.split('#');
    if (!isFile(path.join(root, file)))
      throw new KitError(
        `--app ${override}: no file ${file} in ${root}; pass --app <path to the root module>#<class>, e.g. --app src/app.module.ts#AppModule.`,
      );
    return { app: { file, exportName, kind: 'module', async: true, ...bootstrap } };
  }
  const name = bootstrapFile ? /\bNestFactory\s*\.\s*create\s*(?:<[^>]*>)?\s*\(\s*(\w+)/.exec(sources.read(bootstrapFile))?.[1] : undefined;
  const file =
    (name && bootstrapFile && resolveImport(project, bootstrapFile, sources.read(bootstrapFile), name)) ||
    sources.files.find(
      (candidate) => /@Module\s*\(/.test(sources.read(candidate)) && new RegExp(`export\\s+class\\s+${name ?? 'AppModule'}\\b`).test(sources.read(candidate)),
    );
  if (file) return { app: { file, exportName: name ?? 'AppModule', kind: 'module', async: true, ...bootstrap } };
  return {};
}

function fromOverride(root: string, framework: Exclude<Framework, 'nest'>, override: string): AppModule {
  const [file = '', exportName = 'default'] = override.split('#');
  if (!isFile(path.join(root, file)))
    throw new KitError(`--app ${override}: no file ${file} in ${root}; pass --app <path to the module>#<export>, e.g. --app src/app.ts#createApp.`);
  const detected = readExports(file, readText(root, file), framework);
  const kind = detected?.exportName === exportName ? detected.kind : /^(create|build|make)/i.test(exportName) ? 'factory' : 'instance';
  return { file, exportName, kind, async: detected?.async ?? false, ...(detected?.dbParam ? { dbParam: detected.dbParam } : {}) };
}

function readExports(file: string, source: string, framework: Exclude<Framework, 'nest'>): AppModule | undefined {
  // A factory: `export function createApp(db)`, `export const createApp = (db) =>`, `module.exports = { createApp }`.
  const factoryPatterns: RegExp[] = [
    /export\s+(default\s+)?(async\s+)?function\s*(\w*)\s*(?:<[^>]*>)?\(([^)]*)\)/g,
    /export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*(async\s+)?(?:function\s*\w*)?\s*\(([^)]*)\)\s*(?::\s*[^=]+)?=?>?/g,
  ];
  for (const match of source.matchAll(factoryPatterns[0]!)) {
    const name = match[1] ? 'default' : match[3]!;
    if (isAppFactoryName(match[3] || file)) return factory(file, name, match[4] ?? '', Boolean(match[2]));
  }
  for (const match of source.matchAll(factoryPatterns[1]!)) {
    if (isAppFactoryName(match[1]!)) return factory(file, match[1]!, match[3] ?? '', Boolean(match[2]));
  }
  const cjsFunction = /(?:module\.)?exports(?:\.(\w+))?\s*=\s*(async\s+)?function\s*(\w*)\s*\(([^)]*)\)/.exec(source);
  if (cjsFunction && isAppFactoryName(cjsFunction[1] ?? cjsFunction[3] ?? file))
    return factory(file, cjsFunction[1] ?? 'default', cjsFunction[4] ?? '', Boolean(cjsFunction[2]));
  for (const match of source.matchAll(/(?:module\.exports\s*=\s*\{([^}]*)\}|exports\.(\w+)\s*=\s*(\w+))/g)) {
    const names = match[1] ? match[1].split(',').map((part) => part.split(':')[0]!.trim()) : [match[2]!];
    for (const name of names) {
      const declaration = new RegExp(`(async\\s+)?function\\s+${name}\\s*\\(([^)]*)\\)|(?:const|let)\\s+${name}\\s*=\\s*(async\\s+)?\\(([^)]*)\\)\\s*=>`).exec(
        source,
      );
      if (declaration && isAppFactoryName(name)) return factory(file, name, declaration[2] ?? declaration[4] ?? '', Boolean(declaration[1] ?? declaration[3]));
    }
  }

  // An instance: `export const app = express()`, `export default app`, `module.exports = app`.
  const appVar = new RegExp(`(?:const|let|var)\\s+(\\w+)\\s*(?::[^=]+)?=\\s*${CREATES[framework]}`).exec(source)?.[1];
  if (appVar) {
    if (new RegExp(`export\\s+(?:const|let)\\s+${appVar}\\b`).test(source)) return { file, exportName: appVar, kind: 'instance', async: false };
    if (new RegExp(`export\\s+default\\s+${appVar}\\b|module\\.exports\\s*=\\s*${appVar}\\b`).test(source))
      return { file, exportName: 'default', kind: 'instance', async: false };
    if (new RegExp(`export\\s*\\{[^}]*\\b${appVar}\\b[^}]*\\}|module\\.exports\\.${appVar}\\s*=|exports\\.${appVar}\\s*=`).test(source))
      return { file, exportName: appVar, kind: 'instance', async: false };
  }
  return undefined;
}

const CREATE_EXAMPLE: Record<Exclude<Framework, 'nest'>, string> = { express: 'express()', fastify: 'Fastify()', koa: 'new Koa()', hono: 'new Hono()' };

function isAppFactoryName(name: string): boolean {
  return /(create|build|make|get|init)[_-]?(app|server|application)|^app$|^server$/i.test(path.basename(name).replace(/\.[cm]?[jt]s$/, ''));
}

/** Parameter names and types that say "this is the database client". */
const DB_NAME = /^(db|database|sqlite|connection|conn|pool|client|pg|knex|sql|prisma|sequelize|dataSource|orm|store)$/i;
const DB_TYPE = /:\s*(?:[\w.]+\.)?(Database|BetterSqlite3|SqliteDatabase|Pool|PoolClient|Client|Knex|PrismaClient|Sequelize|DataSource|Connection|Kysely)\b/;

function factory(file: string, exportName: string, params: string, isAsync: boolean): AppModule {
  const app: AppModule = { file, exportName, kind: 'factory', async: isAsync };
  const trimmed = params.trim();
  const destructured = /^\{([^}]*)\}/.exec(trimmed);
  if (destructured) {
    const key = destructured[1]!
      .split(',')
      .map((part) => part.split(/[:=]/)[0]!.trim())
      .find((part) => DB_NAME.test(part));
    if (key) app.dbParam = { key };
  } else if (trimmed && (DB_NAME.test(trimmed.split(/[:=,\s]/)[0]!) || DB_TYPE.test(trimmed))) {
    app.dbParam = 'positional';
  }
  return app;
}

function describeProblem(file: string, source: string, app: AppModule | undefined, framework: Exclude<Framework, 'nest'>): AppModuleProblem {
  const listens = LISTENS.test(source);
  const name = FRAMEWORK_NAMES[framework];
  const reason = app
    ? `${file} exports the ${name} app but also calls listen() when imported, so tests would open a real port`
    : listens
      ? `${file} creates the ${name} app and calls listen() in the same file without exporting the app, so tests cannot import it`
      : `${file} creates the ${name} app but does not export it`;
  const ext = path.extname(file);
  // The suggestion speaks the file's own module syntax: require/module.exports in CommonJS JavaScript.
  const commonJs = !/^\s*(import|export)\s/m.test(source) && /\brequire\(/.test(source);
  const suggestion = [
    `Smallest change: move the app into ${path.posix.join(path.posix.dirname(file), `app${ext}`)} as an exported factory, and keep listen() where it is:`,
    '',
    `  // ${path.posix.join(path.posix.dirname(file), `app${ext}`)}`,
    commonJs ? '  function createApp() {' : '  export function createApp() {',
    `    const app = ${CREATE_EXAMPLE[framework]};`,
    '    // ...the middleware and routes now in ' + path.posix.basename(file),
    '    return app;',
    '  }',
    ...(commonJs ? ['  module.exports = { createApp };'] : []),
    '',
    `  // ${file}`,
    ...(commonJs ? [`  const { createApp } = require('./app');`] : []),
    framework === 'hono' ? '  serve({ fetch: createApp().fetch, port });' : '  createApp().listen(port);',
    '',
    `Then run the kit again, or point it at the app with --app <module>#<export>.`,
  ].join('\n');
  return { file, reason, suggestion };
}
