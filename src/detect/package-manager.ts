import path from 'node:path';
import { isDirectory, isFile } from './files.ts';
import type { PackageJson } from './package-json.ts';

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const LOCKFILES: [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The lockfile decides; then the packageManager field; then whoever ran us (npm create, pnpm create...). */
export function detectPackageManager(root: string, pkg: PackageJson, env: NodeJS.ProcessEnv = process.env): { value: PackageManager; source: string } {
  // A workspace package has no lockfile of its own: the workspace root's (a folder above with a package.json) decides.
  for (let dir = root, up = 0; up < 4; dir = path.dirname(dir), up++) {
    const project = up === 0 || isFile(path.join(dir, 'package.json'));
    if (project)
      for (const [file, pm] of LOCKFILES)
        if (isFile(path.join(dir, file))) return { value: pm, source: dir === root ? file : path.relative(root, path.join(dir, file)) };
    if (isDirectory(path.join(dir, '.git'))) break;
  }
  const field = /^(npm|pnpm|yarn|bun)@/.exec(pkg.packageManager ?? '')?.[1] as PackageManager | undefined;
  if (field) return { value: field, source: 'packageManager field' };
  const agent = /^(npm|pnpm|yarn|bun)\//.exec(env.npm_config_user_agent ?? '')?.[1] as PackageManager | undefined;
  if (agent) return { value: agent, source: 'npm_config_user_agent' };
  return { value: 'npm', source: 'default' };
}
