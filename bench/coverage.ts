// Issue #17's measure, printed as a table (never asserted): per fixture, the line and branch coverage
// of the service that the suite the kit generates reaches in its first minute, and its least covered
// handler. Published anchors for generated REST tests (line coverage, c8): EvoMaster averages 79% over
// six Node.js APIs after a one-hour search; Schemathesis reaches 69.7% on a NestJS RealWorld app.
// Usage: npx tsx bench/coverage.ts [fixture ...]   (Postgres/MySQL fixtures need containers: see README)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { COVERAGE_SUMMARY_FILE } from '../src/coverage/service-source.ts';
import { fixtureCopy, runKit } from '../test/support/projects.ts';
import { machineNode } from '../test/support/runtimes.ts';

interface Count {
  total: number;
  covered: number;
}

interface Summary {
  lines: Count;
  branches: Count;
  handlers: { endpoint: string; lines: Count }[];
}

const FIXTURES = path.join(import.meta.dirname, '..', 'test', 'fixtures');
const runtime = machineNode();
const names = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(FIXTURES).filter((name) => name !== 'npm-workspace-root');
const pct = (count: Count) => (count.total ? `${Math.round((1000 * count.covered) / count.total) / 10}%` : '-');
const rows: string[] = [];

for (const name of names) {
  const started = performance.now();
  const dir = await fixtureCopy(name, runtime);
  const kit = await runKit(dir, ['--yes'], runtime);
  const seconds = `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const output = kit.all?.replace(/\x1b\[[0-9;]*m/g, '') ?? '';
  const endpoints = /Endpoint coverage: (\d+ of \d+)/.exec(output)?.[1] ?? '-';
  const tests = /Tests\s+(\d+) passed/.exec(output.slice(output.lastIndexOf('Test Files')))?.[1] ?? '-';
  let summary: Summary | undefined;
  try {
    summary = JSON.parse(readFileSync(path.join(dir, COVERAGE_SUMMARY_FILE), 'utf8')) as Summary;
  } catch {
    summary = undefined;
  }
  if (kit.exitCode !== 0 || !summary) {
    rows.push(`| ${name} | kit exited ${kit.exitCode}${summary ? '' : ', no coverage'} | ${endpoints} | ${tests} | - | - | - | ${seconds} |`);
    continue;
  }
  const least = summary.handlers
    .filter((handler) => handler.lines.total > 0)
    .sort((a, b) => a.lines.covered / (a.lines.total || 1) - b.lines.covered / (b.lines.total || 1))[0];
  rows.push(
    `| ${name} | green | ${endpoints} | ${tests} | ${pct(summary.lines)} | ${pct(summary.branches)} | ${least ? `${least.endpoint} ${pct(least.lines)}` : '-'} | ${seconds} |`,
  );
  console.error(`${name}: ${pct(summary.lines)} of lines`);
}

console.log("\nCoverage of each fixture service by the suite the kit generates (anchors: EvoMaster 79% after an hour's search, Schemathesis 69.7%)\n");
console.log('| fixture | outcome | endpoints called | tests | lines | branches | least covered handler | time |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
