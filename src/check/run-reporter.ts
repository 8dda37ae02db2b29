import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CoverageRecord, RunRecord, RunTest } from './run-record.ts';

/**
 * The Vitest reporter `itest-kit check` adds to the run it makes: it leaves a RunRecord where
 * ITEST_CHECK_RECORD says. Bundled on its own (dist/check-reporter.js) and free of imports but
 * Node's, so any project's Vitest (3, 4 or 5) can load it from the kit's folder.
 */
export default class CheckReporter {
  private root = process.cwd();
  private coverage: CoverageRecord | undefined;
  private record: RunRecord | undefined;

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  // Vitest 4 and 5 report coverage before the run's end, Vitest 3 after it: whichever comes last writes.
  onCoverage(coverage: unknown): void {
    this.coverage = coverageRecord(coverage as CoverageMap, this.root);
    if (this.record) this.write({ ...this.record, coverage: this.coverage });
  }

  onTestRunEnd(testModules: readonly TestModule[], errors: readonly { message?: string }[] = []): void {
    const tests = testModules.flatMap((testModule) =>
      [...testModule.children.allTests()].map((test) => runTest(test, path.relative(this.root, testModule.moduleId).split(path.sep).join('/'))),
    );
    const loadErrors = testModules.flatMap((testModule) =>
      testModule.errors().map((error) => `${path.relative(this.root, testModule.moduleId)}: ${firstLine(error.message)}`),
    );
    this.record = { tests, errors: [...loadErrors, ...errors.map((error) => firstLine(error.message))] };
    this.write({ ...this.record, ...(this.coverage ? { coverage: this.coverage } : {}) });
  }

  private write(record: RunRecord): void {
    if (process.env.ITEST_CHECK_RECORD) writeFileSync(process.env.ITEST_CHECK_RECORD, `${JSON.stringify(record)}\n`);
  }
}

function runTest(test: TestCase, file: string): RunTest {
  const result = test.result();
  const meta = test.meta() as { endpointCalls?: string[]; endpointAnswers?: string[] };
  const error = result.errors?.[0]?.message;
  return {
    file,
    name: test.fullName,
    state: result.state,
    duration: Math.round(test.diagnostic()?.duration ?? 0),
    ...(error ? { error: firstLine(error) } : {}),
    calls: meta.endpointCalls ?? [],
    answers: meta.endpointAnswers ?? [],
  };
}

function coverageRecord(map: CoverageMap, root: string): CoverageRecord {
  const record: CoverageRecord = { lines: { total: 0, covered: 0 }, branches: { total: 0, covered: 0 }, files: {} };
  for (const absolute of map.files()) {
    const file = map.fileCoverageFor(absolute);
    const { lines, branches } = file.toSummary();
    record.files[path.relative(root, absolute).split(path.sep).join('/')] = {
      lines: { total: lines.total, covered: lines.covered },
      hits: file.getLineCoverage(),
    };
    record.lines.total += lines.total;
    record.lines.covered += lines.covered;
    record.branches.total += branches.total;
    record.branches.covered += branches.covered;
  }
  return record;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]!.slice(0, 300);
}

// The few shapes of Vitest's reporter API this reads, declared here so the bundle imports nothing.
interface TestCase {
  fullName: string;
  result(): { state: RunTest['state']; errors?: readonly { message?: string }[] };
  meta(): object;
  diagnostic(): { duration: number } | undefined;
}

interface TestModule {
  moduleId: string;
  children: { allTests(): Iterable<TestCase> };
  errors(): readonly { message?: string }[];
}

interface CoverageMap {
  files(): string[];
  fileCoverageFor(file: string): {
    getLineCoverage(): Record<string, number>;
    toSummary(): { lines: { total: number; covered: number }; branches: { total: number; covered: number } };
  };
}
