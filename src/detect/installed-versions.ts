import path from 'node:path';
import { readCacheJson } from './cache-json.ts';
import { isFile, readText } from './files.ts';

/** What an installed package declares of itself; undefined when it is not installed. */
export interface InstalledManifest {
  version?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** node_modules/<name>/package.json, or undefined when it is missing or unreadable. */
export function installedManifest(root: string, name: string): InstalledManifest | undefined {
  const manifest = readCacheJson(root, path.posix.join('node_modules', name, 'package.json'));
  return typeof manifest === 'object' && manifest !== null ? (manifest as InstalledManifest) : undefined;
}

/**
 * The versions the project's dependency tree holds for these packages: node_modules when it is
 * installed, else the lockfile (npm, pnpm, yarn). Packages it does not hold are left out.
 */
export function installedVersions(root: string, names: readonly string[]): Record<string, string> {
  const lockfile = readLockfile(root);
  const found: Record<string, string> = {};
  for (const name of names) {
    const installed = installedManifest(root, name)?.version;
    const version = (typeof installed === 'string' ? installed : undefined) ?? (lockfile ? fromLockfile(lockfile, name) : undefined);
    if (version) found[name] = version;
  }
  return found;
}

type Lockfile = { kind: 'npm'; packages: Record<string, { version?: string }> } | { kind: 'text'; text: string };

function readLockfile(root: string): Lockfile | undefined {
  if (isFile(path.join(root, 'package-lock.json'))) {
    const lock = readCacheJson(root, 'package-lock.json') as { packages?: Record<string, { version?: string }> } | undefined;
    return lock?.packages ? { kind: 'npm', packages: lock.packages } : undefined;
  }
  for (const file of ['pnpm-lock.yaml', 'yarn.lock']) if (isFile(path.join(root, file))) return { kind: 'text', text: readText(root, file) };
  return undefined;
}

/** The hoisted copy (the one a new top-level dependency meets), as each lockfile writes it. */
function fromLockfile(lockfile: Lockfile, name: string): string | undefined {
  if (lockfile.kind === 'npm') return lockfile.packages[`node_modules/${name}`]?.version;
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // pnpm: `  '@opentelemetry/api@1.3.0':` or `  /vite@5.4.0:`; yarn: `"vite@^5.0.0":\n  version "5.4.0"`.
  const pnpm = new RegExp(`^\\s+['"]?/?${escaped}@(\\d[^'":(\\s]*)`, 'm').exec(lockfile.text)?.[1];
  const yarn = new RegExp(`^"?${escaped}@[^\\n]*:\\n\\s+version:?\\s+"?([^"\\n]+)"?`, 'm').exec(lockfile.text)?.[1];
  return pnpm ?? yarn;
}
