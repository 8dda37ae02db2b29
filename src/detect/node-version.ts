import path from 'node:path';
import semver from 'semver';
import { readDisk } from '../plan/tree.ts';
import type { PackageJson } from './package-json.ts';

export interface NodeTarget {
  /** The lowest Node the project says it runs on, or the running one. */
  version: string;
  source: string;
}

/**
 * The harness must run on every Node the project supports, so the lowest one
 * it declares (engines, .nvmrc, .node-version, the @types/node it compiles against)
 * decides, capped by the running one. @types/node counts because the harness's own
 * dependencies declare which @types/node they accept (Vitest 5 wants 22 or newer).
 */
export function detectNodeTarget(root: string, pkg: PackageJson, running = process.versions.node): NodeTarget {
  const candidates: NodeTarget[] = [{ version: running, source: 'running Node' }];
  const engines = pkg.engines?.node;
  if (engines && semver.validRange(engines)) {
    const min = semver.minVersion(engines);
    if (min) candidates.push({ version: min.version, source: `engines.node "${engines}"` });
  }
  const types = pkg.devDependencies?.['@types/node'] ?? pkg.dependencies?.['@types/node'];
  if (types && semver.validRange(types)) {
    const min = semver.minVersion(types);
    if (min) candidates.push({ version: min.version, source: `@types/node "${types}"` });
  }
  for (const file of ['.nvmrc', '.node-version']) {
    const text = readDisk(path.join(root, file))?.trim().replace(/^v/, '');
    const coerced = text ? semver.coerce(text) : null;
    if (coerced) candidates.push({ version: coerced.version, source: file });
  }
  return candidates.reduce((low, next) => (semver.lt(next.version, low.version) ? next : low));
}
