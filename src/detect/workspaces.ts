import path from 'node:path';
import YAML from 'yaml';
import { directoryEntries, isFile, readText } from './files.ts';
import { readPackageJson, type PackageJson } from './package-json.ts';
import { detectFramework } from './stack.ts';

/** A workspace root and the packages in it that are web services (they depend on a framework the kit serves). */
export interface Workspace {
  /** `package.json workspaces` or `pnpm-workspace.yaml`. */
  source: string;
  /** Package folders relative to the root, posix. */
  packages: string[];
  services: string[];
}

/**
 * The workspace this folder is the root of, when it is one (npm and yarn `workspaces`, pnpm's
 * pnpm-workspace.yaml). A root that is itself a service is not treated as a workspace.
 */
export function readWorkspace(root: string, pkg: PackageJson): Workspace | undefined {
  const declared = workspacePatterns(root, pkg);
  if (!declared || detectFramework(pkg)) return undefined;
  const packages = declared.patterns.flatMap((pattern) => expand(root, pattern)).filter((dir, i, all) => all.indexOf(dir) === i);
  const services = packages.filter((dir) => detectFramework(readPackageJson(path.join(root, dir)).json));
  return { source: declared.source, packages, services };
}

function workspacePatterns(root: string, pkg: PackageJson): { source: string; patterns: string[] } | undefined {
  const field = pkg.workspaces as string[] | { packages?: string[] } | undefined;
  const patterns = Array.isArray(field) ? field : field?.packages;
  if (patterns?.length) return { source: 'package.json workspaces', patterns };
  if (!isFile(path.join(root, 'pnpm-workspace.yaml'))) return undefined;
  const yaml = YAML.parse(readText(root, 'pnpm-workspace.yaml')) as { packages?: string[] } | null;
  return yaml?.packages?.length ? { source: 'pnpm-workspace.yaml', patterns: yaml.packages } : undefined;
}

/** `apps/*`, `packages/**`, `services/api`: the folders that hold a package.json (negations are left out). */
function expand(root: string, pattern: string): string[] {
  if (pattern.startsWith('!')) return [];
  const clean = pattern.replace(/^\.\//, '').replace(/\/$/, '');
  const star = clean.indexOf('*');
  if (star < 0) return isFile(path.join(root, clean, 'package.json')) ? [clean] : [];
  const base = clean.slice(0, clean.lastIndexOf('/', star) + 1).replace(/\/$/, '');
  const deep = clean.includes('**');
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of directoryEntries(root, dir)) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (isFile(path.join(root, rel, 'package.json'))) found.push(rel);
      else if (deep && depth < 4) walk(rel, depth + 1);
    }
  };
  walk(base, 0);
  return found.sort();
}
