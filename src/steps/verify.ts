import { execa } from 'execa';
import type { PackageManager } from '../detect/package-manager.ts';
import { commandEnv, runnableScript } from './commands.ts';

/**
 * Runs the generated suite once, as the team will run it, and reports whether it passed. With
 * coverage: the run ends with the service's line coverage and its least covered handlers.
 */
export async function verify(root: string, pm: PackageManager, env: Record<string, string> = {}): Promise<boolean> {
  const [command, ...args] = runnableScript(pm, 'coverage:integration', root);
  process.stdout.write(`\n> ${[command, ...args].join(' ')}\n`);
  const result = await execa(command!, args, { cwd: root, stdio: 'inherit', reject: false, extendEnv: false, env: commandEnv(env) });
  return !result.failed;
}
