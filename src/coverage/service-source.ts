import { readCacheJson } from '../detect/cache-json.ts';
import type { KitContext } from '../kit/context.ts';

/**
 * The service's own code, as coverage globs: every folder (at the top of the project) that holds
 * the app, its entry or a route handler, and such files at the root by name. Tests, declarations
 * and the harness are left out by the config's exclude list.
 */
export function serviceSourceGlobs(kit: KitContext): string[] {
  const files = [kit.app.file, kit.app.entry?.file, ...kit.routes.routes.flatMap((route) => [route.file, route.handler?.file])];
  const globs = new Set<string>();
  for (const file of files) {
    if (!file || file.startsWith('node_modules/')) continue;
    const [top, ...rest] = file.split('/');
    // Code only: a folder's README.md or JSON would be parsed as JavaScript for the uncovered-files report.
    globs.add(rest.length ? `${top}/**/*.${CODE_EXTENSIONS}` : file);
  }
  return [...globs].sort();
}

/** The extensions of a service's code, as a glob alternation. */
const CODE_EXTENSIONS = '{ts,mts,cts,js,mjs,cjs,tsx,jsx}';

/**
 * What coverage leaves out of those folders: tests (the harness, the team's own test folders),
 * declarations, and migrations and seeds, which run once before the tests, not in them.
 */
export function serviceSourceExcludes(kit: KitContext): string[] {
  return [`${kit.paths.dir}/**`, '**/*.{test,spec}.*', '**/*.d.ts', '**/node_modules/**', '**/{test,tests,__tests__}/**', '**/{migrations,seeders,seeds}/**'];
}

/** Where the V8 provider writes its reports: the kit's cache, out of the team's tree. */
export const COVERAGE_DIR = 'node_modules/.cache/create-itest-kit/coverage';

/** The summary the harness's reporter leaves for `itest-kit check`: totals, per file, per handler. */
export const COVERAGE_SUMMARY_FILE = 'node_modules/.cache/create-itest-kit/coverage.json';

/** Where each test file leaves the tables it added rows to and did not remove (support/rows-left). */
export const ROWS_LEFT_DIR = 'node_modules/.cache/create-itest-kit/rows-left';

/** The service's line coverage in the last run with coverage (percent), where there was one. */
export function readLineCoverage(root: string): number | undefined {
  const summary = readCacheJson(root, COVERAGE_SUMMARY_FILE) as { lines?: { total?: unknown; covered?: unknown } } | undefined;
  const { total, covered } = summary?.lines ?? {};
  return typeof total === 'number' && typeof covered === 'number' && total > 0 ? (100 * covered) / total : undefined;
}
