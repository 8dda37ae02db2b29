import { rmSync } from 'node:fs';
import path from 'node:path';
import { readCacheJson } from './cache-json.ts';

/** Where a booted service that did not start leaves why (support/boot), for the kit to report. */
export const BOOT_FAILURE_FILE = 'node_modules/.cache/create-itest-kit/boot-failure.json';

/** The one line a failed start left in the last run, if one did. */
export function readBootFailure(root: string): string | undefined {
  const left = readCacheJson(root, BOOT_FAILURE_FILE) as { message?: unknown } | undefined;
  return typeof left?.message === 'string' ? left.message : undefined;
}

export function clearBootFailure(root: string): void {
  rmSync(path.join(root, BOOT_FAILURE_FILE), { force: true });
}
