import { DECLARED_ENDPOINTS_FILE, readDeclaredEndpoints } from '../detect/declared-endpoints.ts';
import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import type { KitContext } from './context.ts';

/**
 * Adds an endpoint the scan does not see to the plan: to the routes every generator
 * reads (so it gets tests and counts for coverage) and to the team's endpoints.json.
 */
export function declareEndpoint(kit: KitContext, route: Route): void {
  // Found by the scan, or declared before: it has its tests already.
  if (kit.routes.routes.some((known) => formatEndpoint(known) === formatEndpoint(route))) return;
  kit.routes.routes.push(route);
  const declared = readDeclaredEndpoints(kit.detection.root, kit.paths.dir).map(formatEndpoint);
  const entries = [...new Set([...declared, formatEndpoint(route)])];
  kit.tree.write(`${kit.paths.dir}/${DECLARED_ENDPOINTS_FILE}`, `${JSON.stringify(entries, null, 2)}\n`, 'endpoint', { merge: true });
}
