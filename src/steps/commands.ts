import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readPackageJson } from '../detect/package-json.ts';
import type { PackageManager } from '../detect/package-manager.ts';

/** The install command for each package manager: package.json already lists what to add. */
export function installCommand(pm: PackageManager, root: string): string[] {
  return [...runnable(pm, root), 'install', ...INSTALL_FLAGS[pm]];
}

/**
 * npm: the packages the kit adds are pinned, so metadata already in the cache is used as it is
 * (--prefer-offline), and the audit and funding requests are left to the team's own installs: about
 * 15 s down to 5 s here. pnpm: the kit has just changed package.json, and in CI pnpm would refuse to
 * touch its lockfile.
 */
const INSTALL_FLAGS: Record<PackageManager, string[]> = {
  npm: ['--prefer-offline', '--no-audit', '--no-fund'],
  pnpm: ['--no-frozen-lockfile', '--prefer-offline'],
  yarn: [],
  bun: [],
};

/** How a person runs a package.json script with this package manager. */
export function runScript(pm: PackageManager, script: string): string[] {
  return pm === 'npm' ? ['npm', 'run', script] : pm === 'bun' ? ['bun', 'run', script] : [pm, script];
}

/** runScript, as the kit itself can run it on this machine. */
export function runnableScript(pm: PackageManager, script: string, root: string): string[] {
  const [, ...args] = runScript(pm, script);
  return [...runnable(pm, root), ...args];
}

/**
 * The package manager as a command here: itself where it is on the PATH, else (pnpm, yarn) the
 * npm registry's package of it through npx, at the version the `packageManager` field pins, so a
 * project that installs with pnpm still installs with its pnpm on a machine that has only npm.
 */
function runnable(pm: PackageManager, root: string): string[] {
  if (pm === 'npm' || pm === 'bun' || onPath(pm)) return [pm];
  const pinned =
    new RegExp(`^${pm}@(\\d[\\w.-]*)`).exec(String(readPackageJson(root).json.packageManager ?? ''))?.[1] ??
    (pm === 'pnpm' ? pnpmForLockfile(root) : undefined);
  return ['npx', '--yes', pinned ? `${pm}@${pinned}` : pm];
}

/**
 * pnpm lockfile formats and the oldest pnpm that reads each and installs here: pnpm 10 and later
 * stop on builds nobody approved; pnpm 9 reads a 6.x lockfile (pnpm 8's), writing it back as 9.0,
 * and resolves packages pnpm 8 cannot find in this registry's metadata.
 */
const PNPM_FOR_LOCKFILE: [RegExp, string][] = [
  [/^5\./, '7'],
  [/^(6|9)\./, '9'],
];

/** Without a packageManager pin, the pnpm major that wrote the project's (or its workspace's) pnpm-lock.yaml. */
function pnpmForLockfile(root: string): string | undefined {
  for (let dir = root, depth = 0; depth < 4; dir = path.dirname(dir), depth++) {
    const file = path.join(dir, 'pnpm-lock.yaml');
    if (!existsSync(file)) continue;
    const version = /^lockfileVersion:\s*['"]?([\d.]+)/m.exec(readFileSync(file, 'utf8').slice(0, 200))?.[1];
    return PNPM_FOR_LOCKFILE.find(([pattern]) => version && pattern.test(version))?.[1];
  }
  return undefined;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The environment for the commands the kit runs: the kit's own, without the settings `npx -p <kit>`
 * leaves for the command it starts (npm_config_package, npm_config_call), which would make a nested
 * `npx pnpm@9` look for a binary named "pnpm@9" inside the kit's package.
 */
export function commandEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  for (const name of ['npm_config_package', 'npm_config_call']) delete env[name];
  return env;
}
