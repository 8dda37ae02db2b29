import type { SourceFiles } from '../files.ts';
import { joinPath, uniqueRoutes, type HttpMethod, type Route, type RouteScan } from './route.ts';
import { nestDtoBody, validatesBodies } from './nest-dto.ts';
import { AUTH_MIDDLEWARE, handlerHints, linesOfBlock, resolveImport, scannedProject, stripComments, unescape, type ScannedProject } from './source.ts';
import { handlerFacts } from './handler-facts.ts';
import { checkedCredential, type Guard } from '../auth/guard-credential.ts';

const CONTROLLER = /@Controller\s*\(\s*(?:(['"`])((?:\\.|(?!\1)[^\\])*)\1|\{[^}]*?\bpath\s*:\s*(['"`])((?:\\.|(?!\3)[^\\])*)\3[^}]*\})?\s*\)/g;
const METHOD = /@(Get|Post|Put|Patch|Delete)\s*\(\s*(?:(['"`])((?:\\.|(?!\2)[^\\])*)\2)?\s*\)/g;
const USE_GUARDS = /@UseGuards\s*\(([^)]*(?:\([^)]*\))?[^)]*)\)/;

/** What main.ts sets for every route: the global prefix, and the global ValidationPipe that checks bodies. */
export interface NestBootstrap {
  globalPrefix?: string;
  /** `new ValidationPipe({ whitelist: true })`, where its options are literals (the harness sets the same pipe up). */
  validationPipe?: string;
}

/**
 * NestJS routes from its decorators: `@Controller('users')` classes and their `@Get(':id')` methods,
 * below the global prefix main.ts sets. Nest answers POST with 201 unless `@HttpCode` says otherwise;
 * a `@Body()` DTO names the request's fields, and under a ValidationPipe a body missing one is a 400.
 */
export function scanNestRoutes(sources: SourceFiles, bootstrap: NestBootstrap = {}, project: ScannedProject = scannedProject(sources.root, [])): RouteScan {
  const globalPrefix = bootstrap.globalPrefix ?? '';
  const scan: RouteScan = { routes: [], skipped: [], opaqueMounts: [] };
  for (const file of sources.files.filter((name) => !/\.(spec|test)\.[cm]?[jt]s$/.test(name))) {
    const source = stripComments(sources.read(file));
    const controllers = [...source.matchAll(CONTROLLER)];
    controllers.forEach((controller, i) => {
      const body = source.slice(controller.index, controllers[i + 1]?.index ?? source.length);
      const base = joinPath(joinPath('/', globalPrefix), unescape(controller[2] ?? controller[4] ?? ''));
      // Guards on the class (between @Controller and the first method) cover every route.
      const firstMethod = body.search(METHOD);
      const classGuard = guardOf(project, file, source, body.slice(0, firstMethod === -1 ? undefined : firstMethod));
      const dto = (handler: string): Pick<Route, 'requestBody' | 'statuses'> | undefined => {
        const found = nestDtoBody(project, file, source, handler);
        if (!found) return undefined;
        const refused = found.validated && (Boolean(bootstrap.validationPipe) || validatesBodies(handler));
        return { requestBody: found.body, statuses: refused ? [400] : [] };
      };
      const guard = (decorators: string) => guardOf(project, file, source, decorators);
      const facts = (handler: string) => nestHandlerFacts(project, file, source, handler);
      const at = (offset: number) => linesOfBlock(source, controller.index + offset, '{');
      scan.routes.push(...methodsOf(file, body, base, classGuard, scan, { dto, guard, facts, at }));
    });
  }
  scan.routes = uniqueRoutes(scan.routes);
  return scan;
}

/** What a controller's scan reads from each handler's text: its DTO, its own guard, what its code says. */
interface HandlerReaders {
  dto: (handler: string) => Pick<Route, 'requestBody' | 'statuses'> | undefined;
  guard: (decorators: string) => Guard | undefined;
  facts: (handler: string) => Pick<Route, 'requestBody' | 'successBody' | 'readsUser'>;
  /** The lines from a decorator at this offset of the controller to the end of its method's body. */
  at: (offset: number) => { from: number; to: number };
}

function methodsOf(file: string, body: string, base: string, classGuard: Guard | undefined, scan: RouteScan, read: HandlerReaders): Route[] {
  const methods = [...body.matchAll(METHOD)];
  return methods.map((match, i) => {
    const method = match[1]!.toLowerCase() as HttpMethod;
    if (match[2] === '`' && match[3]!.includes('${')) scan.skipped.push(`${file}: @${match[1]}(\`${match[3]}\`) is computed at run time`);
    // Decorators above the method belong to it too: they sit between the previous method's body and this one.
    const from = i === 0 ? match.index : body.lastIndexOf('}', match.index);
    const handler = body.slice(Math.max(from, 0), methods[i + 1]?.index ?? body.length);
    const hints = handlerHints(handler);
    const explicit = /@HttpCode\s*\(/.test(handler);
    const signature = handler.slice(0, handler.search(/\)\s*(?::[^{]*)?\{/) + 1 || undefined);
    const request = method === 'get' || method === 'delete' ? undefined : read.dto(signature);
    const statuses = [...new Set([...hints.statuses, ...(method === 'post' && !explicit ? [201] : []), ...(request?.statuses ?? [])])].sort();
    const guard = read.guard(signature) ?? classGuard;
    const facts = read.facts(handler);
    const requestBody = request?.requestBody ?? facts.requestBody;
    const credential = guard?.credential;
    return {
      method,
      path: joinPath(base, unescape(match[3] ?? '')),
      file,
      ...hints,
      statuses,
      ...(requestBody ? { requestBody } : {}),
      ...(facts.successBody ? { successBody: facts.successBody } : {}),
      ...(facts.readsUser ? { readsUser: true } : {}),
      ...(guard ? { guarded: true } : {}),
      ...(credential ? { credential } : {}),
      // From the route's decorator to the brace that closes the method's body (the first brace after its parameters).
      handler: { file, from: read.at(match.index).from, to: read.at(Math.max(from, 0) + signature.length).to },
    };
  });
}

/** `@UseGuards(AuthGuard)`: a guard, and what its class's code checks (`canActivate`), followed to its module. */
function guardOf(project: ScannedProject, file: string, source: string, decorators: string): Guard | undefined {
  const used = USE_GUARDS.exec(decorators)?.[1];
  if (!used || !(AUTH_MIDDLEWARE.test(used) || /Guard\b/.test(used))) return undefined;
  const name = /\b([A-Z]\w*)\b/.exec(used)?.[1];
  const imported = name ? resolveImport(project, file, source, name) : undefined;
  const text = imported ? project.read(imported) : undefined;
  const credential = text ? checkedCredential(text, imported!) : undefined;
  return credential ? { credential } : { credential: { unknown: `${used.trim()} (${imported ?? file}) checks something the kit cannot send` } };
}

/**
 * What a handler's own code says, read as an Express handler's would be: its `@Body()` parameter is
 * what `req.body` is there (`const { email, password } = body`), its `@Req()` one what `req` is.
 */
function nestHandlerFacts(project: ScannedProject, file: string, source: string, handler: string): Pick<Route, 'requestBody' | 'successBody' | 'readsUser'> {
  const bodyParam = /@Body\s*\(\s*\)\s*(\w+)/.exec(handler)?.[1];
  const requestParam = /@(?:Req|Request)\s*\(\s*\)\s*(\w+)/.exec(handler)?.[1];
  let text = handler;
  if (bodyParam) text = text.replace(new RegExp(`(?<![\\w.])${bodyParam}\\b(?!\\s*:)`, 'g'), 'req.body');
  if (requestParam && requestParam !== 'req') text = text.replace(new RegExp(`(?<![\\w.])${requestParam}\\b(?!\\s*:)`, 'g'), 'req');
  const { requestBody, successBody, readsUser } = handlerFacts(project, { file, source, body: text });
  return { ...(requestBody ? { requestBody } : {}), ...(successBody ? { successBody } : {}), ...(readsUser ? { readsUser } : {}) };
}

/** `app.setGlobalPrefix('api')` and `app.useGlobalPipes(new ValidationPipe())` in the file that bootstraps Nest. */
export function nestBootstrap(bootstrap: string): NestBootstrap {
  const globalPrefix = /\.setGlobalPrefix\s*\(\s*(['"`])([^'"`]*)\1/.exec(bootstrap)?.[2];
  // Only a pipe whose options are literals can be set up the same way in the harness; other pipes the team adds in app.ts.
  const validationPipe = /\.useGlobalPipes\s*\(\s*(new\s+ValidationPipe\s*\(\s*(?:\{[\w\s:,'"]*\})?\s*\))\s*\)/.exec(bootstrap)?.[1];
  return { ...(globalPrefix !== undefined ? { globalPrefix } : {}), ...(validationPipe ? { validationPipe } : {}) };
}
