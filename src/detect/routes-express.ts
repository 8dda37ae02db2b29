import path from 'node:path';
import { isFile, readText } from './files.ts';
import { resolveAlias, type PathAlias } from './path-aliases.ts';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Route {
  method: HttpMethod;
  /** Full path including mount prefixes, in the framework's syntax (`/users/:id`). */
  path: string;
  /** File that declares the handler. */
  file: string;
  /** Status codes the handler's source mentions (res.status(404), sendStatus(204)). */
  statuses: number[];
  /** The first literal object the handler sends with res.json({...}), when it is simple. */
  jsonLiteral?: Record<string, string | number | boolean | null>;
  /** Middleware that looks like authentication guards the route (`auth()`, `requireAuth`, `passport.authenticate`). */
  guarded?: boolean;
}

/** Names that authentication middleware goes by. */
const AUTH_MIDDLEWARE = /\b(?:auth|authenticate\w*|auth(?:Middleware|Guard|Required|enticated)|requireAuth\w*|requireUser|requireLogin|isAuthenticated|ensureAuthenticated|ensureLoggedIn|verifyToken|verifyJwt|checkJwt|jwtAuth|protect|protectRoute|passport\s*\.\s*authenticate)\b/;

/** `GET /users/:id`: how an endpoint is written in endpoints.json, the run-time cache and messages, and what identifies it. */
export function formatEndpoint(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** "POST /orders/:id" as a route from `file`, or undefined when it is not a method and a path. */
export function endpointFromText(text: string, file: string): Route | undefined {
  const [method = '', endpointPath = '', ...rest] = text.trim().split(/\s+/);
  const lower = method.toLowerCase() as HttpMethod;
  if (!HTTP_METHODS.includes(lower) || !endpointPath.startsWith('/') || rest.length) return undefined;
  return { method: lower, path: endpointPath, file, statuses: [] };
}

export interface RouteScan {
  routes: Route[];
  /** Registrations the scan saw but could not resolve (computed paths, unknown routers). */
  skipped: string[];
  /** Mount paths whose handlers the scan could not follow: they may answer any path below them. */
  opaqueMounts: string[];
}

const ROUTE_CALL = /\b(\w+)\s*\.\s*(get|post|put|patch|delete)\s*\(\s*(['"`])((?:\\.|(?!\3)[^\\])*)\3/g;
const ROUTE_CHAIN = /\b(\w+)\s*\.\s*route\s*\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2\s*\)((?:\s*\.\s*(?:get|post|put|patch|delete|all)\s*\([\s\S]*?\)\s*)+)/g;
const USE_CALL = /\b(\w+)\s*\.\s*use\s*\(\s*(?:(['"`])((?:\\.|(?!\2)[^\\])*)\2\s*,\s*)?(?:[\w.]+\s*,\s*)*?(\w+)\s*(\()?/g;

/**
 * Lists Express routes by reading source: registrations on the app or on routers,
 * with `app.use('/prefix', router)` prefixes followed across imports.
 * The runtime view comes later (issue 4); this is the fallback that needs no build.
 */
export function scanExpressRoutes(root: string, appFile: string, aliases: readonly PathAlias[] = []): RouteScan {
  const scan: RouteScan = { routes: [], skipped: [], opaqueMounts: [] };
  visit({ root, aliases }, appFile, '', scan, new Set(), 0);
  const seen = new Set<string>();
  scan.routes = scan.routes.filter((route) => {
    const key = formatEndpoint(route);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return scan;
}

/** What following imports needs: the project root and its tsconfig path aliases. */
interface Project {
  root: string;
  aliases: readonly PathAlias[];
}

function visit(project: Project, file: string, prefix: string, scan: RouteScan, stack: Set<string>, depth: number): void {
  if (stack.has(file) || depth > 6) return;
  stack.add(file);
  const source = stripComments(readText(project.root, file));
  const receivers = routerNames(source);
  const found: { index: number; method: HttpMethod; path: string }[] = [];

  for (const match of source.matchAll(ROUTE_CALL)) {
    const [, receiver, method, quote, raw] = match;
    if (!receivers.has(receiver!)) continue;
    if (quote === '`' && raw!.includes('${')) {
      scan.skipped.push(`${file}: ${method!.toUpperCase()} \`${raw}\` is computed at run time`);
      continue;
    }
    found.push({ index: match.index, method: method as HttpMethod, path: joinPath(prefix, unescape(raw!)) });
  }
  for (const match of source.matchAll(ROUTE_CHAIN)) {
    if (!receivers.has(match[1]!)) continue;
    for (const call of match[4]!.matchAll(/\.\s*(get|post|put|patch|delete)\s*\(/g)) {
      found.push({ index: match.index + match[0].indexOf(call[0]), method: call[1] as HttpMethod, path: joinPath(prefix, unescape(match[3]!)) });
    }
  }
  found.sort((a, b) => a.index - b.index);
  // router.use(auth) before a file's routes guards them all; otherwise the route's own arguments say.
  const routerGuard = [...source.matchAll(/\b(\w+)\s*\.\s*use\s*\(([^()]*(?:\([^()]*\))?[^()]*)\)/g)].some((use) => receivers.has(use[1]!) && !/['"`]/.test(use[2]!.split(',')[0]!) && AUTH_MIDDLEWARE.test(use[2]!));
  found.forEach((route, i) => {
    const handler = source.slice(route.index, found[i + 1]?.index ?? source.length);
    // The registration's arguments: up to the inline handler, or to the end of the call.
    const end = handler.search(/=>|function\s*\(|\)\s*;?\s*(?:\n|$)/);
    const args = end === -1 ? handler : handler.slice(0, end);
    const guarded = routerGuard || AUTH_MIDDLEWARE.test(args);
    scan.routes.push({ method: route.method, path: route.path, file, ...handlerHints(handler), ...(guarded ? { guarded } : {}) });
  });

  for (const match of source.matchAll(USE_CALL)) {
    const [, receiver, , mount = '', target] = match;
    if (!receivers.has(receiver!) || !target || /^(express|cors|helmet|morgan|json|urlencoded)$/.test(target)) continue;
    const imported = resolveImport(project, file, source, target);
    if (imported) visit(project, imported, joinPath(prefix, unescape(mount)), scan, stack, depth + 1);
    else if (mount) {
      scan.skipped.push(`${file}: routes mounted at ${joinPath(prefix, mount)} come from ${target}, which the scan could not follow`);
      scan.opaqueMounts.push(joinPath(prefix, unescape(mount)));
    }
  }
  stack.delete(file);
}

function routerNames(source: string): Set<string> {
  const names = new Set(['app', 'router', 'api']);
  for (const match of source.matchAll(/(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*(?:express\s*\(\s*\)|(?:express\s*\.\s*)?Router\s*\()/g)) names.add(match[1]!);
  for (const match of source.matchAll(/\(\s*(\w+)\s*:\s*(?:express\.)?(?:Router|Express|Application)\b/g)) names.add(match[1]!);
  return names;
}

function resolveImport(project: Project, from: string, source: string, name: string): string | undefined {
  const specifier =
    new RegExp(`import\\s+(?:\\{[^}]*\\b(?:\\w+\\s+as\\s+)?${name}\\b[^}]*\\}|${name})[^'"]*from\\s*['"]([^'"]+)['"]`).exec(source)?.[1] ??
    new RegExp(`(?:const|let|var)\\s+(?:\\{[^}]*\\b${name}\\b[^}]*\\}|${name})\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`).exec(source)?.[1];
  if (!specifier) return undefined;
  // Relative imports resolve from the importing file; `@/api/x` style ones through the tsconfig paths.
  const bases = specifier.startsWith('.') ? [path.posix.join(path.posix.dirname(from), specifier)] : (resolveAlias(specifier, project.aliases) ?? []);
  for (const base of bases) {
    const stem = base.replace(/\.[cm]?js$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.js`, `${stem}.mjs`, `${stem}.cjs`, `${stem}/index.ts`, `${stem}/index.js`]) {
      if (isFile(path.join(project.root, candidate))) return candidate;
    }
  }
  return undefined;
}

function handlerHints(handler: string): Pick<Route, 'statuses' | 'jsonLiteral'> {
  const statuses = new Set<number>();
  for (const call of handler.matchAll(/\b(?:status|sendStatus)\s*\(([^()]*)\)/g)) {
    for (const code of call[1]!.matchAll(/\b[1-5]\d\d\b/g)) statuses.add(Number(code[0]));
  }
  const literal = /\bres\s*\.\s*json\s*\(\s*(\{[^{}()]*\})\s*\)/.exec(handler)?.[1];
  const jsonLiteral = literal ? parseSimpleObject(literal) : undefined;
  return { statuses: [...statuses].sort(), ...(jsonLiteral ? { jsonLiteral } : {}) };
}

/** `{ status: 'ok', up: true }` without evaluating user code; anything else is not "simple". */
function parseSimpleObject(text: string): Record<string, string | number | boolean | null> | undefined {
  const body = text.slice(1, -1).trim();
  if (!body) return {};
  const result: Record<string, string | number | boolean | null> = {};
  for (const part of body.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(?:(\w+)|'([^']*)'|"([^"]*)")\s*:\s*(?:'([^'\\]*)'|"([^"\\]*)"|(-?\d+(?:\.\d+)?)|(true|false|null))$/.exec(part);
    if (!match) return undefined;
    const key = match[1] ?? match[2] ?? match[3]!;
    result[key] = match[4] ?? match[5] ?? (match[6] !== undefined ? Number(match[6]) : match[7] === 'null' ? null : match[7] === 'true');
  }
  return result;
}

function joinPath(prefix: string, route: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${route.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : '/';
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}
