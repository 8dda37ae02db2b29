import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ROWS_LEFT_DIR } from '../coverage/service-source.ts';
import { commandEnv } from '../steps/commands.ts';
import type { RunRecord } from './run-record.ts';

/** How the suite is run: the harness's own config, or the project's Vitest as it stands. */
export interface SuiteRun {
  /** The Vitest config to run (the harness's), or none: Vitest finds the project's own. */
  config?: string;
  /** Coverage options for a config that declares none (`--coverage.include=src/**`, ...). */
  coverageFlags: string[];
  /** Where the output of the run goes while it runs: the terminal, or (--json) stderr. */
  echo: NodeJS.WritableStream;
  /** The runner the project's own tests use, where the kit found one. */
  runner?: string;
}

export type RunOutcome = { record: RunRecord; hanging: boolean; output: string } | { skipped: string };

/** Vitest's words when something keeps the process alive after the tests: an open handle. */
const HANGING = /close timed out after|something prevents (?:the main process|Vite server) from exiting|Tests closed successfully but something prevents/i;

/** The reporter the kit ships beside its CLI (dist/check-reporter.js); this code may sit in dist/chunks/. */
function checkReporter(): string | undefined {
  return ['./check-reporter.js', '../check-reporter.js'].map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((file) => existsSync(file));
}

/**
 * Runs the suite once with the kit's reporter beside Vitest's default one (the project's own
 * reporters would fail a run the check only wants to read), with coverage where the provider is
 * installed. Rows-left notes of an earlier run are cleared first.
 */
export async function runSuite(root: string, run: SuiteRun): Promise<RunOutcome> {
  const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
  if (!existsSync(vitest)) {
    const why =
      run.runner && run.runner !== 'vitest'
        ? `the tests run on ${run.runner}, which the check does not run`
        : 'Vitest is not installed here (install the dependencies first)';
    return { skipped: `${why}: only what the files show was checked` };
  }
  const reporter = checkReporter();
  if (!reporter) return { skipped: 'the kit has no check reporter in this build (run npm run build)' };
  const coverage = existsSync(path.join(root, 'node_modules', '@vitest', 'coverage-v8')) ? ['--coverage.enabled=true', ...run.coverageFlags] : [];
  const dir = mkdtempSync(path.join(tmpdir(), 'itest-check-'));
  const out = path.join(dir, 'run.json');
  rmSync(path.join(root, ROWS_LEFT_DIR), { recursive: true, force: true });
  try {
    const args = ['run', ...(run.config ? ['--config', run.config] : []), '--reporter=default', `--reporter=${reporter}`, ...coverage];
    const child = execa(vitest, args, {
      cwd: root,
      all: true,
      reject: false,
      extendEnv: false,
      env: commandEnv({ ITEST_CHECK_RECORD: out, ITEST_COVERAGE: 'report' }),
      timeout: 20 * 60_000,
    });
    child.all?.pipe(run.echo, { end: false });
    const result = await child;
    if (!existsSync(out))
      return { skipped: `the suite did not finish (${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}): ${lastLine(result.all ?? '')}` };
    return { record: JSON.parse(readFileSync(out, 'utf8')) as RunRecord, hanging: HANGING.test(result.all ?? ''), output: result.all ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1)?.slice(0, 200) ?? 'no output';
}
