import { readCacheJson, writeCacheJson } from './cache-json.ts';
import { contradictedFields, type ContradictedFields, type Finding } from './findings.ts';

/**
 * The kit's own record, across its runs, of the status the service answered in tests whose expected
 * status it contradicted (`{ "POST /users > creates a user": 200 }`). The next plan pins that status
 * where it means the same (a success for a success, a refusal for a refusal) and says so; the record
 * stays once the test passes, so a second kit run plans the same test.
 */
export const PINNED_STATUSES_FILE = 'node_modules/.cache/create-itest-kit/pinned-statuses.json';

/**
 * The same for fields: per test, how the service's answer differed from the row the test expected
 * and from the body it sent (absent, renamed, another value), merged across runs so a second round
 * keeps what the first learned.
 */
export const PINNED_FIELDS_FILE = 'node_modules/.cache/create-itest-kit/pinned-fields.json';

export function readPinnedStatuses(root: string): Map<string, number> {
  const entries = readCacheJson(root, PINNED_STATUSES_FILE);
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return new Map();
  return new Map(Object.entries(entries).filter((entry): entry is [string, number] => Number.isInteger(entry[1])));
}

/** What a test's answers contradicted: the row it expected (`fields`), the body it sent (`echo`). */
export interface PinnedFields {
  fields?: ContradictedFields;
  echo?: ContradictedFields;
}

export function readPinnedFields(root: string): Map<string, PinnedFields> {
  const entries = readCacheJson(root, PINNED_FIELDS_FILE);
  if (!entries || typeof entries !== 'object' || Array.isArray(entries)) return new Map();
  return new Map(
    Object.entries(entries).flatMap(([test, value]) => {
      const record = (value ?? {}) as Record<string, unknown>;
      const fields = contradictedFields(record.fields);
      const echo = contradictedFields(record.echo);
      const pinned = { ...(fields ? { fields } : {}), ...(echo ? { echo } : {}) };
      return pinned.fields || pinned.echo ? [[test, pinned] as const] : [];
    }),
  );
}

/** Records the status (and the fields) of each test the run that just ended contradicted; how many that was. */
export function recordContradictions(root: string, findings: readonly Finding[]): number {
  const contradicted = findings.filter((finding) => finding.contradicted);
  if (!contradicted.length) return 0;
  const pins = readPinnedStatuses(root);
  const fields = readPinnedFields(root);
  for (const finding of contradicted) {
    pins.set(finding.test, finding.status);
    if (!finding.fields && !finding.echo) continue;
    const earlier = fields.get(finding.test) ?? {};
    const row = mergeFields(earlier.fields, finding.fields);
    const echo = mergeFields(earlier.echo, finding.echo);
    fields.set(finding.test, { ...(row ? { fields: row } : {}), ...(echo ? { echo } : {}) });
  }
  writeCacheJson(root, PINNED_STATUSES_FILE, Object.fromEntries(pins));
  if (fields.size) writeCacheJson(root, PINNED_FIELDS_FILE, Object.fromEntries(fields));
  return contradicted.length;
}

/** A later round's record adds to an earlier one's: its test already asserted less, so it can only find more. */
function mergeFields(earlier: ContradictedFields | undefined, later: ContradictedFields | undefined): ContradictedFields | undefined {
  if (!earlier || !later) return earlier ?? later;
  const absent = [...new Set([...earlier.absent, ...later.absent])];
  const renamed = { ...earlier.renamed, ...later.renamed };
  const types = { ...earlier.types, ...later.types };
  const held = [...new Set([...earlier.held, ...later.held])].filter((name) => !absent.includes(name) && !(name in renamed) && !(name in types));
  return { held, absent, renamed, types };
}

/** A pinned status replaces the one the kit read only where both say the same thing: 2xx for 2xx, 4xx for 4xx. */
export function pinnable(read: number, answered: number): boolean {
  return read !== answered && answered < 500 && Math.floor(read / 100) === Math.floor(answered / 100);
}
