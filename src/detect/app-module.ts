import path from 'node:path';
import { KitError } from '../cli/errors.ts';
import { isFile, readText, SourceFiles } from './files.ts';

/** How the generated app fixture obtains the app object. */
export interface AppModule {
  /** Relative posix path of the module that creates the app. */
  file: string;
  /** Export that holds the app or its factory; 'default' for `export default` / `module.exports =`. */
  exportName: string;
  kind: 'factory' | 'instance';
  /** How a factory takes the database, when it takes one. */
  dbParam?: 'positional' | { key: string };
  async: boolean;
}

export interface AppModuleProblem {
  file: string;
  reason: string;
  suggestion: string;
}

const CREATES_EXPRESS = /\bexpress\s*\(\s*\)/;
const LISTENS = /\.listen\s*\(/;
const LISTEN_GUARD = /require\.main\s*===\s*module|import\.meta\.main|process\.argv\[1\]|import\.meta\.url\s*===|process\.env\.NODE_ENV\s*!==?\s*['"]test['"]/;

/**
 * Finds the module that creates the Express app and how to import it without
 * starting a server. `--app file#export` overrides the search.
 */
export function findAppModule(root: string, override?: string, sources = new SourceFiles(root)): { app?: AppModule; problem?: AppModuleProblem } {
  if (override) return { app: fromOverride(root, override) };
  const candidates = sources.files.filter((file) => CREATES_EXPRESS.test(sources.read(file)));
  let problem: AppModuleProblem | undefined;
  for (const file of candidates) {
    const source = sources.read(file);
    const app = readExports(file, source);
    if (app && !(app.kind === 'instance' && LISTENS.test(source) && !LISTEN_GUARD.test(source))) return { app };
    problem ??= describeProblem(file, source, app);
  }
  return { problem };
}

function fromOverride(root: string, override: string): AppModule {
  const [file = '', exportName = 'default'] = override.split('#');
  if (!isFile(path.join(root, file))) throw new KitError(`--app ${override}: no file ${file} in ${root}; pass --app <path to the module>#<export>, e.g. --app src/app.ts#createApp.`);
  const detected = readExports(file, readText(root, file));
  const kind = detected?.exportName === exportName ? detected.kind : /^(create|build|make)/i.test(exportName) ? 'factory' : 'instance';
  return { file, exportName, kind, async: detected?.async ?? false, ...(detected?.dbParam ? { dbParam: detected.dbParam } : {}) };
}

function readExports(file: string, source: string): AppModule | undefined {
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
  if (cjsFunction && isAppFactoryName(cjsFunction[1] ?? cjsFunction[3] ?? file)) return factory(file, cjsFunction[1] ?? 'default', cjsFunction[4] ?? '', Boolean(cjsFunction[2]));
  for (const match of source.matchAll(/(?:module\.exports\s*=\s*\{([^}]*)\}|exports\.(\w+)\s*=\s*(\w+))/g)) {
    const names = match[1] ? match[1].split(',').map((part) => part.split(':')[0]!.trim()) : [match[2]!];
    for (const name of names) {
      const declaration = new RegExp(`(async\\s+)?function\\s+${name}\\s*\\(([^)]*)\\)|(?:const|let)\\s+${name}\\s*=\\s*(async\\s+)?\\(([^)]*)\\)\\s*=>`).exec(source);
      if (declaration && isAppFactoryName(name)) return factory(file, name, declaration[2] ?? declaration[4] ?? '', Boolean(declaration[1] ?? declaration[3]));
    }
  }

  // An instance: `export const app = express()`, `export default app`, `module.exports = app`.
  const appVar = /(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*express\s*\(\s*\)/.exec(source)?.[1];
  if (appVar) {
    if (new RegExp(`export\\s+(?:const|let)\\s+${appVar}\\b`).test(source)) return { file, exportName: appVar, kind: 'instance', async: false };
    if (new RegExp(`export\\s+default\\s+${appVar}\\b|module\\.exports\\s*=\\s*${appVar}\\b`).test(source)) return { file, exportName: 'default', kind: 'instance', async: false };
    if (new RegExp(`export\\s*\\{[^}]*\\b${appVar}\\b[^}]*\\}|module\\.exports\\.${appVar}\\s*=|exports\\.${appVar}\\s*=`).test(source)) return { file, exportName: appVar, kind: 'instance', async: false };
  }
  return undefined;
}

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
    const key = destructured[1]!.split(',').map((part) => part.split(/[:=]/)[0]!.trim()).find((part) => DB_NAME.test(part));
    if (key) app.dbParam = { key };
  } else if (trimmed && (DB_NAME.test(trimmed.split(/[:=,\s]/)[0]!) || DB_TYPE.test(trimmed))) {
    app.dbParam = 'positional';
  }
  return app;
}

function describeProblem(file: string, source: string, app: AppModule | undefined): AppModuleProblem {
  const listens = LISTENS.test(source);
  const reason = app
    ? `${file} exports the Express app but also calls listen() when imported, so tests would open a real port`
    : listens
      ? `${file} creates the Express app and calls listen() in the same file without exporting the app, so tests cannot import it`
      : `${file} creates the Express app but does not export it`;
  const ext = path.extname(file);
  // The suggestion speaks the file's own module syntax: require/module.exports in CommonJS JavaScript.
  const commonJs = !/^\s*(import|export)\s/m.test(source) && /\brequire\(/.test(source);
  const suggestion = [
    `Smallest change: move the app into ${path.posix.join(path.posix.dirname(file), `app${ext}`)} as an exported factory, and keep listen() where it is:`,
    '',
    `  // ${path.posix.join(path.posix.dirname(file), `app${ext}`)}`,
    commonJs ? '  function createApp() {' : '  export function createApp() {',
    '    const app = express();',
    '    // ...the middleware and routes now in ' + path.posix.basename(file),
    '    return app;',
    '  }',
    ...(commonJs ? ['  module.exports = { createApp };'] : []),
    '',
    `  // ${file}`,
    ...(commonJs ? [`  const { createApp } = require('./app');`] : []),
    '  createApp().listen(port);',
    '',
    `Then run the kit again, or point it at the app with --app <module>#<export>.`,
  ].join('\n');
  return { file, reason, suggestion };
}
