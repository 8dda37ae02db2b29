import { readCacheJson } from './cache-json.ts';
import { endpointFromText, type Route } from './routes/index.ts';

/**
 * Where the endpoint-coverage reporter leaves the routes the app registered at run time
 * (Express's own view), for the kit's next plan. A cache: rewritten by every whole-suite run.
 */
export const RUNTIME_ENDPOINTS_FILE = 'node_modules/.cache/create-itest-kit/endpoints.json';

/** What each endpoint answered in the last whole-suite run, next to it. */
export const OBSERVED_ANSWERS_FILE = 'node_modules/.cache/create-itest-kit/answers.json';

export interface ObservedAnswer {
  statuses: number[];
  /** Every body was JSON. */
  json: boolean;
}

/** `{ "GET /users": { statuses: [200], json: true } }` from the last whole-suite run; {} when there was none. */
export function readObservedAnswers(root: string): Map<string, ObservedAnswer> {
  const entries = readCacheJson(root, OBSERVED_ANSWERS_FILE);
  if (typeof entries !== 'object' || entries === null) return new Map();
  return new Map(
    Object.entries(entries).flatMap(([endpoint, value]) => {
      const { statuses, json } = (value ?? {}) as Partial<ObservedAnswer>;
      return Array.isArray(statuses) && statuses.every(Number.isInteger) ? [[endpoint, { statuses, json: json === true }] as const] : [];
    }),
  );
}

export function readRuntimeEndpoints(root: string): Route[] {
  const entries = readCacheJson(root, RUNTIME_ENDPOINTS_FILE);
  if (!Array.isArray(entries)) return [];
  // A cache the kit did not write by hand: entries that are not endpoints are skipped, not errors.
  return entries.flatMap((entry) => endpointFromText(String(entry), 'the running app') ?? []);
}
