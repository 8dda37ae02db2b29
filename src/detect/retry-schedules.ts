import path from 'node:path';
import { readCacheJson } from './cache-json.ts';
import { directoryEntries } from './files.ts';

/**
 * Where the client tests leave the retry schedule of a project's own retry helper, one file per
 * client, for the kit's next plan: a cache, rewritten by every run of those tests.
 */
export const RETRY_SCHEDULES_DIR = 'node_modules/.cache/create-itest-kit/retries';

/** What a client did against a service that kept failing: its requests, the gaps between them, and how often it tried a 400. */
export interface RetrySchedule {
  attempts: number;
  gaps: number[];
  permanentAttempts: number;
}

/** `src/orders.ts#order` or `src/crm.ts#crm.contact`: which client a schedule belongs to. */
export function scheduleKey(file: string, name: string, receiver?: string): string {
  return `${file}#${receiver ? `${receiver.replace(/^new (\w+)\(\)$/, '$1')}.` : ''}${name}`;
}

export function readRetrySchedules(root: string): Map<string, RetrySchedule> {
  const schedules = new Map<string, RetrySchedule>();
  for (const entry of directoryEntries(root, RETRY_SCHEDULES_DIR)) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const { key, attempts, gaps, permanentAttempts } = (readCacheJson(root, path.posix.join(RETRY_SCHEDULES_DIR, entry.name)) ?? {}) as Partial<
      RetrySchedule & { key: string }
    >;
    // A cache the kit did not write by hand: anything else is skipped, not an error.
    if (typeof key === 'string' && Number.isInteger(attempts) && Array.isArray(gaps) && gaps.every(Number.isFinite) && Number.isInteger(permanentAttempts))
      schedules.set(key, { attempts: attempts!, gaps, permanentAttempts: permanentAttempts! });
  }
  return schedules;
}
