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
  /** The test failed on an answer that was neither a 5xx nor a refused write: an expectation the service contradicts. */
  contradicted?: boolean;
}

/** A 5xx: a possible defect. */
export function isDefect(finding: Finding): boolean {
  return finding.status >= 500 && !finding.contradicted;
}

/** A 400/422 to a write the kit built: a request to build another way. */
export function isRefusal(finding: Finding): boolean {
  return finding.status < 500 && !finding.contradicted;
}

/** The findings of the last whole-suite run; none when there was none. */
export function readFindings(root: string): Finding[] {
  const entries = readCacheJson(root, FINDINGS_FILE);
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    const { file, test, request, status, contradicted } = (entry ?? {}) as Partial<Finding>;
    if (typeof file !== 'string' || typeof test !== 'string' || typeof request !== 'string' || typeof status !== 'number') return [];
    return [{ file, test, request, status, ...(contradicted === true ? { contradicted } : {}) }];
  });
}
