import path from 'node:path';
import { isFile } from '../files.ts';
import { resolveAlias, type PathAlias } from '../path-aliases.ts';
import type { Route } from './route.ts';

/** What following imports needs: the project root and its tsconfig path aliases. */
export interface Project {
  root: string;
  aliases: readonly PathAlias[];
}

/** Names that authentication middleware and guards go by. */
export const AUTH_MIDDLEWARE =
  /\b(?:auth|authenticate\w*|auth(?:Middleware|Guard|Required|enticated)|requireAuth\w*|requireUser|requireLogin|isAuthenticated|ensureAuthenticated|ensureLoggedIn|verifyToken|verifyJwt|checkJwt|jwtAuth|protect|protectRoute|passport\s*\.\s*authenticate|JwtAuthGuard|AuthGuard|bearerAuth|jwt)\b/;

/** The file an imported name comes from, following relative imports and tsconfig paths. */
export function resolveImport(project: Project, from: string, source: string, name: string): string | undefined {
  const specifier =
    new RegExp(`import\\s+(?:\\{[^}]*\\b(?:\\w+\\s+as\\s+)?${name}\\b[^}]*\\}|${name})[^'"]*from\\s*['"]([^'"]+)['"]`).exec(source)?.[1] ??
    new RegExp(`(?:const|let|var)\\s+(?:\\{[^}]*\\b${name}\\b[^}]*\\}|${name})\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`).exec(source)?.[1];
  return specifier ? resolveSpecifier(project, from, specifier) : undefined;
}

/** `./routes/users.js` from `src/app.ts` → `src/routes/users.ts`, when that file exists. */
export function resolveSpecifier(project: Project, from: string, specifier: string): string | undefined {
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

/**
 * Status codes the handler's source mentions, in each framework's idiom:
 * res.status(404) / sendStatus, reply.code(201), ctx.status = 201, ctx.throw(400), c.json(body, 404),
 * c.notFound(), Nest's NotFoundException and @HttpCode(204).
 */
const STATUS_CALLS = [
  /\b(?:status|sendStatus|code|throw|HttpCode)\s*\(([^()]*)\)/g,
  /\bstatus\s*=(?!=)\s*([^;\n]*)/g,
  /\bc\s*\.\s*(?:json|text|body|html)\s*\((?:[^()]|\([^()]*\))*?,\s*([1-5]\d\d)\s*\)/g,
  /\bnew\s+HTTPException\s*\(\s*([1-5]\d\d)/g,
];
const NAMED_STATUSES: [RegExp, number][] = [
  [/\b(?:NotFoundException|notFound\s*\()/, 404],
  [/\b(?:BadRequestException|badRequest\s*\()/, 400],
  [/\b(?:UnauthorizedException|unauthorized\s*\()/, 401],
  [/\b(?:ForbiddenException|forbidden\s*\()/, 403],
  [/\bConflictException\b/, 409],
];
const JSON_LITERALS = [/\bres\s*\.\s*json\s*\(\s*(\{[^{}()]*\})\s*\)/, /\breturn\s+(\{[^{}()]*\})\s*;?\s*\n/, /\bctx\s*\.\s*body\s*=\s*(\{[^{}()]*\})/, /\bc\s*\.\s*json\s*\(\s*(\{[^{}()]*\})\s*\)/, /\breply\s*\.\s*send\s*\(\s*(\{[^{}()]*\})\s*\)/];

/** What a handler's source says about its answers: the status codes it mentions and a literal JSON body. */
export function handlerHints(handler: string): Pick<Route, 'statuses' | 'jsonLiteral'> {
  const statuses = new Set<number>();
  for (const pattern of STATUS_CALLS) {
    for (const call of handler.matchAll(pattern)) {
      for (const code of call[1]!.matchAll(/\b[1-5]\d\d\b/g)) statuses.add(Number(code[0]));
    }
  }
  for (const [pattern, status] of NAMED_STATUSES) if (pattern.test(handler)) statuses.add(status);
  const literal = JSON_LITERALS.map((pattern) => pattern.exec(handler)?.[1]).find(Boolean);
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

export function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** A string literal's pattern: group 1 the quote, group 2 the raw text. */
export const STRING = String.raw`(['"\`])((?:\\.|(?!\1)[^\\])*)\1`;
