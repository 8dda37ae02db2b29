import path from 'node:path';
import { directoryEntries, readText } from '../files.ts';
import type { PathAlias } from '../path-aliases.ts';
import type { CallDialect, Mount } from './dialects.ts';
import { HTTP_METHODS, joinPath, uniqueRoutes, type HttpMethod, type RouteScan } from './route.ts';
import { referencedHandler, type HandlerSource } from './handler-source.ts';
import { handlerFacts } from './handler-facts.ts';
import { checkedCredential, checkingMiddleware, guardCredential, guardWith, type Credential, type Guard } from '../auth/guard-credential.ts';
import {
  AUTH_MIDDLEWARE,
  handlerHints,
  linesOfBlock,
  resolveImport,
  resolveSpecifier,
  scannedProject,
  stripComments,
  unescape,
  type Project,
  type ScannedProject,
} from './source.ts';

/** `x.get('/p'`, type arguments allowed: `fastify.get<{ Params: { id: string } }>('/:id'`. */
const ROUTE_CALL = /\b(\w+)\s*\.\s*(get|post|put|patch|delete)\s*(?:<(?:[^<>()]|<(?:[^<>()]|<[^<>()]*>)*>)*>)?\s*\(\s*(['"`])((?:\\.|(?!\3)[^\\])*)\3/g;
const ROUTE_CHAIN = /\b(\w+)\s*\.\s*route\s*\(\s*(['"`])((?:\\.|(?!\2)[^\\])*)\2\s*\)((?:\s*\.\s*(?:get|post|put|patch|delete|all)\s*\([\s\S]*?\)\s*)+)/g;
/** Fastify's `app.route({ method: 'GET', url: '/x', handler })`. */
const ROUTE_OBJECT = /\b(\w+)\s*\.\s*route\s*\(\s*\{/g;

/**
 * Lists routes by reading source, for frameworks that register them with calls
 * (`app.get('/x', h)`, `router.post(...)`): Express, Fastify, Koa with @koa/router, Hono.
 * Mounts (`app.use('/p', router)`, `register(plugin, { prefix })`, `router.use('/p', sub.routes())`,
 * `app.route('/p', sub)`) are followed across imports. The framework's own view at run time
 * (support/app-routes) completes it; this is what the kit can know before anything is installed.
 */
export function scanCallRoutes(dialect: CallDialect, root: string, appFile: string, aliases: readonly PathAlias[] = []): RouteScan {
  const scan: RouteScan = { routes: [], skipped: [], opaqueMounts: [] };
  visit(dialect, scannedProject(root, aliases), appFile, '', scan, new Set(), 0, undefined);
  scan.routes = uniqueRoutes(scan.routes);
  return scan;
}

function visit(
  dialect: CallDialect,
  project: ScannedProject,
  file: string,
  prefix: string,
  scan: RouteScan,
  stack: Set<string>,
  depth: number,
  behindGuard: Guard | undefined,
): void {
  if (stack.has(file) || depth > 6) return;
  stack.add(file);
  const source = project.read(file);
  const receivers = receiverPrefixes(dialect, source);
  // A router created in this file and mounted here (`app.use('/order', router)`): its routes take the mount's path.
  const mounts = dialect.mounts(source);
  const localMounts = new Set<Mount>();
  for (const mount of mounts) {
    const target = mount.target;
    if (!target || mount.specifier || target === mount.receiver || !receivers.has(target) || !receivers.has(mount.receiver)) continue;
    if (resolveImport(project, file, source, target)) continue;
    receivers.set(target, joinPath(joinPath(receivers.get(mount.receiver)!, unescape(mount.path)), receivers.get(target)!));
    localMounts.add(mount);
  }
  const at = (receiver: string, path: string) => joinPath(joinPath(prefix, receivers.get(receiver) ?? ''), path);
  const found: { index: number; method: HttpMethod; path: string }[] = [];

  for (const match of source.matchAll(ROUTE_CALL)) {
    const [, receiver, method, quote, raw] = match;
    if (!receivers.has(receiver!)) continue;
    if (quote === '`' && raw!.includes('${')) {
      scan.skipped.push(`${file}: ${method!.toUpperCase()} \`${raw}\` is computed at run time`);
      continue;
    }
    found.push({ index: match.index, method: method as HttpMethod, path: at(receiver!, unescape(raw!)) });
  }
  for (const match of source.matchAll(ROUTE_CHAIN)) {
    if (!receivers.has(match[1]!)) continue;
    for (const call of match[4]!.matchAll(/\.\s*(get|post|put|patch|delete)\s*\(/g)) {
      found.push({ index: match.index + match[0].indexOf(call[0]), method: call[1] as HttpMethod, path: at(match[1]!, unescape(match[3]!)) });
    }
  }
  for (const match of source.matchAll(ROUTE_OBJECT)) {
    if (!receivers.has(match[1]!)) continue;
    const options = source.slice(match.index, match.index + 600);
    const url = /\b(?:url|path)\s*:\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/.exec(options)?.[2];
    const methods = /\bmethod\s*:\s*(\[[^\]]*\]|['"]\w+['"])/.exec(options)?.[1];
    if (url === undefined || !methods) continue;
    for (const method of methods.matchAll(/['"](\w+)['"]/g)) {
      const lower = method[1]!.toLowerCase() as HttpMethod;
      if (HTTP_METHODS.includes(lower)) found.push({ index: match.index, method: lower, path: at(match[1]!, unescape(url)) });
    }
  }
  found.sort((a, b) => a.index - b.index);
  // An auth middleware used with no path: whatever comes after it needs a credential, an unknown path too where the app uses it.
  const guardUse = dialect.guardAt(source, receivers);
  const guardAt = guardUse?.index;
  const fileGuard: Guard | undefined = guardUse ? guardWith(guardCredential(project, file, source, guardUse.guard)) : undefined;
  if (depth === 0 && guardAt !== undefined) scan.guardsUnknown = true;
  found.forEach((route, i) => {
    const handler = source.slice(route.index, found[i + 1]?.index ?? source.length);
    // The registration's arguments: up to the inline handler, or to the end of the call.
    const end = handler.search(/=>|function\s*\(|\)\s*;?\s*(?:\n|$)/);
    const args = end === -1 ? handler : handler.slice(0, end);
    // A middleware named like a guard, or any whose code refuses a request without a header.
    const checking = AUTH_MIDDLEWARE.test(args) ? guardCredential(project, file, source, args) : checkingMiddleware(project, file, source, args);
    const ownGuard = AUTH_MIDDLEWARE.test(args) || checking ? guardWith(checking) : undefined;
    const guard = ownGuard ?? behindGuard ?? (guardAt !== undefined && route.index >= guardAt ? fileGuard : undefined);
    // A handler named rather than written inline (`authors.postAuthor`): its own source says what it answers.
    const inline = end !== -1 && !/^\)/.test(handler.slice(end));
    const own: HandlerSource = (inline ? undefined : referencedHandler(project, file, source, args)) ?? { file, source, body: handler };
    const hints = { ...handlerHints(own.body === handler ? handler : `${handler}\n${own.body}`), ...handlerFacts(project, own, args) };
    if (validatesBody(source, args) && !hints.statuses.includes(400)) hints.statuses = [...hints.statuses, 400].sort();
    // A guard in front of the handler comes first; a check inside it is what a request meets when there is none.
    const credential = guard?.credential ?? hints.credential;
    const lines =
      own.body === handler
        ? linesOfBlock(source, route.index)
        : linesOfBlock(own.source, own.source.indexOf(own.body) + Math.max(own.body.search(/\S/), 0), '{');
    scan.routes.push({
      method: route.method,
      path: route.path,
      file,
      ...hints,
      ...(guard ? { guarded: true } : {}),
      ...(credential ? { credential } : {}),
      handler: { file: own.file, ...lines },
    });
  });

  for (const mount of mounts) {
    if (!receivers.has(mount.receiver) || (mount.target && dialect.middleware.test(mount.target)) || localMounts.has(mount)) continue;
    if (mount.dir) {
      const mountPath = at(mount.receiver, unescape(mount.path));
      for (const plugin of autoloadedPlugins(project.root, path.posix.join(path.posix.dirname(file), mount.dir))) {
        const before = scan.routes.length;
        visit(
          dialect,
          project,
          plugin.file,
          joinPath(mountPath, plugin.prefix),
          scan,
          stack,
          depth + 1,
          behindGuard ?? (guardAt !== undefined && (mount.index ?? 0) >= guardAt ? fileGuard : undefined),
        );
        const hook = plugin.guard;
        const exempt = hook?.exempt.map((url) => (url.startsWith(mountPath) ? url : joinPath(mountPath, url)));
        if (hook && exempt) {
          for (const route of scan.routes.slice(before)) {
            if (exempt.some((url) => route.path.startsWith(url))) continue;
            route.guarded = true;
            if (hook.credential && !route.credential) route.credential = hook.credential;
          }
        }
      }
      continue;
    }
    const imported = mountedFile(project, file, source, mount);
    const mountPath = at(mount.receiver, unescape(mount.path));
    // `app.use('/notes', requireAuth, notes)`: the mount's own middleware guards what it mounts.
    const mountGuard =
      mount.middleware && AUTH_MIDDLEWARE.test(mount.middleware) ? guardWith(guardCredential(project, file, source, mount.middleware)) : undefined;
    const mountedBehindGuard = behindGuard ?? mountGuard ?? (guardAt !== undefined && (mount.index ?? 0) >= guardAt ? fileGuard : undefined);
    if (imported) visit(dialect, project, imported, mountPath, scan, stack, depth + 1, mountedBehindGuard);
    else if (mount.path) {
      scan.skipped.push(`${file}: routes mounted at ${mountPath} come from ${mount.target ?? mount.specifier}, which the scan could not follow`);
      scan.opaqueMounts.push(mountPath);
    }
  }
  stack.delete(file);
}

/**
 * Fastify answers 400 itself when a route's `schema.body` rejects the request:
 * `{ schema: { body: ... } }` inline, or `{ schema: createUser }` declared in the same file with a body.
 */
function validatesBody(source: string, args: string): boolean {
  const schema = /\bschema\s*:\s*(\{[\s\S]{0,300}|\w+)/.exec(args)?.[1] ?? (/[{,]\s*schema\s*[,}]/.test(args) ? 'schema' : undefined);
  if (!schema) return false;
  if (schema.startsWith('{')) return /\bbody\s*:/.test(schema);
  const declared = new RegExp(`(?:const|let|var)\\s+${schema}\\b[^=]*=\\s*\\{([\\s\\S]{0,400})`).exec(source)?.[1];
  return Boolean(declared && /\bbody\s*:/.test(declared));
}

/** An autohooks file's authentication check, and the URLs it lets through (`if (request.url.startsWith('/api/auth/login')) return`). */
interface HookGuard {
  exempt: string[];
  credential?: Credential;
}

/**
 * The plugins @fastify/autoload finds in a folder and the prefix each gets: its folders below the
 * loaded one (`_id` becomes `:id`). autohooks files are hooks, not routes: one that checks
 * authentication guards the plugins of its folder and the folders below it.
 */
function autoloadedPlugins(root: string, dir: string, prefix = '', inherited?: HookGuard): { file: string; prefix: string; guard?: HookGuard }[] {
  const entries = directoryEntries(root, dir).sort((a, b) => a.name.localeCompare(b.name));
  const hooks = entries.find((entry) => !entry.isDirectory() && /^autohooks\.(?:[cm]?js|[cm]?ts)$/.test(entry.name));
  const hooksFile = hooks && path.posix.join(dir, hooks.name);
  const guard = (hooksFile ? hookGuard(readText(root, hooksFile), hooksFile) : undefined) ?? inherited;
  return entries.flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return autoloadedPlugins(root, file, `${prefix}/${entry.name.replace(/^_(?!_)/, ':')}`, guard);
    if (!/\.(?:[cm]?js|[cm]?ts)$/.test(entry.name) || /\.d\.[cm]?ts$|\.(?:test|spec)\./.test(entry.name) || entry === hooks) return [];
    return [{ file, prefix, ...(guard ? { guard } : {}) }];
  });
}

function hookGuard(source: string, file: string): HookGuard | undefined {
  const hook = /\baddHook\s*\(\s*['"](?:onRequest|preHandler|preValidation)['"]\s*,([\s\S]*)/.exec(stripComments(source))?.[1];
  if (!hook || !(AUTH_MIDDLEWARE.test(hook) || /\bunauthorized\s*\(|\b(?:code|status)\s*\(\s*40[13]\s*\)|\b40[13]\b/.test(hook))) return undefined;
  const exempt = [...hook.matchAll(/\burl\s*(?:\.\s*startsWith\s*\(|===?)\s*(['"`])([^'"`]+)\1/g)].map((match) => match[2]!);
  const credential = checkedCredential(hook, file);
  return { exempt, ...(credential ? { credential } : {}) };
}

function mountedFile(project: Project, file: string, source: string, mount: Mount): string | undefined {
  if (mount.specifier) return resolveSpecifier(project, file, mount.specifier);
  // A router declared in this file (Koa's `api.use('/users', users.routes())`) is this file again: its routes are already read.
  return mount.target ? resolveImport(project, file, source, mount.target) : undefined;
}

/** The names routes are registered on in this file, each with the prefix it was created with (Koa, Hono). */
function receiverPrefixes(dialect: CallDialect, source: string): Map<string, string> {
  const receivers = new Map(dialect.names.map((name) => [name, '']));
  for (const match of source.matchAll(dialect.creates)) {
    const statement = source.slice(match.index, source.indexOf(';', match.index) === -1 ? undefined : source.indexOf(';', match.index));
    receivers.set(match[1]!, dialect.createdPrefix(statement) ?? '');
  }
  for (const match of source.matchAll(dialect.typed)) if (!receivers.has(match[1]!)) receivers.set(match[1]!, '');
  return receivers;
}
