import type { PackageManager } from '../detect/package-manager.ts';

/** The install command for each package manager: package.json already lists what to add. */
export function installCommand(pm: PackageManager): string[] {
  return [pm, 'install'];
}

/** How a person runs a package.json script with this package manager. */
export function runScript(pm: PackageManager, script: string): string[] {
  return pm === 'npm' ? ['npm', 'run', script] : pm === 'bun' ? ['bun', 'run', script] : [pm, script];
}
