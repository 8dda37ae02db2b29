import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { git, gitStatus, runKit } from './projects.ts';
import type { Runtime } from './runtimes.ts';

/** Output without terminal colours. */
export function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** `Endpoint coverage: N of M endpoints called` from a run's output. */
export function endpointCoverage(output: string): { called: number; total: number } | undefined {
  const match = /Endpoint coverage: (\d+) of (\d+) endpoints called/.exec(plain(output));
  return match ? { called: Number(match[1]), total: Number(match[2]) } : undefined;
}

/**
 * Deletes the first generated API test file of a resource and runs the suite in CI: the endpoint-coverage
 * reporter must fail the run and name an endpoint, while every remaining test passes.
 * Without CI the same run only reports. The file is restored afterwards.
 */
export async function expectCoverageToFailWithoutATest(dir: string, runtime: Runtime, harness = 'test/integration'): Promise<void> {
  const apiDir = path.join(dir, harness, 'api');
  // A resource's own test file: api/edge-cases.test calls create endpoints too, so removing it uncovers none.
  const [victim] = readdirSync(apiDir)
    .filter((name) => !name.startsWith('edge-cases.'))
    .sort();
  const file = path.join(apiDir, victim!);
  const source = readFileSync(file, 'utf8');
  rmSync(file);
  try {
    const strict = await execa('npm', ['run', 'test:integration'], { cwd: dir, reject: false, all: true, env: { ...runtime.env, CI: 'true' } });
    const output = plain(strict.all);
    expect(strict.exitCode, output).not.toBe(0);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output).not.toMatch(/failed/);
    expect(output).toMatch(/never called: (GET|POST|PUT|PATCH|DELETE) \//);
    const relaxed = await execa('npm', ['run', 'test:integration'], { cwd: dir, reject: false, all: true, env: { ...runtime.env, CI: '' } });
    expect(relaxed.exitCode, plain(relaxed.all)).toBe(0);
    expect(plain(relaxed.all)).toMatch(/never called/);
  } finally {
    writeFileSync(file, source);
  }
}

/**
 * Commits the scaffolded project and runs the kit again: nothing may be written. Without the
 * verification run: the first run already ran the suite until a re-plan from what it showed wrote
 * nothing, and this plan reads those same observations.
 */
export async function expectSecondRunToChangeNothing(dir: string, runtime: Runtime): Promise<void> {
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'harness']);
  const result = await runKit(dir, ['--no-verify'], runtime);
  expect(result.exitCode, result.all).toBe(0);
  expect(result.stdout).toMatch(/Wrote 0 file\(s\)/);
  expect(await gitStatus(dir)).toBe('');
}

/** A change to the app's source, and (optionally) what the failing run must say. */
export interface Mutation {
  file: string;
  from: string;
  to: string;
  message?: RegExp;
}

/**
 * Applies the mutation, runs the suite (or only `files`, the tests that own what it breaks) and
 * expects it red, naming the message; the file is restored afterwards.
 */
export async function expectMutationToFailTheSuite(dir: string, runtime: Runtime, mutation: Mutation, files: string[] = []): Promise<string> {
  const file = path.join(dir, mutation.file);
  const source = readFileSync(file, 'utf8');
  expect(source).toContain(mutation.from);
  writeFileSync(file, source.replace(mutation.from, mutation.to));
  try {
    const result = await execa('npm', ['run', 'test:integration', ...(files.length ? ['--', ...files] : [])], {
      cwd: dir,
      reject: false,
      all: true,
      env: runtime.env,
    });
    const output = plain(result.all);
    expect(result.exitCode, output).not.toBe(0);
    expect(output).toMatch(/\d+ failed/);
    if (mutation.message) expect(output).toMatch(mutation.message);
    return output;
  } finally {
    writeFileSync(file, source);
  }
}
