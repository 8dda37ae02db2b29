import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PackageJson } from './package-json.ts';

/**
 * The project's Prettier configuration. The prettier that applies it is looked up when the plan is
 * formatted (src/kit/project-prettier.ts), not here: on a fresh clone the kit's install brings it.
 */
export interface ProjectPrettier {
  /** `.prettierrc.json`, or `package.json` where its "prettier" key holds them. */
  config: string;
}

/** Every file name Prettier 3 reads options from, in its own order. */
const CONFIG_FILES = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.mjs',
  '.prettierrc.cjs',
  '.prettierrc.ts',
  '.prettierrc.mts',
  '.prettierrc.cts',
  'prettier.config.js',
  'prettier.config.mjs',
  'prettier.config.cjs',
  'prettier.config.ts',
  'prettier.config.mts',
  'prettier.config.cts',
  '.prettierrc.toml',
];

/** A Prettier configuration at the project root. */
export function detectPrettier(root: string, pkg: PackageJson): ProjectPrettier | undefined {
  const config =
    CONFIG_FILES.find((name) => existsSync(path.join(root, name))) ?? ((pkg as Record<string, unknown>).prettier !== undefined ? 'package.json' : undefined);
  if (!config) return undefined;
  return { config };
}
