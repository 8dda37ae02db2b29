import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { HTTP_METHODS, type HttpMethod } from './routes/route.ts';

/** One documented operation, with its path as the app spells it (base path included, `{id}` as `:id`). */
export interface OpenApiOperation {
  method: HttpMethod;
  path: string;
  /** The path as the document writes it, the key under `paths`. */
  specPath: string;
  /** The first 2xx status it documents, if any. */
  successStatus?: number;
  /** Every response key it documents: '200', '404', '4XX', 'default'. */
  statuses: string[];
}

export interface OpenApiDocument {
  /** Relative posix path of the document. */
  file: string;
  /** '2.0', '3.0.x' or '3.1.x'. */
  version: string;
  format: 'json' | 'yaml';
  /** The path prefix servers[0].url (or Swagger's basePath) puts before every path. */
  basePath: string;
  operations: OpenApiOperation[];
}

const NAME = /^(openapi|swagger|api[-_.]?spec|api[-_.]?docs?|api)\b[\w.-]*\.(ya?ml|json)$/i;
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', '.cache']);

/**
 * Finds the service's OpenAPI (or Swagger 2) document: a file named like openapi.yaml,
 * swagger.json or api-spec.yml within three folders of the root whose top level says
 * `openapi:` or `swagger:`. `--openapi <file>` names it when it is elsewhere.
 */
export function findOpenApiDocument(root: string, override?: string): OpenApiDocument | undefined {
  const candidates = override ? [override] : findCandidates(root, '', 0);
  for (const file of candidates) {
    const document = readDocument(root, file);
    if (document) return document;
  }
  return undefined;
}

function findCandidates(root: string, dir: string, depth: number): string[] {
  if (depth > 3) return [];
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const files = entries.filter((entry) => entry.isFile() && NAME.test(entry.name)).map((entry) => path.posix.join(dir, entry.name));
  const nested = entries.filter((entry) => entry.isDirectory() && !SKIP.has(entry.name) && !entry.name.startsWith('.')).flatMap((entry) => findCandidates(root, path.posix.join(dir, entry.name), depth + 1));
  return [...files.sort(), ...nested];
}

function readDocument(root: string, file: string): OpenApiDocument | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  const format = file.endsWith('.json') ? 'json' : 'yaml';
  let document: unknown;
  try {
    document = format === 'json' ? JSON.parse(text) : parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(document)) return undefined;
  const version = String(document.openapi ?? document.swagger ?? '');
  if (!/^(2\.0|3\.[01])/.test(version) || !isRecord(document.paths)) return undefined;
  const basePath = normaliseBase(version.startsWith('2') ? String(document.basePath ?? '') : serverPath(document.servers));
  const operations: OpenApiOperation[] = [];
  for (const [specPath, item] of Object.entries(document.paths)) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const statuses = Object.keys(isRecord(operation.responses) ? operation.responses : {});
      const success = statuses.map(Number).filter((status) => status >= 200 && status < 300).sort()[0];
      operations.push({ method, path: `${basePath}${specPath.replace(/\{([^}/]+)\}/g, ':$1')}`.replace(/\/+$/, '') || '/', specPath, ...(success ? { successStatus: success } : {}), statuses });
    }
  }
  return { file, version, format, basePath, operations };
}

/** `https://api.example.com/api/v1` or `/api/v1` → `/api/v1`; variables in the URL are not followed. */
function serverPath(servers: unknown): string {
  const url = Array.isArray(servers) && isRecord(servers[0]) && typeof servers[0].url === 'string' ? servers[0].url : '';
  if (!url || url.includes('{')) return '';
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return '';
  }
}

function normaliseBase(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed && !trimmed.startsWith('/') ? `/${trimmed}` : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the operation documents a response for this status (exactly, as `4XX`, or as `default`). */
export function documentsStatus(operation: OpenApiOperation, status: number): boolean {
  return operation.statuses.some((key) => key === String(status) || key.toUpperCase() === `${String(status)[0]}XX` || key === 'default');
}

/** `/users/:id`, `/users/{id}` and `/users/:userId` are one path: parameters compare equal whatever their names. */
export function pathShape(routePath: string): string {
  return routePath
    .replace(/\{[^}/]*\}/g, ':')
    .replace(/:\w+(\([^)]*\))?\??/g, ':')
    .replace(/\/+$/, '') || '/';
}
