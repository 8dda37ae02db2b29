import semver from 'semver';
import { editJson } from '../plan/json-edit.ts';
import type { PackageJson } from '../detect/package-json.ts';
import type { PackageManager } from '../detect/package-manager.ts';
import type { Tree } from '../plan/tree.ts';
import type { PackageJsonAction } from './generator.ts';

/**
 * Adds scripts and devDependencies to package.json in the plan. What the user
 * already has wins: an existing script or dependency is kept, and said so.
 */
export function mergePackageJson(tree: Tree, action: PackageJsonAction, by: string, pm: PackageManager): string[] {
  const text = tree.read('package.json');
  if (text === undefined) throw new Error('package.json disappeared during planning');
  const changed: string[] = [];
  const next = editJson<PackageJson>(text, (pkg) => {
    for (const [name, command] of Object.entries(action.scripts ?? {})) {
      pkg.scripts ??= {};
      if (pkg.scripts[name] === undefined) {
        pkg.scripts[name] = command;
        changed.push(`script ${name}`);
      } else if (pkg.scripts[name] !== command) {
        tree.note(`Kept your "${name}" script; the kit's would be: ${command}`);
      }
    }
    for (const [name, version] of Object.entries(action.devDependencies ?? {})) {
      const existing = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
      if (existing === undefined) {
        pkg.devDependencies ??= {};
        pkg.devDependencies[name] = version;
        changed.push(`${name}@${version}`);
      } else if (semver.validRange(existing) && semver.valid(version) && semver.minVersion(existing)!.major !== semver.major(version)) {
        tree.note(`Kept your ${name}@${existing}; the harness is tested with ${name}@${version}.`);
      }
    }
    for (const name of action.buildScripts ?? []) {
      if (changed.some((c) => c.startsWith(`${name}@`)) && allowBuildScript(pkg, name, pm)) changed.push(`${pm} may build ${name}`);
    }
  });
  tree.write('package.json', next, by, { merge: true });
  return changed;
}

/** Lets the package manager run a dependency's install script; false when it already may. */
function allowBuildScript(pkg: PackageJson, name: string, pm: PackageManager): boolean {
  if (pm === 'npm') {
    const allow = (pkg.allowScripts ??= {}) as Record<string, boolean>;
    if (Object.keys(allow).some((key) => key === name || key.startsWith(`${name}@`))) return false;
    allow[name] = true;
    return true;
  }
  const list = pm === 'pnpm' ? (((pkg.pnpm ??= {}) as { onlyBuiltDependencies?: string[] }).onlyBuiltDependencies ??= []) : pm === 'bun' ? ((pkg.trustedDependencies ??= []) as string[]) : undefined;
  if (!list || list.includes(name)) return false;
  list.push(name);
  return true;
}
