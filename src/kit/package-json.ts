import semver from 'semver';
import { KitError } from './errors.ts';
import { editJson } from '../plan/json-edit.ts';
import type { PackageJson } from '../detect/package-json.ts';
import type { PackageManager } from '../detect/package-manager.ts';
import type { Tree } from '../plan/tree.ts';
import type { PackageJsonAction } from './generator.ts';

/** Versions below which the generated harness cannot work: kept as they are, it would silently run the wrong tests. */
const MINIMUM: Record<string, string> = { vitest: '3.2.0' };
/** The newest release of each minimum's major: what an older one of the same major is raised to. */
const SAME_MAJOR: Record<string, string> = { vitest: '3.2.4' };

function installLine(pm: PackageManager, name: string, version: string): string {
  return `${pm === 'npm' ? 'npm install -D' : pm === 'yarn' ? 'yarn add -D' : `${pm} add -D`} ${name}@${version}`;
}

/**
 * Vitest declares the @types/node it accepts (18+ for Vitest 3, 20+ for 4, 22+ for 5): with an older one npm
 * refuses the install (ERESOLVE). The types follow the Node the tests run on, so they are raised, and said so.
 */
function raiseTypesNode(tree: Tree, pkg: PackageJson, vitest: string): string | undefined {
  const group = pkg.devDependencies?.['@types/node'] !== undefined ? pkg.devDependencies : pkg.dependencies;
  const types = group?.['@types/node'];
  const major = semver.valid(vitest) ? semver.major(vitest) : 4;
  const needed = major >= 5 ? 22 : major >= 4 ? 20 : 18;
  if (!group || !types || !semver.validRange(types) || semver.intersects(types, `>=${needed}`)) return undefined;
  group['@types/node'] = `^${needed}.0.0`;
  tree.note(`Raised @types/node from ${types} to ^${needed}.0.0: Vitest ${vitest} needs @types/node ${needed}+ (the Node the tests run on).`);
  return `@types/node@^${needed}.0.0`;
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
    const raised = action.devDependencies?.vitest ? raiseTypesNode(tree, pkg, action.devDependencies.vitest) : undefined;
    if (raised) changed.push(raised);
    /** What a project's own package was raised to: companions the kit adds (`@vitest/coverage-v8`) follow it. */
    const raisedTo: Record<string, string> = {};
    for (const [name, planned] of Object.entries(action.devDependencies ?? {})) {
      const existing = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
      const version = Object.entries(raisedTo).find(([raised]) => name.startsWith(`@${raised}/`))?.[1] ?? planned;
      if (existing === undefined) {
        pkg.devDependencies ??= {};
        pkg.devDependencies[name] = version;
        changed.push(`${name}@${version}`);
      } else if (semver.validRange(existing) && semver.valid(version) && semver.minVersion(existing)!.major !== semver.major(version)) {
        const floor = MINIMUM[name];
        if (floor && semver.lt(semver.minVersion(existing)!, floor)) {
          // Within the major the project chose, the kit raises it; across a major it is the team's call.
          if (semver.minVersion(existing)!.major !== semver.major(floor)) {
            throw new KitError(
              `This project has ${name}@${existing}, older than the harness can run on (${name} ${floor}+, for its projects and reporter API), and that is a major upgrade: run ${installLine(pm, name, version)}, then run the kit again.`,
            );
          }
          const group = pkg.devDependencies?.[name] !== undefined ? pkg.devDependencies : pkg.dependencies!;
          group[name] = `^${SAME_MAJOR[name]}`;
          raisedTo[name] = `^${SAME_MAJOR[name]}`;
          changed.push(`${name}@^${SAME_MAJOR[name]}`);
          // Its companions (@vitest/coverage-v8, @vitest/ui ...) must match it, or their peer range refuses it.
          for (const deps of [pkg.dependencies, pkg.devDependencies]) {
            for (const companion of Object.keys(deps ?? {}).filter((dep) => dep.startsWith(`@${name}/`))) {
              deps![companion] = `^${SAME_MAJOR[name]}`;
              changed.push(`${companion}@^${SAME_MAJOR[name]}`);
            }
          }
          tree.note(
            `Raised ${name} from ${existing} to ^${SAME_MAJOR[name]} (same major): the harness needs ${name} ${floor}+ for its projects and reporter API.`,
          );
          continue;
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
  const list =
    pm === 'pnpm'
      ? (((pkg.pnpm ??= {}) as { onlyBuiltDependencies?: string[] }).onlyBuiltDependencies ??= [])
      : pm === 'bun'
        ? ((pkg.trustedDependencies ??= []) as string[])
        : undefined;
  if (!list || list.includes(name)) return false;
  list.push(name);
  return true;
}
