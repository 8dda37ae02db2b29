import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Minutes each e2e file takes on the CI machine (two cores, 2026-12-07), longest first: two workers
 * then finish close together (Vitest's own order puts large files first, and the database matrix's
 * files are four lines long). A file not listed goes by Vitest's order, after these.
 */
const MINUTES: Record<string, number> = {
  'databases-mysql-sqlite.test.ts': 16,
  'databases-postgres.test.ts': 13,
  'as-they-are.test.ts': 13,
  'as-they-are-servers.test.ts': 13,
  'frameworks.test.ts': 10,
  'http-clients.test.ts': 8,
  'scaffold.test.ts': 7,
  'check.test.ts': 3,
  'no-database.test.ts': 1,
};

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const cost = (spec: TestSpecification) => MINUTES[spec.moduleId.split('/').pop()!] ?? 0;
    return [...sorted].sort((a, b) => cost(b) - cost(a));
  }
}
