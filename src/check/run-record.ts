/**
 * What one run of a suite showed, as the kit's check reporter leaves it (src/check/run-reporter.ts):
 * each test's outcome and time, what the api fixture recorded, and the service's coverage.
 */
export interface RunRecord {
  tests: RunTest[];
  /** Errors outside any test (a file that could not load, an unhandled rejection), first line each. */
  errors: string[];
  coverage?: CoverageRecord;
}

export interface RunTest {
  file: string;
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  /** Milliseconds. */
  duration: number;
  error?: string;
  /** `METHOD /url` per request the api fixture sent, and `METHOD /url status kind` per answer. */
  calls: string[];
  answers: string[];
}

export interface Count {
  total: number;
  covered: number;
}

export interface CoverageRecord {
  lines: Count;
  branches: Count;
  /** Per file (relative to the project): its lines, and the hit count of each line. */
  files: Record<string, { lines: Count; hits: Record<string, number> }>;
}
