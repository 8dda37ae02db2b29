import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KitError } from '../kit/errors.ts';
import { endpointFromText, HTTP_METHODS, type Route } from './routes/index.ts';

/**
 * Endpoints the team declared (`itest-kit add endpoint POST /orders/:id/refund`), kept in
 * test/integration/endpoints.json: routes the scan cannot see, or not written yet.
 * The file is the team's; the kit only adds to it.
 */
export const DECLARED_ENDPOINTS_FILE = 'endpoints.json';

export function readDeclaredEndpoints(root: string, dir: string): Route[] {
  const file = path.join(root, dir, DECLARED_ENDPOINTS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    throw new KitError(`${dir}/${DECLARED_ENDPOINTS_FILE} is not valid JSON: it holds a list like ["POST /orders/:id/refund"]; fix or delete it.`);
  }
  if (!Array.isArray(entries)) throw new KitError(`${dir}/${DECLARED_ENDPOINTS_FILE} must hold a list like ["POST /orders/:id/refund"].`);
  return entries.map((entry) => parseEndpoint(String(entry), `${dir}/${DECLARED_ENDPOINTS_FILE}`));
}

/** "POST /orders/:id" as a route, or a one-line error naming what is wrong. */
export function parseEndpoint(text: string, file: string): Route {
  const route = endpointFromText(text, file);
  if (!route) {
    throw new KitError(
      `"${text}" is not an endpoint: write the method and the path, like "POST /orders/:id/refund" (methods: ${HTTP_METHODS.join(', ').toUpperCase()}).`,
    );
  }
  return route;
}
