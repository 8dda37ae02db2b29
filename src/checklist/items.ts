/**
 * The integration-testing checklist (shared/spec), in our words for a TypeScript
 * harness. Generators claim items by id; CHECKLIST.md ticks the claimed ones.
 */
export interface ChecklistItem {
  id: string;
  section: string;
  text: string;
  /** Shown when nothing claims the item: what would close it. */
  hint: string;
}

export const CHECKLIST: readonly ChecklistItem[] = [
  { id: 'setup.database', section: 'Pre-test setup', text: 'Test database configured (SQLite in memory, or a container)', hint: 'run the kit with --db' },
  {
    id: 'setup.external-mocked',
    section: 'Pre-test setup',
    text: 'External services mocked (no real network in tests)',
    hint: 'the mocks generator puts msw in front of every outbound request',
  },
  {
    id: 'setup.migrations',
    section: 'Pre-test setup',
    text: "The project's own migrations build the test schema",
    hint: 'point the kit at your migrations with --migrations',
  },
  { id: 'setup.fixtures', section: 'Pre-test setup', text: 'Test fixtures give every test its app and database', hint: 'the harness generator writes them' },

  { id: 'db.in-memory', section: 'Database', text: 'In-memory database for speed (`:memory:`)', hint: 'use --db sqlite' },
  { id: 'db.rollback', section: 'Database', text: 'Each test runs in a transaction that is rolled back', hint: 'the db generator wraps each test' },
  { id: 'db.unique', section: 'Database', text: 'Unique constraints tested', hint: 'constraint tests come with the db generator' },
  { id: 'db.foreign-keys', section: 'Database', text: 'Foreign key constraints verified', hint: 'constraint tests come with the db generator' },
  { id: 'db.indexes', section: 'Database', text: 'Index usage validated (query plans)', hint: 'index tests come with the db generator' },

  { id: 'api.all-endpoints', section: 'API', text: 'Every endpoint has at least one test', hint: 'run `itest-kit` again after adding routes' },
  { id: 'api.status-codes', section: 'API', text: 'HTTP status codes asserted', hint: 'the api generator asserts them' },
  { id: 'api.response-schema', section: 'API', text: 'Response bodies validated against a schema', hint: 'add an OpenAPI document' },
  { id: 'api.error-responses', section: 'API', text: 'Error responses tested (400, 401, 404, 500)', hint: 'error-path tests come with the api generator' },
  { id: 'api.headers', section: 'API', text: 'Request and response headers checked where they matter', hint: 'the api generator asserts content types' },

  { id: 'async.fixtures', section: 'Async', text: 'Async fixtures with teardown (`test.extend`)', hint: 'the harness generator writes them' },
  { id: 'async.runner', section: 'Async', text: 'Async tests awaited by the runner (no floating promises)', hint: 'the harness uses async tests throughout' },
  {
    id: 'async.mocks-awaited',
    section: 'Async',
    text: 'Async mocks asserted to have been awaited',
    hint: 'the mocks generator adds awaitedMock() and expectAwaited()',
  },
  { id: 'async.handles', section: 'Async', text: 'No open handles after the run (servers, pools, timers)', hint: 'the harness closes what it opens' },

  {
    id: 'ext.apis-mocked',
    section: 'External dependencies',
    text: 'Third-party APIs mocked',
    hint: 'no client of an external API found (fetch or axios in an exported function); add one to mocks/ with mockEndpoint()',
  },
  {
    id: 'ext.boundaries',
    section: 'External dependencies',
    text: 'Service boundaries tested',
    hint: 'no client of an external API found; the clients generator tests each one it finds',
  },
  {
    id: 'ext.timeouts',
    section: 'External dependencies',
    text: 'Timeout scenarios covered',
    hint: 'no timeout setting found (axios `timeout`, cockatiel `timeout()`, opossum `timeout`)',
  },
  {
    id: 'ext.circuit-breaker',
    section: 'External dependencies',
    text: 'Circuit breaker behaviour validated',
    hint: 'no circuit breaker found (cockatiel `circuitBreaker()`, opossum)',
  },

  {
    id: 'retry.transient',
    section: 'Retry and error handling',
    text: 'Transient failures trigger a retry',
    hint: 'no retry found (axios-retry, p-retry, cockatiel `retry()`)',
  },
  {
    id: 'retry.max-attempts',
    section: 'Retry and error handling',
    text: 'Maximum retry attempts respected',
    hint: 'no retry found (axios-retry, p-retry, cockatiel `retry()`)',
  },
  {
    id: 'retry.permanent',
    section: 'Retry and error handling',
    text: 'Permanent errors are not retried',
    hint: "no retry that stops on a 4xx found (p-retry `AbortError`, axios-retry's default condition)",
  },
  {
    id: 'retry.backoff',
    section: 'Retry and error handling',
    text: 'Backoff schedule verified',
    hint: 'no retry with a fixed delay schedule found (p-retry options, axios-retry `retryDelay`, cockatiel `ConstantBackoff`)',
  },

  { id: 'data.isolated', section: 'Test data', text: 'Test data isolated (no shared datasets)', hint: 'fixtures create what each test needs' },
  { id: 'data.cleanup', section: 'Test data', text: 'Data cleaned up after each test', hint: 'the rollback per test does it' },
  { id: 'data.factories', section: 'Test data', text: 'Factories build complex data', hint: 'the factories generator adds them' },
  { id: 'data.edge-cases', section: 'Test data', text: 'Edge-case data prepared', hint: 'the factories generator adds edge cases' },

  { id: 'quick.fast', section: 'Quick check', text: 'Each test finishes well under 5 seconds (`testTimeout: 5000`)', hint: 'the harness config sets it' },
  { id: 'quick.clean-db', section: 'Quick check', text: 'Database clean between tests', hint: 'the rollback per test does it' },
  { id: 'quick.no-network', section: 'Quick check', text: 'No real external calls', hint: 'the mocks generator blocks the network' },
  {
    id: 'quick.coverage',
    section: 'Quick check',
    text: 'Coverage tracks integration paths',
    hint: "the harness's coverage:integration script measures it (V8, with @vitest/coverage-v8)",
  },
];

export type ChecklistId = (typeof CHECKLIST)[number]['id'];

/** A generator's claim: these items hold because of these files. */
export interface ChecklistClaim {
  id: string;
  files: string[];
  by: string;
}
