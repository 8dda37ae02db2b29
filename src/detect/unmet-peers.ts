import path from 'node:path';
import semver from 'semver';
import { isFile, readText } from './files.ts';
import { allDependencies, type PackageJson } from './package-json.ts';

interface Manifest {
  version?: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function installed(root: string, name: string): Manifest | undefined {
  const file = path.join('node_modules', name, 'package.json');
  if (!isFile(path.join(root, file))) return undefined;
  try {
    return JSON.parse(readText(root, file)) as Manifest;
  } catch {
    return undefined;
  }
}

/**
 * The project's own dependencies whose required peers are installed at a version outside the range
 * they declare (`@nestjs/typeorm 9.0.1 needs typeorm ^0.3.0, the project has 0.2.41`): a service
 * that does not start on such a tree fails in production the same way, and the kit says why.
 */
export function unmetPeers(root: string, pkg: PackageJson): string[] {
  const found: string[] = [];
  for (const name of Object.keys(allDependencies(pkg))) {
    const manifest = installed(root, name);
    for (const [peer, range] of Object.entries(manifest?.peerDependencies ?? {})) {
      if (manifest?.peerDependenciesMeta?.[peer]?.optional || !(peer in allDependencies(pkg))) continue;
      const version = installed(root, peer)?.version;
      if (version && semver.valid(version) && semver.validRange(range) && !semver.satisfies(version, range, { includePrerelease: true })) {
        found.push(`${name} ${manifest!.version ?? ''} needs ${peer} ${range}, the project has ${version}`.replace('  ', ' '));
      }
    }
  }
  return found;
}
