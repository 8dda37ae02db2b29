import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCacheJson } from './cache-json.ts';
import type { Finding } from './findings.ts';

/**
 * The kit's own record, across its runs, of the status the service answered in tests whose expected
 * status it contradicted (`{ "POST /users > creates a user": 200 }`). The next plan pins that status
 * where it means the same (a success for a success, a refusal for a refusal) and says so; the record
 * stays once the test passes, so a second kit run plans the same test.
 */
export const PINNED_STATUSES_FILE = 'node_modules/.cache/create-itest-kit/pinned-statuses.json';

export function readPinnedStatuses(root: string): Map<string, number> {
  const entries = readCacheJson(root, PINNED_STATUSES_FILE);
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return new Map();
  return new Map(Object.entries(entries).filter((entry): entry is [string, number] => Number.isInteger(entry[1])));
}

/** Records the status of each test the run that just ended contradicted; how many that was. */
export function recordContradictions(root: string, findings: readonly Finding[]): number {
  const contradicted = findings.filter((finding) => finding.contradicted);
  if (!contradicted.length) return 0;
  const pins = readPinnedStatuses(root);
  for (const finding of contradicted) pins.set(finding.test, finding.status);
  const file = path.join(root, PINNED_STATUSES_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(pins), null, 2)}\n`);
  return contradicted.length;
}

/** A pinned status replaces the one the kit read only where both say the same thing: 2xx for 2xx, 4xx for 4xx. */
export function pinnable(read: number, answered: number): boolean {
  return read !== answered && answered < 500 && Math.floor(read / 100) === Math.floor(answered / 100);
}
