import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageJson } from './package-json.ts';

/** The project's Prettier: where its options are, and the version installed, if any. */
export interface ProjectPrettier {
  /** `.prettierrc.json`, or `package.json` where its "prettier" key holds them. */
  config: string;
  /** The installed prettier's version; none when only the configuration is there. */
  version?: string;
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

/** A Prettier configuration at the project root, and the prettier the project has installed to apply it. */
export function detectPrettier(root: string, pkg: PackageJson): ProjectPrettier | undefined {
  const config = CONFIG_FILES.find((name) => existsSync(path.join(root, name))) ?? ((pkg as Record<string, unknown>).prettier !== undefined ? 'package.json' : undefined);
  if (!config) return undefined;
  return { config, ...installedVersion(root) };
}

function installedVersion(root: string): { version?: string } {
  try {
    const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/prettier/package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? { version } : {};
  } catch {
    return {};
  }
}
