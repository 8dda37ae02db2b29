import type { SourceFiles } from '../files.ts';
import { joinPath, uniqueRoutes, type HttpMethod, type Route, type RouteScan } from './route.ts';
import { nestDtoBody, validatesBodies } from './nest-dto.ts';
import { AUTH_MIDDLEWARE, handlerHints, scannedProject, stripComments, unescape, type ScannedProject } from './source.ts';

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
      const classGuarded = guards(body.slice(0, firstMethod === -1 ? undefined : firstMethod));
      const dto = (handler: string): Pick<Route, 'requestBody' | 'statuses'> | undefined => {
        const found = nestDtoBody(project, file, source, handler);
        if (!found) return undefined;
        const refused = found.validated && (Boolean(bootstrap.validationPipe) || validatesBodies(handler));
        return { requestBody: found.body, statuses: refused ? [400] : [] };
      };
      scan.routes.push(...methodsOf(file, body, base, classGuarded, scan, dto));
    });
  }
  scan.routes = uniqueRoutes(scan.routes);
  return scan;
}

type DtoReader = (handler: string) => Pick<Route, 'requestBody' | 'statuses'> | undefined;

function methodsOf(file: string, body: string, base: string, classGuarded: boolean, scan: RouteScan, dto: DtoReader): Route[] {
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
    const request = method === 'get' || method === 'delete' ? undefined : dto(signature);
    const statuses = [...new Set([...hints.statuses, ...(method === 'post' && !explicit ? [201] : []), ...(request?.statuses ?? [])])].sort();
    const guarded = classGuarded || guards(signature);
    const requestBody = request?.requestBody;
    return { method, path: joinPath(base, unescape(match[3] ?? '')), file, ...hints, statuses, ...(requestBody ? { requestBody } : {}), ...(guarded ? { guarded } : {}) };
  });
}

function guards(decorators: string): boolean {
  const used = USE_GUARDS.exec(decorators)?.[1];
  return Boolean(used && (AUTH_MIDDLEWARE.test(used) || /Guard\b/.test(used)));
}

/** `app.setGlobalPrefix('api')` and `app.useGlobalPipes(new ValidationPipe())` in the file that bootstraps Nest. */
export function nestBootstrap(bootstrap: string): NestBootstrap {
  const globalPrefix = /\.setGlobalPrefix\s*\(\s*(['"`])([^'"`]*)\1/.exec(bootstrap)?.[2];
  // Only a pipe whose options are literals can be set up the same way in the harness; other pipes the team adds in app.ts.
  const validationPipe = /\.useGlobalPipes\s*\(\s*(new\s+ValidationPipe\s*\(\s*(?:\{[\w\s:,'"]*\})?\s*\))\s*\)/.exec(bootstrap)?.[1];
  return { ...(globalPrefix !== undefined ? { globalPrefix } : {}), ...(validationPipe ? { validationPipe } : {}) };
}
