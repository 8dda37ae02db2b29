import { readFileSync } from 'node:fs';
import path from 'node:path';
import { endpointFromText, type Route } from './routes/index.ts';

/**
 * Where the endpoint-coverage reporter leaves the routes the app registered at run time
 * (Express's own view), for the kit's next plan. A cache: rewritten by every whole-suite run.
 */
export const RUNTIME_ENDPOINTS_FILE = 'node_modules/.cache/create-itest-kit/endpoints.json';

export function readRuntimeEndpoints(root: string): Route[] {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path.join(root, RUNTIME_ENDPOINTS_FILE), 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  // A cache the kit did not write by hand: entries that are not endpoints are skipped, not errors.
  return entries.flatMap((entry) => endpointFromText(String(entry), 'the running app') ?? []);
}
