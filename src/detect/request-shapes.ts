import { readCacheJson, writeCacheJson } from './cache-json.ts';
import { isRefusal, type Finding } from './findings.ts';

/**
 * The kit's own record, across its runs, of how many request bodies the service refused per write
 * endpoint (`{ "POST /users": 1 }`): each plan builds the next candidate, and a later run that
 * refuses nothing keeps the one that was accepted, so a second kit run plans the same tests.
 */
export const REQUEST_SHAPES_FILE = 'node_modules/.cache/create-itest-kit/request-shapes.json';

export function readRefusedShapes(root: string): Map<string, number> {
  const entries = readCacheJson(root, REQUEST_SHAPES_FILE);
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return new Map();
  return new Map(Object.entries(entries).filter((entry): entry is [string, number] => Number.isInteger(entry[1]) && entry[1] > 0));
}

/** Adds one refusal per endpoint whose write a failed test saw refused in the run that just ended; how many endpoints that was. */
export function recordRefusals(root: string, findings: readonly Finding[]): number {
  const endpoints = new Set(findings.filter(isRefusal).map((finding) => finding.test.split(' > ')[0]!));
  if (!endpoints.size) return 0;
  const counts = readRefusedShapes(root);
  for (const endpoint of endpoints) counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
  writeCacheJson(root, REQUEST_SHAPES_FILE, Object.fromEntries(counts));
  return endpoints.size;
}
