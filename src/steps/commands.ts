import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { PackageManager } from '../detect/package-manager.ts';

/** The install command for each package manager: package.json already lists what to add. */
export function installCommand(pm: PackageManager): string[] {
  return [...runnable(pm), 'install'];
}

/** How a person runs a package.json script with this package manager. */
export function runScript(pm: PackageManager, script: string): string[] {
  return pm === 'npm' ? ['npm', 'run', script] : pm === 'bun' ? ['bun', 'run', script] : [pm, script];
}

/** runScript, as the kit itself can run it on this machine. */
export function runnableScript(pm: PackageManager, script: string): string[] {
  const [, ...args] = runScript(pm, script);
  return [...runnable(pm), ...args];
}

/**
 * The package manager as a command here: itself where it is on the PATH, else (pnpm, yarn) the
 * npm registry's package of it through npx, so a project that installs with pnpm still installs
 * with pnpm on a machine that has only npm.
 */
function runnable(pm: PackageManager): string[] {
  if (pm === 'npm' || pm === 'bun' || onPath(pm)) return [pm];
  return ['npx', '--yes', pm];
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
