import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KitError } from '../kit/errors.ts';

export interface PackageJson {
  name?: string;
  type?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  packageManager?: string;
  [key: string]: unknown;
}

export function readPackageJson(root: string): { text: string; json: PackageJson } {
  const file = path.join(root, 'package.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new KitError(`No package.json in ${root}: run the kit inside a Node project, or pass --cwd <project folder> (npm init -y makes one).`);
    throw new KitError(`Cannot read ${file} (${code ?? 'unknown error'}): check its permissions.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KitError(`${file} is not valid JSON (${(error as Error).message}): fix it, then run the kit again.`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new KitError(`${file} must hold a JSON object: fix it, then run the kit again.`);
  return { text, json: json as PackageJson };
}

export function allDependencies(pkg: PackageJson): Record<string, string> {
  return { ...pkg.devDependencies, ...pkg.dependencies };
}
