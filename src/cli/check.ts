import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coverageThreshold, rewriteMarks, tickedItems } from '../check/checklist-marks.ts';
import { evaluate } from '../check/evaluate.ts';
import { verdictJson, verdictTable } from '../check/report.ts';
import type { RowsLeft } from '../check/run-items.ts';
import { runSuite } from '../check/run-suite.ts';
import { readTestTree } from '../check/test-tree.ts';
import { COVERAGE_DIR, ROWS_LEFT_DIR, serviceSourceExcludes, serviceSourceGlobs } from '../coverage/service-source.ts';
import { detectProject, type Detection } from '../detect/index.ts';
import { resolveAnswers } from '../kit/answers.ts';
import { createContext, type KitContext } from '../kit/context.ts';
import { planKit } from '../kit/plan-kit.ts';
import { hash, parseManifest, renderManifest } from '../plan/manifest.ts';
import type { ParsedArgs } from './args.ts';
import { KitError } from '../kit/errors.ts';
import { paint } from './paint.ts';

/**
 * `itest-kit check`: every checklist item re-derived from the repository and one run of the
 * suite, printed as a table (or --json), the marks in CHECKLIST.md set to what holds. --strict
 * fails when an item CHECKLIST.md ticked no longer holds.
 */
export async function check(args: ParsedArgs): Promise<number> {
  const root = path.resolve(args.cwd ?? process.cwd());
  if (!existsSync(path.join(root, 'package.json')))
    throw new KitError(`${root} has no package.json: run check in the service's folder, or pass it with --cwd <dir>.`);
  // Everything the run prints goes to stderr under --json: stdout is the JSON alone.
  const echo = args.json ? process.stderr : process.stdout;
  const say = (text: string) => echo.write(`${text}\n`);
  const detection = detectProject(root, {
    ...(args.app ? { app: args.app } : {}),
    ...(args.entry ? { entry: args.entry } : {}),
    ...(args.migrations ? { migrations: args.migrations } : {}),
  });
  const kit = await plannedKit(args, detection, say);
  const checklistFile = path.join(root, kit.paths.checklist);
  const markdown = existsSync(checklistFile) ? readFileSync(checklistFile, 'utf8') : undefined;
  const ticked = markdown ? tickedItems(markdown) : new Set<string>();
  const config = harnessConfig(root, kit);
  say(`Checking ${config ? `the suite of ${config}` : "the project's own tests"} (one run, with coverage where @vitest/coverage-v8 is installed)`);
  const run = await runSuite(root, {
    ...(config ? { config } : {}),
    coverageFlags: config ? [] : coverageFlags(kit),
    echo,
    ...(detection.testRunner ? { runner: detection.testRunner.value } : {}),
  });
  if ('skipped' in run) say(paint.yellow(`No run: ${run.skipped}.`));
  const verdicts = evaluate({
    routes: kit.routes.routes,
    ...(kit.schema ? { schema: kit.schema } : {}),
    database: detection.dataLayers.length > 0,
    ...(detection.migrations ? { migrations: detection.migrations.path } : {}),
    ...(detection.testRunner ? { runner: detection.testRunner.value } : {}),
    tree: readTestTree(root),
    run,
    rowsLeft: readRowsLeft(root),
    coverageThreshold: coverageThreshold(markdown),
    claims: kit.claims,
    onDisk: (file) => existsSync(path.join(root, file)),
  });

  if (args.json) process.stdout.write(verdictJson(verdicts, ticked));
  else say(verdictTable(verdicts, ticked));
  if (markdown !== undefined) {
    const { text, changed } = rewriteMarks(markdown, verdicts);
    if (changed.length) {
      writeChecklist(root, kit, markdown, text);
      say(`${kit.paths.checklist}: marks changed for ${changed.join(', ')}.`);
    }
  } else say(paint.dim('No CHECKLIST.md here: `npx create-itest-kit` writes one with the harness.'));
  const broken = verdicts.filter((verdict) => ticked.has(verdict.id) && verdict.status !== 'holds');
  if (args.strict && broken.length) {
    say(paint.red(`check --strict: ${broken.length} ticked item(s) no longer hold: ${broken.map((verdict) => verdict.id).join(', ')}.`));
    return 1;
  }
  return 0;
}

/**
 * The plan, in memory only: what the generators would claim for this service, to compare with what
 * is on disk. A service the kit cannot build a test database for (MongoDB) is still audited: its
 * plan is the one without a database, and its tests are read and run as they are.
 */
async function plannedKit(args: ParsedArgs, detection: Detection, say: (text: string) => void): Promise<KitContext> {
  const plan = async (flags: ParsedArgs) => {
    const kit = createContext(detection, await resolveAnswers({ ...flags, yes: true }, detection, undefined));
    await planKit(kit);
    return kit;
  };
  try {
    return await plan(args);
  } catch (error) {
    if (!(error instanceof KitError) || args.db === 'none') throw error;
    say(paint.yellow(`Planned as --db none: ${error.message}`));
    return plan({ ...args, db: 'none' });
  }
}

/** The harness's Vitest config, where the kit generated one. */
function harnessConfig(root: string, kit: KitContext): string | undefined {
  return ['ts', 'mts', 'mjs', 'js'].map((ext) => `${kit.paths.dir}/vitest.config.${ext}`).find((file) => existsSync(path.join(root, file)));
}

/** Coverage of the service's own code for a project whose config declares none. */
function coverageFlags(kit: KitContext): string[] {
  return [
    '--coverage.provider=v8',
    '--coverage.reporter=json-summary',
    `--coverage.reportsDirectory=${COVERAGE_DIR}`,
    ...serviceSourceGlobs(kit).map((glob) => `--coverage.include=${glob}`),
    ...serviceSourceExcludes(kit).map((glob) => `--coverage.exclude=${glob}`),
  ];
}

function readRowsLeft(root: string): RowsLeft[] | undefined {
  const dir = path.join(root, ROWS_LEFT_DIR);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as RowsLeft)
    .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Writes the new marks. Where the kit wrote the file and nobody changed it since, the manifest
 * takes the new content as the kit's too: the next `create-itest-kit` run may still update it.
 */
function writeChecklist(root: string, kit: KitContext, before: string, after: string): void {
  writeFileSync(path.join(root, kit.paths.checklist), after);
  const manifestFile = path.join(root, kit.paths.manifest);
  if (!existsSync(manifestFile)) return;
  const manifest = parseManifest(readFileSync(manifestFile, 'utf8'));
  if (manifest.files[kit.paths.checklist] !== hash(before)) return;
  manifest.files[kit.paths.checklist] = hash(after);
  writeFileSync(manifestFile, renderManifest(manifest));
}
