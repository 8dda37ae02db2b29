import semver from 'semver';
import { installedManifest } from './installed-versions.ts';
import { allDependencies, type PackageJson } from './package-json.ts';

/**
 * The project's own dependencies whose required peers are installed at a version outside the range
 * they declare (`@nestjs/typeorm 9.0.1 needs typeorm ^0.3.0, the project has 0.2.41`): a service
 * that does not start on such a tree fails in production the same way, and the kit says why.
 */
export function unmetPeers(root: string, pkg: PackageJson): string[] {
  const dependencies = allDependencies(pkg);
  const found: string[] = [];
  for (const name of Object.keys(dependencies)) {
    const manifest = installedManifest(root, name);
    for (const [peer, range] of Object.entries(manifest?.peerDependencies ?? {})) {
      if (manifest?.peerDependenciesMeta?.[peer]?.optional || !(peer in dependencies)) continue;
      const version = installedManifest(root, peer)?.version;
      if (version && semver.valid(version) && semver.validRange(range) && !semver.satisfies(version, range, { includePrerelease: true })) {
        found.push(`${name} ${manifest!.version ?? ''} needs ${peer} ${range}, the project has ${version}`.replace('  ', ' '));
      }
    }
  }
  return found;
}
