import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { isFile, readText, SourceFiles } from '../files.ts';
import { resolveAlias, type PathAlias } from '../path-aliases.ts';
import type { ErrorBody, Route } from './route.ts';

/** What following imports needs: the project root and its tsconfig path aliases. */
export interface Project {
  root: string;
  aliases: readonly PathAlias[];
}

/** A route scan's view of the project: each file's source, comments stripped, read once however many routes look at it. */
export interface ScannedProject extends Project {
  read(file: string): string;
  /** The project's source files (relative paths), listed once when a scan first needs to search them. */
  files(): string[];
}

export function scannedProject(root: string, aliases: readonly PathAlias[]): ScannedProject {
  const texts = new Map<string, string>();
  const sources = new SourceFiles(root);
  return {
    root,
    aliases,
    files: () => sources.files,
    read(file) {
      let text = texts.get(file);
      if (text === undefined) texts.set(file, (text = stripComments(readText(root, file))));
      return text;
    },
  };
}

/** Names that authentication middleware and guards go by. */
export const AUTH_MIDDLEWARE =
  /\b(?:auth|authenticate\w*|auth(?:Middleware|Guard|Required|enticated)|requireAuth\w*|requireUser|requireLogin|isAuthenticated|ensureAuthenticated|ensureLoggedIn|verifyToken|verifyJwt|checkJwt|jwtAuth|protect|protectRoute|passport\s*\.\s*authenticate|JwtAuthGuard|AuthGuard|bearerAuth|basicAuth|expressjwt|expressJwt|koaJwt|jwt)\b/;

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
    for (const candidate of [
      base,
      `${stem}.ts`,
      `${stem}.mts`,
      `${stem}.cts`,
      `${stem}.js`,
      `${stem}.mjs`,
      `${stem}.cjs`,
      `${stem}/index.ts`,
      `${stem}/index.js`,
    ]) {
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
/**
 * Statuses written as named constants: `HttpStatusCodes.NO_CONTENT` (stoker, http-status-codes),
 * `StatusCodes.CREATED`, Nest's `HttpStatus.CREATED`, by the reason phrase Node knows for each code.
 */
const STATUS_CONSTANT = /\b\w*(?:Status|STATUS)\w*\s*\.\s*([A-Z][A-Z0-9_]*)\b/g;
const STATUS_BY_NAME = new Map(Object.entries(STATUS_CODES).map(([code, phrase]) => [(phrase ?? '').toUpperCase().replace(/[^A-Z0-9]+/g, '_'), Number(code)]));
const JSON_LITERALS = [
  /\bres\s*\.\s*json\s*\(\s*(\{[^{}()]*\})\s*\)/,
  /\breturn\s+(\{[^{}()]*\})\s*;?\s*\n/,
  /\bctx\s*\.\s*body\s*=\s*(\{[^{}()]*\})/,
  /\bc\s*\.\s*json\s*\(\s*(\{[^{}()]*\})\s*\)/,
  /\breply\s*\.\s*send\s*\(\s*(\{[^{}()]*\})\s*\)/,
];

/**
 * Error bodies a handler spells out, per status: `res.status(404).json({...})`, `reply.code(404).send({...})`,
 * `c.json({...}, 404)`, `ctx.status = 404; ctx.body = {...}`, `ctx.throw(404, 'text')`, and the JSON
 * Nest's NotFoundException / BadRequestException answer with. The first one per status wins.
 */
function errorBodies(handler: string): Partial<Record<number, ErrorBody>> {
  const bodies: Partial<Record<number, ErrorBody>> = {};
  const add = (status: number, body: ErrorBody | undefined) => {
    if (body && status >= 400 && !(status in bodies)) bodies[status] = body;
  };
  const json = (literal: string): ErrorBody | undefined => {
    const keys = objectKeys(literal);
    return keys ? { json: keys } : undefined;
  };
  for (const m of handler.matchAll(/\b(?:status|code)\s*\(\s*([1-5]\d\d)\s*\)\s*\.\s*(?:json|send)\s*\(\s*(\{[^{}]*\})/g)) add(Number(m[1]), json(m[2]!));
  for (const m of handler.matchAll(/\bc\s*\.\s*json\s*\(\s*(\{[^{}]*\})\s*,\s*([1-5]\d\d)\s*\)/g)) add(Number(m[2]), json(m[1]!));
  for (const m of handler.matchAll(/\bctx\s*\.\s*status\s*=\s*([1-5]\d\d)\s*;?\s*ctx\s*\.\s*body\s*=\s*(\{[^{}]*\})/g)) add(Number(m[1]), json(m[2]!));
  for (const m of handler.matchAll(/\bctx\s*\.\s*throw\s*\(\s*([1-5]\d\d)\s*,\s*(['"])([^'"\\]*)\2\s*\)/g)) add(Number(m[1]), { text: m[3]! });
  if (/\bnew\s+NotFoundException\s*\(/.test(handler)) add(404, { json: { statusCode: 'number', message: 'any' } });
  if (/\bnew\s+BadRequestException\s*\(/.test(handler)) add(400, { json: { statusCode: 'number', message: 'any' } });
  return bodies;
}

/** `{ error: 'not found', code: 42, detail }` → { error: 'string', code: 'number', detail: 'any' }; undefined when it is not that simple. */
function objectKeys(literal: string): Record<string, 'string' | 'number' | 'any'> | undefined {
  const body = literal.slice(1, -1).trim();
  if (!body || /[[(]/.test(body)) return undefined;
  const keys: Record<string, 'string' | 'number' | 'any'> = {};
  const parsed = objectEntries(body);
  if (!parsed) return undefined;
  for (const { key, value = '' } of parsed) {
    keys[key] = /^(['"`])[^]*\1$/.test(value) ? 'string' : /^-?\d+(\.\d+)?$/.test(value) ? 'number' : 'any';
  }
  return keys;
}

/** What a handler's source says about its answers: the status codes it mentions, a literal JSON body, the error bodies it spells out. */
export function handlerHints(handler: string): Pick<Route, 'statuses' | 'jsonLiteral' | 'errorBodies' | 'headers'> {
  const statuses = new Set<number>();
  for (const pattern of STATUS_CALLS) {
    for (const call of handler.matchAll(pattern)) {
      for (const code of call[1]!.matchAll(/\b[1-5]\d\d\b/g)) statuses.add(Number(code[0]));
    }
  }
  for (const [pattern, status] of NAMED_STATUSES) if (pattern.test(handler)) statuses.add(status);
  for (const constant of handler.matchAll(STATUS_CONSTANT)) {
    const status = STATUS_BY_NAME.get(constant[1]!);
    if (status) statuses.add(status);
  }
  const literal = JSON_LITERALS.map((pattern) => pattern.exec(handler)?.[1]).find(Boolean);
  const jsonLiteral = literal ? parseSimpleObject(literal) : undefined;
  const errors = errorBodies(handler);
  const headers = literalHeaders(handler);
  return {
    statuses: [...statuses].sort(),
    ...(jsonLiteral ? { jsonLiteral } : {}),
    ...(Object.keys(errors).length ? { errorBodies: errors } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
  };
}

/**
 * Headers a handler sets to literal values, in each framework's idiom: res.set / res.setHeader /
 * res.header (Express), reply.header (Fastify), ctx.set (Koa), c.header (Hono), @Header (Nest).
 * Content-Type is left to the content-type assertions.
 */
function literalHeaders(handler: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of handler.matchAll(/(?:\.\s*(?:set|setHeader|header)|@Header)\s*\(\s*(['"])([\w-]+)\1\s*,\s*(['"])((?:(?!\3)[^\\])*)\3\s*\)/g)) {
    const name = match[2]!.toLowerCase();
    if (name !== 'content-type' && !(name in headers)) headers[name] = match[4]!;
  }
  return headers;
}

/** `{ status: 'ok', up: true }` without evaluating user code; anything else is not "simple". */
function parseSimpleObject(text: string): Record<string, string | number | boolean | null> | undefined {
  const body = text.slice(1, -1).trim();
  if (!body) return {};
  const result: Record<string, string | number | boolean | null> = {};
  for (const part of topLevelEntries(body)) {
    const match = /^(?:(\w+)|'([^']*)'|"([^"]*)")\s*:\s*(?:'([^'\\]*)'|"([^"\\]*)"|(-?\d+(?:\.\d+)?)|(true|false|null))$/.exec(part);
    if (!match) return undefined;
    const key = match[1] ?? match[2] ?? match[3]!;
    result[key] = match[4] ?? match[5] ?? (match[6] !== undefined ? Number(match[6]) : match[7] === 'null' ? null : match[7] === 'true');
  }
  return result;
}

/** `{ a: 1, 'b': x, c }`'s entries as key and value text (none for a shorthand); undefined when one is a spread or not `key: value`. */
export function objectEntries(body: string): { key: string; value?: string }[] | undefined {
  const result: { key: string; value?: string }[] = [];
  for (const part of topLevelEntries(body)) {
    const match = /^(?:(\w+)|'([^']*)'|"([^"]*)")\s*(?::\s*([\s\S]+))?$/.exec(part);
    if (!match) return undefined;
    result.push({ key: match[1] ?? match[2] ?? match[3]!, ...(match[4] !== undefined ? { value: match[4].trim() } : {}) });
  }
  return result;
}

/** An object or list body split on its top-level commas (nested brackets and strings kept whole). */
export function topLevelEntries(text: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' || char === "'" || char === '`') {
      const end = closingQuote(text, i);
      current += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if ('({['.includes(char)) depth++;
    else if (')}]'.includes(char)) depth--;
    if (char === ',' && depth === 0) {
      entries.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) entries.push(current.trim());
  return entries;
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === text[open]) return i;
  }
  return text.length - 1;
}

const CLOSING: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

/** The index of the bracket that closes the one at `open` (`{`, `(` or `[`), strings skipped. */
export function matchingBrace(source: string, open: number): number | undefined {
  const opening = source[open]!;
  const closing = CLOSING[opening];
  if (!closing) return undefined;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const char = source[i]!;
    if (char === '"' || char === "'" || char === '`') {
      i = closingQuote(source, i);
      continue;
    }
    if (char === opening) depth++;
    else if (char === closing && --depth === 0) return i;
  }
  return undefined;
}

export function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

/** The source without comments; a block comment leaves its line breaks, so offsets still fall on the same lines. */
export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, '')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** A string literal's pattern: group 1 the quote, group 2 the raw text. */
export const STRING = String.raw`(['"\`])((?:\\.|(?!\1)[^\\])*)\1`;

/** The 1-based line an offset of the source falls on. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** The lines from an offset to the bracket that closes the first one opened at or after it (a call's arguments, a body). */
export function linesOfBlock(source: string, from: number, opening = '('): { from: number; to: number } {
  const open = source.indexOf(opening, from);
  const close = open === -1 ? undefined : matchingBrace(source, open);
  return { from: lineAt(source, from), to: lineAt(source, close ?? source.length) };
}
