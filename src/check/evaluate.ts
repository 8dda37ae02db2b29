import { CHECKLIST, type ChecklistClaim } from '../checklist/items.ts';
import type { Route } from '../detect/routes/index.ts';
import type { Schema } from '../detect/schema-sqlite.ts';
import type { RunRecord } from './run-record.ts';
import type { RunOutcome } from './run-suite.ts';
import { cleanDatabase, errorResponses, everyEndpointCalled, fastTests, lineCoverage, noOpenHandles, type RowsLeft } from './run-items.ts';
import * as files from './static-items.ts';
import { writtenRequests, type TestTree } from './test-tree.ts';
import { holds, open, unknown, type Finding, type Verdict } from './verdict.ts';

/** What the check knows: the service as the kit models it, the tests on disk, and one run of them. */
export interface CheckFacts {
  routes: readonly Route[];
  schema?: Schema;
  /** The service has a data layer: database items apply. */
  database: boolean;
  migrations?: string;
  runner?: string;
  tree: TestTree;
  run: RunOutcome;
  rowsLeft?: RowsLeft[];
  coverageThreshold: number;
  /** What the kit's generators would claim for this service, and which of those files are on disk. */
  claims: readonly ChecklistClaim[];
  onDisk: (file: string) => boolean;
}

/** One verdict per checklist item, in the checklist's order. */
export function evaluate(facts: CheckFacts): Verdict[] {
  // Read once for all 34 items: the run's record, and the test names the constraint items look for.
  const record = 'record' in facts.run ? facts.run.record : undefined;
  const testNames = record ? record.tests.map((test) => `${test.file} ${test.name}`) : staticTestNames(facts.tree);
  return CHECKLIST.map((item) => ({ id: item.id, ...judge(item.id, facts, item.hint, record, testNames) }));
}

function judge(id: string, facts: CheckFacts, hint: string, record: RunRecord | undefined, testNames: readonly string[]): Finding {
  const { tree, run } = facts;
  const fromRun = (finding: (r: RunRecord) => Finding): Finding => (record ? finding(record) : unknown(`no run: ${'skipped' in run ? run.skipped : ''}`));
  const withDatabase = (finding: () => Finding): Finding => (facts.database ? finding() : open('the service has no database'));
  switch (id) {
    case 'setup.database':
      return withDatabase(() => files.testDatabase(tree));
    case 'setup.external-mocked':
    case 'quick.no-network':
      return files.networkBlocked(tree);
    case 'setup.migrations':
      return files.migrations(tree, facts.migrations);
    case 'setup.fixtures':
    case 'async.fixtures':
      return files.fixtures(tree);
    case 'db.in-memory':
      return withDatabase(() => files.inMemory(tree));
    case 'db.rollback':
      return withDatabase(() => files.rollback(tree));
    case 'db.unique':
      return withDatabase(() => files.constraintTests(facts.schema, 'unique', testNames));
    case 'db.foreign-keys':
      return withDatabase(() => files.constraintTests(facts.schema, 'foreign-keys', testNames));
    case 'db.indexes':
      return withDatabase(() => files.constraintTests(facts.schema, 'indexes', testNames));
    case 'api.all-endpoints':
      return fromRun((r) => everyEndpointCalled(facts.routes, r, writtenRequests(tree)));
    case 'api.status-codes':
      return files.statusAssertions(tree);
    case 'api.response-schema':
      return files.schemaValidation(tree);
    case 'api.error-responses':
      return fromRun((r) => errorResponses(facts.routes, r));
    case 'api.headers':
      return files.headerAssertions(tree);
    case 'async.runner':
      return files.asyncRunner(tree, facts.runner);
    case 'async.mocks-awaited':
      return files.awaitedMocks(tree);
    case 'async.handles':
      return fromRun((r) => noOpenHandles('record' in run && run.hanging, r));
    case 'data.factories':
      return withDatabase(() => files.factoryPerTable(tree, facts.schema));
    case 'data.cleanup':
    case 'quick.clean-db':
      return withDatabase(() => (record ? cleanDatabase(facts.rowsLeft, files.rollback(tree)) : unknown('no run to count rows in')));
    case 'quick.fast':
      return fromRun(fastTests);
    case 'quick.coverage':
      return fromRun((r) => lineCoverage(r, facts.coverageThreshold));
    default:
      return claimedFiles(id, facts, hint, record);
  }
}

/**
 * Items about what the service calls out to (clients, retries, timeouts) and test data: they hold
 * where the tests the kit plans for them are on disk and passed in the run.
 */
function claimedFiles(id: string, facts: CheckFacts, hint: string, record: RunRecord | undefined): Finding {
  const claimed = [...new Set(facts.claims.filter((claim) => claim.id === id).flatMap((claim) => claim.files))];
  if (!claimed.length) return open(hint);
  const missing = claimed.filter((file) => !facts.onDisk(file));
  if (missing.length) return open(`missing: ${files.listed(missing)}`);
  const failed = record?.tests.filter((test) => claimed.includes(test.file) && test.state === 'failed') ?? [];
  if (failed.length) return open(`failing: ${files.listed(failed.map((test) => `${test.file} > ${test.name}`))}`);
  return holds(files.listed(claimed));
}

/** Without a run, test names as the files spell them: each title with the file's describe titles before it. */
function staticTestNames(tree: TestTree): string[] {
  return tree.files.flatMap((file) => {
    const describes = [...file.text.matchAll(/\bdescribe\(\s*(['"`])(.+?)\1/g)].map((match) => match[2]!).join(' ');
    return [...file.text.matchAll(/\b(?:test|it)\(\s*(['"`])(.+?)\1/g)].map((match) => `${file.path} ${describes} ${match[2]}`);
  });
}
