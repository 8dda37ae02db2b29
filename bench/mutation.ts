// Issue #15's measure, printed as a table (never asserted here; the e2e asserts each mutant is killed):
// per fixture, how many of its mutants the suite the kit generates turns red: those listed by hand in
// test/mutants/index.ts and those the operators in test/mutants/operators.ts derive from its source.
// Usage: npx tsx bench/mutation.ts [fixture ...]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { MUTANTS, type Mutant } from '../test/mutants/index.ts';
import { derivedMutants } from '../test/mutants/operators.ts';
import { fixtureCopy, runKit } from '../test/support/projects.ts';
import { machineNode } from '../test/support/runtimes.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'test', 'fixtures');
const runtime = machineNode();
/** The fixture's hand-written mutants, then those the operators derive from its source (where no hand-written one makes the same change). */
const mutantsOf = (name: string): Mutant[] => {
  const listed = MUTANTS[name] ?? [];
  const derived = derivedMutants(path.join(FIXTURES, name)).filter(
    (mutant) => !listed.some((own) => own.file === mutant.file && own.from.includes(mutant.from)),
  );
  return [...listed, ...derived];
};
const names = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(FIXTURES).filter((name) => mutantsOf(name).length);
const rows: { fixture: string; tests: string; killed: number; total: number; survivors: string[]; seconds: number }[] = [];

for (const name of names) {
  const mutants = mutantsOf(name);
  if (!mutants.length) throw new Error(`No mutants for ${name}: list some in test/mutants/index.ts.`);
  const started = performance.now();
  const dir = await fixtureCopy(name, runtime);
  const scaffold = await runKit(dir, ['--yes'], runtime);
  if (scaffold.exitCode !== 0) {
    // A fixture the kit does not get to green is a row of its own, not the end of the table.
    rows.push({
      fixture: name,
      tests: `kit exited ${scaffold.exitCode}`,
      killed: 0,
      total: mutants.length,
      survivors: ['(not run)'],
      seconds: (performance.now() - started) / 1000,
    });
    continue;
  }
  const tests = (/Tests\s+(\d+ passed[^\n]*)/.exec(scaffold.all?.replace(/\x1b\[[0-9;]*m/g, '') ?? '')?.[1] ?? '?').replaceAll(' | ', ', ');
  const survivors: string[] = [];
  for (const mutant of mutants) {
    const file = path.join(dir, mutant.file);
    const source = readFileSync(file, 'utf8');
    if (!source.includes(mutant.from)) throw new Error(`${name}: mutant "${mutant.name}" does not apply to ${mutant.file}.`);
    writeFileSync(file, source.replace(mutant.from, mutant.to));
    const run = await execa('npm', ['run', 'test:integration'], { cwd: dir, reject: false, env: runtime.env });
    writeFileSync(file, source);
    if (run.exitCode === 0) survivors.push(mutant.name);
  }
  rows.push({
    fixture: name,
    tests,
    killed: mutants.length - survivors.length,
    total: mutants.length,
    survivors,
    seconds: (performance.now() - started) / 1000,
  });
  console.error(`${name}: ${mutants.length - survivors.length}/${mutants.length}${survivors.length ? ` (survived: ${survivors.join('; ')})` : ''}`);
}

console.log('\nMutation score of the generated suites (goal: 90% or more on each fixture)\n');
console.log('| fixture | generated tests | killed | score | survivors | time |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.fixture} | ${row.tests} | ${row.killed}/${row.total} | ${Math.round((100 * row.killed) / row.total)}% | ${row.survivors.join('; ') || '-'} | ${row.seconds.toFixed(0)} s |`,
  );
}
