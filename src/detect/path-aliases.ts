import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'jsonc-parser';
import { directoryEntries, isFile, readText } from './files.ts';

/** A tsconfig `paths` entry: `@/*` → `src/*` as { prefix: '@/', targets: ['src/'] } (targets relative to the root). */
export interface PathAlias {
  prefix: string;
  targets: string[];
}

/** The project's tsconfig path aliases (jsconfig too), which the route scan follows and Vitest must resolve. */
export function readPathAliases(root: string): PathAlias[] {
  const file = ['tsconfig.json', 'jsconfig.json'].find((name) => isFile(path.join(root, name)));
  if (!file) return [];
  const config = parse(readText(root, file)) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
  const options = config?.compilerOptions;
  const base = options?.baseUrl ?? '.';
  const paths = Object.entries(options?.paths ?? {})
    // `"*": ["node_modules/*"]` says what Node's resolution does anyway: not an alias.
    .filter(([pattern]) => pattern !== '*')
    .map(([pattern, targets]) => ({
      prefix: pattern.replace(/\*$/, ''),
      targets: targets.map((target) => path.posix.normalize(path.posix.join(base, target.replace(/\*$/, ''))).replace(/^\.\//, '')),
    }));
  const baseDir = path.posix.normalize(base).replace(/^\.\//, '');
  // baseUrl "." beside `paths` is there for the paths: bare imports from the root are not the style then.
  return options?.baseUrl && !(baseDir === '.' && paths.length) ? [...paths, ...baseUrlAliases(root, baseDir)] : paths;
}

/**
 * `baseUrl: "./src"` lets the app import `auth/auth.module` and `app.controller` bare: one alias
 * per folder and module in that folder, except names an installed package already answers to.
 */
function baseUrlAliases(root: string, base: string): PathAlias[] {
  const entries = directoryEntries(root, base);
  const prefix = base === '.' ? '' : `${base}/`;
  return entries
    .filter((entry) => !entry.name.startsWith('.') && !['node_modules', 'dist', 'build', 'coverage'].includes(entry.name))
    .filter((entry) => entry.isDirectory() || /\.[cm]?[jt]s$/.test(entry.name))
    .map((entry) => (entry.isDirectory() ? entry.name : entry.name.replace(/\.[cm]?[jt]s$/, '').replace(/\.d$/, '')))
    .filter((name, i, names) => names.indexOf(name) === i && !existsSync(path.join(root, 'node_modules', name)))
    .map((name) => {
      const folder = entries.some((entry) => entry.isDirectory() && entry.name === name);
      return folder ? { prefix: `${name}/`, targets: [`${prefix}${name}/`] } : { prefix: name, targets: [`${prefix}${name}`] };
    });
}

/** Where an aliased specifier points, relative to the root, or undefined when no alias matches. */
export function resolveAlias(specifier: string, aliases: readonly PathAlias[]): string[] | undefined {
  const alias = aliases.find((candidate) => (candidate.prefix.endsWith('/') ? specifier.startsWith(candidate.prefix) : specifier === candidate.prefix));
  return alias?.targets.map((target) => `${target}${specifier.slice(alias.prefix.length)}`.replace(/\/$/, ''));
}
