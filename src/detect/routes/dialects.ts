import type { Framework } from '../stack.ts';
import { AUTH_MIDDLEWARE } from './source.ts';

/** A router attached below a path: `app.use('/p', router)`, `register(plugin, { prefix })`, `app.route('/p', sub)`. */
export interface Mount {
  receiver: string;
  path: string;
  /** The local name of the mounted router or plugin. */
  target?: string;
  /** Or the module it is imported from inline: `register(import('./routes/users.js'))`. */
  specifier?: string;
  /**
   * Or a folder @fastify/autoload loads (`register(AutoLoad, { dir: path.join(__dirname, 'routes') })`),
   * relative to the registering file: each file in it is a plugin, its folders become the prefix.
   */
  dir?: string;
  /** Where in the file the mount is: middleware used before it applies to what it mounts. */
  index?: number;
  /** Middleware the mount itself passes through first (`app.use('/notes', requireAuth, notes)`). */
  middleware?: string;
}

/** How one framework's source registers routes and mounts routers: what scanCallRoutes needs to know. */
export interface CallDialect {
  /** Declarations that create an app or router; group 1 is its name. */
  creates: RegExp;
  /** Parameters typed as one: `(fastify: FastifyInstance)`; group 1 is the name. */
  typed: RegExp;
  /** Names taken to be apps or routers without a declaration (plugin parameters, conventions). */
  names: string[];
  /** The prefix a router is created with, read from its declaration statement. */
  createdPrefix(statement: string): string | undefined;
  mounts(source: string): Mount[];
  /** Mounted names that are middleware, not routers. */
  middleware: RegExp;
  /**
   * Where in this file authentication starts guarding everything registered after it (an auth
   * middleware used with no path): `0` where it guards the whole file, undefined where nothing does.
   */
  guardAt(source: string, receivers: Map<string, string>): GuardUse | undefined;
}

const STRING = (name: string) => String.raw`(?<${name}Q>['"\`])(?<${name}>(?:\\.|(?!\k<${name}Q>)[^\\])*)\k<${name}Q>`;

/** `x.use('/p', ..., target)` / `x.use(target.routes())`: Express and Koa mount this way. */
const USE_MOUNT = new RegExp(
  String.raw`\b(?<receiver>\w+)\s*\.\s*use\s*\(\s*(?:${STRING('path')}\s*,\s*)?(?<middleware>(?:[\w.]+(?:\([^()]*\))?\s*,\s*)*)(?:require\s*\(\s*${STRING('specifier')}\s*\)|(?<target>\w+))`,
  'g',
);
const FASTIFY_REGISTER = new RegExp(
  String.raw`\b(?<receiver>\w+)\s*\.\s*register\s*\(\s*(?:(?:import|require)\s*\(\s*${STRING('specifier')}\s*\)|(?<target>\w+)(?:\s*\([^()]*\))?)(?:\s*,\s*\{[^{}]*?\bprefix\s*:\s*${STRING('path')})?`,
  'g',
);
/** The names @fastify/autoload is imported as. */
const AUTOLOAD_NAME = String.raw`(?:AutoLoad|autoLoad|autoload|fastifyAutoload|FastifyAutoload)`;
/** `register(AutoLoad, { dir: path.join(__dirname, 'routes'), ... })`, `import.meta.dirname` too, with the options' own prefix. */
const AUTOLOAD = new RegExp(String.raw`\b(?<receiver>\w+)\s*\.\s*register\s*\(\s*${AUTOLOAD_NAME}\s*,\s*\{(?<options>(?:[^{}]|\{[^{}]*\})*)\}`, 'g');

function autoloadMounts(source: string): Mount[] {
  return [...source.matchAll(AUTOLOAD)].flatMap((match) => {
    const options = match.groups!.options!;
    const join = /\bdir\s*:\s*(?:path\s*\.\s*)?(?:join|resolve)\s*\(\s*(?:__dirname|import\.meta\.dirname)\s*((?:,\s*['"][^'"]+['"]\s*)+)\)/.exec(options)?.[1];
    if (!join) return [];
    const dir = [...join.matchAll(/['"]([^'"]+)['"]/g)].map((part) => part[1]!).join('/');
    const prefix = /\bprefix\s*:\s*['"]([^'"]*)['"]/.exec(options)?.[1] ?? '';
    return [{ receiver: match.groups!.receiver!, path: prefix, dir }];
  });
}

const HONO_ROUTE = new RegExp(String.raw`\b(?<receiver>\w+)\s*\.\s*route\s*\(\s*${STRING('path')}\s*,\s*(?<target>\w+)`, 'g');

function mountsOf(pattern: RegExp, source: string): Mount[] {
  return [...source.matchAll(pattern)].map((match) => {
    const { receiver = '', path = '', target, specifier, middleware } = match.groups ?? {};
    return { receiver, path, index: match.index, ...(target ? { target } : {}), ...(specifier ? { specifier } : {}), ...(middleware ? { middleware } : {}) };
  });
}

/**
 * `router.use(auth)` with no path, or with a catch-all one (`'*'`, `'/*'`), guards whatever the file
 * registers after it: the first such use, its arguments read with nested calls
 * (`app.use(jwt({ secret }).unless({ path: [...] }))`).
 */
function useGuardAt(source: string, receivers: Map<string, string>): GuardUse | undefined {
  for (const match of source.matchAll(/\b(\w+)\s*\.\s*use\s*\(/g)) {
    if (!receivers.has(match[1]!)) continue;
    const args = balancedArguments(source, match.index + match[0].length).replace(/^\s*(['"`])\/?\*\1\s*,/, '');
    if (!/^\s*['"`]/.test(args) && AUTH_MIDDLEWARE.test(args.split(/[,(]/)[0]!)) return { index: match.index, guard: args };
  }
  return undefined;
}

/** Where a guard starts covering a file's registrations, and the text that names it (the `use(...)` or hook arguments). */
export interface GuardUse {
  index: number;
  guard: string;
}

/** The text between an opening parenthesis (just before `from`) and the one that closes it. */
function balancedArguments(source: string, from: number): string {
  let depth = 1;
  for (let index = from; index < source.length; index++) {
    const char = source[index];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return source.slice(from, index);
  }
  return source.slice(from);
}

/** `fastify.addHook('onRequest', fastify.authenticate)` in a plugin guards every route it registers, wherever the hook is added. */
function hookGuardAt(source: string): GuardUse | undefined {
  const hook = [...source.matchAll(/\baddHook\s*\(\s*['"](?:onRequest|preHandler|preValidation)['"]\s*,([^)]*)\)/g)].find((found) =>
    AUTH_MIDDLEWARE.test(found[1]!),
  );
  return hook ? { index: 0, guard: hook[1]! } : undefined;
}

const PREFIX_OPTION = /\bprefix\s*:\s*(['"`])([^'"`]*)\1/;

export const DIALECTS: Record<Exclude<Framework, 'nest'>, CallDialect> = {
  express: {
    // `const app = express()`, and the undeclared `expressApp = express()` sloppy-mode CommonJS allows.
    creates: /(?:(?:const|let|var)\s+|(?<![\w.$]))(\w+)\s*(?::[^=]+)?=\s*(?:express\s*\(\s*\)|(?:express\s*\.\s*)?Router\s*\()/g,
    typed: /\(\s*(\w+)\s*:\s*(?:express\.)?(?:Router|Express|Application)\b/g,
    names: ['app', 'router', 'api'],
    createdPrefix: () => undefined,
    mounts: (source) => mountsOf(USE_MOUNT, source),
    middleware: /^(express|cors|helmet|morgan|json|urlencoded)$/,
    guardAt: useGuardAt,
  },
  koa: {
    creates: /(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*new\s+(?:Koa|(?:Koa|Swagger)?Router)\s*(?:<[^>]*>)?\s*\(/g,
    typed: /\(\s*(\w+)\s*:\s*(?:Router|KoaRouter|Koa)\b/g,
    names: ['app', 'router', 'api'],
    createdPrefix: (statement) => PREFIX_OPTION.exec(statement)?.[2],
    mounts: (source) => mountsOf(USE_MOUNT, source),
    middleware: /^(bodyParser|bodyparser|koaBody|cors|helmet|logger|json|compress|serve|static)$/,
    guardAt: useGuardAt,
  },
  fastify: {
    creates: /(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*(?:await\s+)?(?:Fastify|fastify)\s*(?:<[^>]*>)?\s*\(/g,
    typed: /\(\s*(\w+)\s*:\s*(?:Fastify\w*Instance|FastifyInstance)\b/g,
    names: ['app', 'fastify', 'server', 'instance', 'f'],
    createdPrefix: () => undefined,
    mounts: (source) => [
      ...autoloadMounts(source),
      ...mountsOf(FASTIFY_REGISTER, source).filter((mount) => !new RegExp(`^${AUTOLOAD_NAME}$`).test(mount.target ?? '')),
    ],
    middleware:
      /^(cors|helmet|sensible|swagger|swaggerUi|fastifyCors|fastifyHelmet|fastifySensible|fastifySwagger|fastifySwaggerUi|fp|jwt|fastifyJwt|formbody|multipart|rateLimit|cookie)$/,
    guardAt: hookGuardAt,
  },
  hono: {
    creates: /(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*new\s+(?:OpenAPI)?Hono\s*(?:<[^>]*>)?\s*\(/g,
    typed: /\(\s*(\w+)\s*:\s*(?:OpenAPI)?Hono\b/g,
    names: ['app', 'api', 'router'],
    createdPrefix: (statement) => /\.\s*basePath\s*\(\s*(['"`])([^'"`]*)\1/.exec(statement)?.[2],
    mounts: (source) => mountsOf(HONO_ROUTE, source),
    middleware: /^$/,
    guardAt: useGuardAt,
  },
};
