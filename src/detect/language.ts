import path from 'node:path';
import { isFile } from './files.ts';
import { allDependencies, type PackageJson } from './package-json.ts';
import { readDisk } from '../plan/tree.ts';

export type Language = 'ts' | 'js';
export type ModuleSystem = 'esm' | 'cjs';

export function detectLanguage(root: string, pkg: PackageJson): Language {
  return isFile(path.join(root, 'tsconfig.json')) || 'typescript' in allDependencies(pkg) ? 'ts' : 'js';
}

/**
 * Node decides by the package "type"; TypeScript projects compiled to CommonJS
 * still say so in tsconfig "module", which wins when "type" is absent.
 */
export function detectModuleSystem(root: string, pkg: PackageJson): ModuleSystem {
  if (pkg.type === 'module') return 'esm';
  if (pkg.type === 'commonjs') return 'cjs';
  const tsconfig = readDisk(path.join(root, 'tsconfig.json'));
  const module = tsconfig ? /"module"\s*:\s*"([^"]+)"/i.exec(tsconfig)?.[1]?.toLowerCase() : undefined;
  if (module && /^es(next|20\d\d|6)$/.test(module)) return 'esm';
  return 'cjs';
}
