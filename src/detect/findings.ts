import { readCacheJson } from './cache-json.ts';

/** Where the endpoint-coverage reporter leaves the tests in which the service answered 5xx, refused a write with 400/422, or answered otherwise than the test expects. */
export const FINDINGS_FILE = 'node_modules/.cache/create-itest-kit/findings.json';

/** A request the kit believes valid that the service answered with a server error: a possible defect. */
export interface Finding {
  /** The test file, relative to the project root. */
  file: string;
  /** The test's full name: `GET /posts/:id > returns the stored post`. */
  test: string;
  /** `GET /posts/1`. */
  request: string;
  status: number;
  /** The test failed on an answer that was neither a 5xx nor a refused write (or on none: status 0): an expectation the service contradicts. */
  contradicted?: boolean;
  /** Where it contradicted the fields of a row the test expected: how the answer differs from that row. */
  fields?: ContradictedFields;
  /** Where it contradicted the fields of a body the test sent (an echo): how the answer differs from that body. */
  echo?: ContradictedFields;
}

/** Fields of a row a test expected that the answer holds otherwise, by the row's names (support/answers in the harness). */
export interface ContradictedFields {
  /** In the answer as expected. */
  held: string[];
  /** Not in the answer under any name. */
  absent: string[];
  /** In the answer under another name: `{ display_name: 'displayName' }`. */
  renamed: Record<string, string>;
  /** In the answer, by the name it has there, with another value: its JSON type there (`String`, `Number`, `Boolean`, `Object`, `Array`, `null`). */
  types: Record<string, string>;
}

/** A 5xx, or no answer before the test ended: a possible defect. */
export function isDefect(finding: Finding): boolean {
  return finding.status === 0 || (finding.status >= 500 && !finding.contradicted);
}

/** A 400/422 to a write the kit built: a request to build another way. */
export function isRefusal(finding: Finding): boolean {
  return finding.status >= 400 && finding.status < 500 && !finding.contradicted;
}

/** How the summary and the known failure's comment say what the service did: `answered 500`, or `did not answer`. */
export function answerText(status: number): string {
  return status === 0 ? 'did not answer before the test timed out' : `answered ${status}`;
}

/** The findings of the last whole-suite run; none when there was none. */
export function readFindings(root: string): Finding[] {
  const entries = readCacheJson(root, FINDINGS_FILE);
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    const { file, test, request, status, contradicted, fields, echo } = (entry ?? {}) as Partial<Finding>;
    if (typeof file !== 'string' || typeof test !== 'string' || typeof request !== 'string' || typeof status !== 'number') return [];
    const read = contradictedFields(fields);
    const echoed = contradictedFields(echo);
    return [
      {
        file,
        test,
        request,
        status,
        ...(contradicted === true ? { contradicted } : {}),
        ...(read ? { fields: read } : {}),
        ...(echoed ? { echo: echoed } : {}),
      },
    ];
  });
}

/** The fields' record as the harness left it, where it has that shape. */
export function contradictedFields(value: unknown): ContradictedFields | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { held, absent, renamed, types } = value as Partial<Record<keyof ContradictedFields, unknown>>;
  const names = (list: unknown): list is string[] => Array.isArray(list) && list.every((name) => typeof name === 'string');
  const strings = (record: unknown): record is Record<string, string> =>
    Boolean(record) && typeof record === 'object' && Object.values(record as object).every((entry) => typeof entry === 'string');
  if (!names(held) || !names(absent) || !strings(renamed) || !strings(types)) return undefined;
  return { held, absent, renamed, types };
}
