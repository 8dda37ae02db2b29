import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { KitError } from '../kit/errors.ts';
import type { PackageManager } from '../detect/package-manager.ts';
import { commandEnv, installCommand } from './commands.ts';

/** Whether every package the harness needs is already in node_modules. */
export function isInstalled(root: string, packages: string[]): boolean {
  return packages.every((name) => existsSync(path.join(root, 'node_modules', name, 'package.json')));
}

/** Installs with the project's package manager, showing its progress. */
export async function install(root: string, pm: PackageManager): Promise<void> {
  const [command, ...args] = installCommand(pm, root);
  process.stdout.write(`\n> ${[command, ...args].join(' ')}\n`);
  // Yarn 2+ installs immutably in CI: the lockfile must take the devDependencies the kit added.
  const result = await execa(command!, args, {
    cwd: root,
    stdio: 'inherit',
    reject: false,
    extendEnv: false,
    env: commandEnv(pm === 'yarn' ? { YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } : {}),
  });
  if ((result as { code?: string }).code === 'ENOENT') {
    throw new KitError(
      `${command} is not installed here, and this project installs with it: the harness files are written; install ${command} (corepack enable, or npm install -g ${command}) and run ${[command, ...args].join(' ')}, or run the kit again with --pm npm.`,
      1,
    );
  }
  if (result.failed) {
    throw new KitError(
      `${[command, ...args].join(' ')} failed (exit ${result.exitCode ?? result.signal}): the harness files are written; fix the install, then run ${[command, ...args].join(' ')} yourself.`,
      1,
    );
  }
}
