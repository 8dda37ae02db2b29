import path from 'node:path';
import { isFile, readText } from './files.ts';

/**
 * The versions the project's dependency tree holds for these packages: node_modules when it is
 * installed, else the lockfile (npm, pnpm, yarn). Packages it does not hold are left out.
 */
export function installedVersions(root: string, names: readonly string[]): Record<string, string> {
  const lockfile = readLockfile(root);
  const found: Record<string, string> = {};
  for (const name of names) {
    const version = fromNodeModules(root, name) ?? (lockfile ? fromLockfile(lockfile, name) : undefined);
    if (version) found[name] = version;
  }
  return found;
}

function fromNodeModules(root: string, name: string): string | undefined {
  const file = path.join('node_modules', name, 'package.json');
  if (!isFile(path.join(root, file))) return undefined;
  try {
    const version = (JSON.parse(readText(root, file)) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

type Lockfile = { kind: 'npm'; packages: Record<string, { version?: string }> } | { kind: 'text'; text: string };

function readLockfile(root: string): Lockfile | undefined {
  if (isFile(path.join(root, 'package-lock.json'))) {
    try {
      const lock = JSON.parse(readText(root, 'package-lock.json')) as { packages?: Record<string, { version?: string }> };
      return lock.packages ? { kind: 'npm', packages: lock.packages } : undefined;
    } catch {
      return undefined;
    }
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
