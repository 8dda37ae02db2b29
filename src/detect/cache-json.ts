import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A JSON file the harness left in the project's cache (node_modules/.cache/create-itest-kit), or
 * undefined when it is missing or unreadable: a cache is a hint for the next plan, never an error.
 */
export function readCacheJson(root: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes a JSON record into the project's cache, the folder made where it is missing. */
export function writeCacheJson(root: string, file: string, value: unknown): void {
  const absolute = path.join(root, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, `${JSON.stringify(value, null, 2)}\n`);
}
