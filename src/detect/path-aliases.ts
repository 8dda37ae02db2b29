import path from 'node:path';
import { parse } from 'jsonc-parser';
import { isFile, readText } from './files.ts';

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
  if (!options?.paths) return [];
  const base = options.baseUrl ?? '.';
  return Object.entries(options.paths).map(([pattern, targets]) => ({
    prefix: pattern.replace(/\*$/, ''),
    targets: targets.map((target) => path.posix.normalize(path.posix.join(base, target.replace(/\*$/, ''))).replace(/^\.\//, '')),
  }));
}

/** Where an aliased specifier points, relative to the root, or undefined when no alias matches. */
export function resolveAlias(specifier: string, aliases: readonly PathAlias[]): string[] | undefined {
  const alias = aliases.find((candidate) => (candidate.prefix.endsWith('/') ? specifier.startsWith(candidate.prefix) : specifier === candidate.prefix));
  return alias?.targets.map((target) => `${target}${specifier.slice(alias.prefix.length)}`.replace(/\/$/, ''));
}
