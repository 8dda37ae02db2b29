import type { SourceFiles } from '../files.ts';
import { joinPath, uniqueRoutes, type HttpMethod, type Route, type RouteScan } from './route.ts';
import { AUTH_MIDDLEWARE, handlerHints, stripComments, unescape } from './source.ts';

const CONTROLLER = /@Controller\s*\(\s*(?:(['"`])((?:\\.|(?!\1)[^\\])*)\1|\{[^}]*?\bpath\s*:\s*(['"`])((?:\\.|(?!\3)[^\\])*)\3[^}]*\})?\s*\)/g;
const METHOD = /@(Get|Post|Put|Patch|Delete)\s*\(\s*(?:(['"`])((?:\\.|(?!\2)[^\\])*)\2)?\s*\)/g;
const USE_GUARDS = /@UseGuards\s*\(([^)]*(?:\([^)]*\))?[^)]*)\)/;

/**
 * NestJS routes from its decorators: `@Controller('users')` classes and their `@Get(':id')` methods,
 * below the global prefix main.ts sets. Nest answers POST with 201 unless `@HttpCode` says otherwise.
 */
export function scanNestRoutes(sources: SourceFiles, globalPrefix = ''): RouteScan {
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
      scan.routes.push(...methodsOf(file, body, base, classGuarded, scan));
    });
  }
  scan.routes = uniqueRoutes(scan.routes);
  return scan;
}

function methodsOf(file: string, body: string, base: string, classGuarded: boolean, scan: RouteScan): Route[] {
  const methods = [...body.matchAll(METHOD)];
  return methods.map((match, i) => {
    const method = match[1]!.toLowerCase() as HttpMethod;
    if (match[2] === '`' && match[3]!.includes('${')) scan.skipped.push(`${file}: @${match[1]}(\`${match[3]}\`) is computed at run time`);
    // Decorators above the method belong to it too: they sit between the previous method's body and this one.
    const from = i === 0 ? match.index : body.lastIndexOf('}', match.index);
    const handler = body.slice(Math.max(from, 0), methods[i + 1]?.index ?? body.length);
    const hints = handlerHints(handler);
    const explicit = /@HttpCode\s*\(/.test(handler);
    const statuses = method === 'post' && !explicit ? [...new Set([...hints.statuses, 201])].sort() : hints.statuses;
    const guarded = classGuarded || guards(handler.slice(0, handler.search(/\)\s*\{/) + 1 || undefined));
    return { method, path: joinPath(base, unescape(match[3] ?? '')), file, ...hints, statuses, ...(guarded ? { guarded } : {}) };
  });
}

function guards(decorators: string): boolean {
  const used = USE_GUARDS.exec(decorators)?.[1];
  return Boolean(used && (AUTH_MIDDLEWARE.test(used) || /Guard\b/.test(used)));
}

/** `app.setGlobalPrefix('api')` in the file that bootstraps Nest. */
export function nestGlobalPrefix(bootstrap: string): string | undefined {
  return /\.setGlobalPrefix\s*\(\s*(['"`])([^'"`]*)\1/.exec(bootstrap)?.[2];
}
