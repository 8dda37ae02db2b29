import type { HandlerLines, Route } from '../detect/routes/index.ts';
import type { RunRecord } from './run-record.ts';
import { listed } from './static-items.ts';
import { holds, open, type Finding } from './verdict.ts';

/** Items only a run of the suite settles: what it called, how long it took, what it left behind. */

/** The checklist's bound for one test. */
export const SLOW_MS = 5000;

/** `GET /users/7?x=1` matches `GET /users/:id`; `*` takes the rest. */
export function matchesEndpoint(endpointPath: string, requestPath: string): boolean {
  const pattern = endpointPath.split('/');
  const actual = requestPath.split(/[?#]/)[0]!.split('/');
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]!;
    if (segment.startsWith('*')) return actual.length > i;
    if (i >= actual.length || (!segment.startsWith(':') && segment !== safeDecode(actual[i]!))) return false;
  }
  return pattern.length === actual.length;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function endpointOf(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/**
 * Whether any test sent a request to the route (the api fixture's record, or a request written in a
 * test file: `request(app).get('/users')`), else whether its handler's body ran (coverage).
 */
function called(route: Route, record: RunRecord, written: readonly string[]): boolean {
  const method = route.method.toUpperCase();
  const requests = [...record.tests.flatMap((test) => test.calls), ...written];
  if (requests.some((call) => call.startsWith(`${method} `) && matchesEndpoint(route.path, call.slice(method.length + 1)))) return true;
  return handlerRan(route.handler, record);
}

/** Lines inside the handler (its first line runs when the route is registered, not when it is called). */
function handlerRan(handler: HandlerLines | undefined, record: RunRecord): boolean {
  const hits = handler && record.coverage?.files[handler.file]?.hits;
  if (!handler || !hits) return false;
  return Object.entries(hits).some(([line, count]) => Number(line) > handler.from && Number(line) <= handler.to && Number(count) > 0);
}

export function everyEndpointCalled(routes: readonly Route[], record: RunRecord, written: readonly string[] = []): Finding {
  if (!routes.length) return open('no endpoints found in the service');
  const never = routes.filter((route) => !called(route, record, written)).map(endpointOf);
  const count = `${routes.length - never.length} of ${routes.length} endpoints called`;
  return never.length ? open(`${count}; never called: ${listed(never, 5)}`) : holds(count);
}

/** Error statuses a route's code names, a test can provoke without breaking the service (500s are counted where a run saw them). */
const CLIENT_ERRORS = [400, 401, 403, 404, 409, 422];

/**
 * Each route whose code answers client errors got at least one of them in the run; the statuses
 * seen come from the api fixture's record. A suite without that record is judged by its assertions.
 */
export function errorResponses(routes: readonly Route[], record: RunRecord): Finding {
  const answers = record.tests.flatMap((test) => test.answers.map((answer) => answer.split(' ')));
  const failing = routes.filter((route) => route.statuses.some((status) => CLIENT_ERRORS.includes(status)) || route.guarded);
  if (!answers.length) {
    const asserted = [...new Set(record.tests.flatMap((test) => [...test.name.matchAll(/\b(4\d\d|500)\b/g)].map((match) => match[1]!)))];
    return asserted.length
      ? holds(`tests name error statuses ${listed(asserted, 6)} (no per-route record: tests do not use the api fixture)`)
      : open('no test names an error status, and no per-route record');
  }
  const statusesOf = (route: Route) =>
    answers.filter(([method, url]) => method === route.method.toUpperCase() && matchesEndpoint(route.path, url ?? '')).map(([, , status]) => Number(status));
  const missing = failing.filter((route) => !statusesOf(route).some((status) => status >= 400)).map(endpointOf);
  const seen = [...new Set(answers.map(([, , status]) => Number(status)).filter((status) => status >= 400))].sort();
  const count = `${failing.length - missing.length} of ${failing.length} routes with error paths answered one (${seen.join(', ') || 'none'} seen)`;
  return missing.length ? open(`${count}; no error answer from ${listed(missing, 5)}`) : holds(count);
}

export function fastTests(record: RunRecord): Finding {
  const ran = record.tests.filter((test) => test.state === 'passed' || test.state === 'failed');
  if (!ran.length) return open('no test ran');
  const slow = ran.filter((test) => test.duration >= SLOW_MS || /timed out in \d+ms/i.test(test.error ?? ''));
  const slowest = [...ran].sort((a, b) => b.duration - a.duration)[0]!;
  if (slow.length)
    return open(`${slow.length} test(s) at or over ${SLOW_MS / 1000} s: ${listed(slow.map((test) => `${test.name} (${seconds(test.duration)})`))}`);
  return holds(`${ran.length} tests, the slowest ${seconds(slowest.duration)} (${slowest.name})`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Per test file, the tables it added rows to and left (support/rows-left). */
export interface RowsLeft {
  file: string;
  tables: string[];
}

export function cleanDatabase(rows: readonly RowsLeft[] | undefined, rollback: Finding): Finding {
  if (!rows?.length) return rollback.status === 'holds' ? holds(`${rollback.evidence} (rows per file not measured: no support/rows-left)`) : rollback;
  const dirty = rows.filter((entry) => entry.tables.length);
  if (dirty.length) return open(`${listed(dirty.map((entry) => `${entry.file} left rows in ${entry.tables.join(', ')}`))}`);
  return holds(`row counts per table equal before and after each of ${rows.length} test files`);
}

export function noOpenHandles(hanging: boolean, record: RunRecord): Finding {
  if (hanging) return open('Vitest reported something keeping the process alive after the run (an open handle: a server, a pool, a timer)');
  const leaks = record.errors.filter((error) => /handle|EADDRINUSE|still running/i.test(error));
  return leaks.length ? open(listed(leaks)) : holds('the run ended without Vitest waiting on an open handle');
}

export function lineCoverage(record: RunRecord, threshold: number): Finding {
  const lines = record.coverage?.lines;
  if (!lines?.total) return open('no coverage in the run (install @vitest/coverage-v8 at the Vitest version)');
  const pct = Math.round((lines.covered / lines.total) * 1000) / 10;
  const text = `${pct}% of the service's lines (${lines.covered} of ${lines.total}), threshold ${threshold}%`;
  return pct >= threshold ? holds(text) : open(text);
}
