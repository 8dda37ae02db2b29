import semver from 'semver';
import { KitError } from '../cli/errors.ts';
import { editJson } from '../plan/json-edit.ts';
import type { PackageJson } from '../detect/package-json.ts';
import type { PackageManager } from '../detect/package-manager.ts';
import type { Tree } from '../plan/tree.ts';
import type { PackageJsonAction } from './generator.ts';

/** Versions below which the generated harness cannot work: kept as they are, it would silently run the wrong tests. */
const MINIMUM: Record<string, string> = { vitest: '3.2.0' };

function installLine(pm: PackageManager, name: string, version: string): string {
  return `${pm === 'npm' ? 'npm install -D' : pm === 'yarn' ? 'yarn add -D' : `${pm} add -D`} ${name}@${version}`;
}

/**
 * Vitest declares the @types/node it accepts (20+ for Vitest 4, 22+ for 5): with an older one npm
 * refuses the install (ERESOLVE) after the files are written. Stop before, naming the upgrade.
 */
function checkTypesNode(pkg: PackageJson, vitest: string, pm: PackageManager): void {
  const types = pkg.devDependencies?.['@types/node'] ?? pkg.dependencies?.['@types/node'];
  const needed = semver.valid(vitest) && semver.major(vitest) >= 5 ? 22 : 20;
  if (!types || !semver.validRange(types) || semver.intersects(types, `>=${needed}`)) return;
  throw new KitError(`This project has @types/node@${types}, older than Vitest ${vitest} accepts (@types/node ${needed}+), so the install would fail: upgrade it (${installLine(pm, '@types/node', String(needed))}), then run the kit again.`);
}

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
    if (action.devDependencies?.vitest) checkTypesNode(pkg, action.devDependencies.vitest, pm);
    for (const [name, version] of Object.entries(action.devDependencies ?? {})) {
      const existing = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
      if (existing === undefined) {
        pkg.devDependencies ??= {};
        pkg.devDependencies[name] = version;
        changed.push(`${name}@${version}`);
      } else if (semver.validRange(existing) && semver.valid(version) && semver.minVersion(existing)!.major !== semver.major(version)) {
        if (name in MINIMUM && semver.lt(semver.minVersion(existing)!, MINIMUM[name]!)) {
          throw new KitError(
            `This project has ${name}@${existing}, older than the harness can run on (${name} ${MINIMUM[name]}+, for its projects and reporter API): upgrade it (${installLine(pm, name, version)}), then run the kit again.`,
          );
        }
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
