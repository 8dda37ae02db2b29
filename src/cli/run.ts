import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { detectProject } from '../detect/index.ts';
import { formatEndpoint } from '../detect/routes/index.ts';
import { resolveAnswers } from '../kit/answers.ts';
import { createContext, type KitContext } from '../kit/context.ts';
import { declareEndpoint } from '../kit/declare-endpoint.ts';
import { planKit } from '../kit/plan-kit.ts';
import { applyTree, type ConflictPolicy } from '../plan/apply.ts';
import { classify } from '../plan/changes.ts';
import { snapshot, undoApply } from '../plan/undo.ts';
import { clearBootFailure, readBootFailure } from '../detect/boot-failure.ts';
import { unmetPeers } from '../detect/unmet-peers.ts';
import { answerText, readFindings } from '../detect/findings.ts';
import { recordRefusals } from '../detect/request-shapes.ts';
import { recordContradictions } from '../detect/pinned-statuses.ts';
import { LOCKFILES } from '../detect/package-manager.ts';
import { runScript } from '../steps/commands.ts';
import { install, isInstalled } from '../steps/install.ts';
import { verify } from '../steps/verify.ts';
import type { ParsedArgs } from './args.ts';
import { KitError } from '../kit/errors.ts';
import { paint } from './paint.ts';
import { serviceRoot } from './workspace.ts';
import { inquirerAsker, inquirerConflictResolver, isInteractive } from './prompts.ts';
import { detectionSummary, planSummary } from './report.ts';

/** detect, ask, plan, then (unless --dry-run) write, install and verify. */
export async function run(args: ParsedArgs): Promise<number> {
  const interactive = isInteractive(args.yes);
  const root = await serviceRoot(projectRoot(args.cwd, args['dry-run']), interactive, say);
  const detection = detectProject(root, {
    ...(args.app ? { app: args.app } : {}),
    ...(args.entry ? { entry: args.entry } : {}),
    ...(args.migrations ? { migrations: args.migrations } : {}),
    ...(args.openapi ? { openapi: args.openapi } : {}),
  });
  const answers = await resolveAnswers(args, detection, interactive ? await inquirerAsker() : undefined);
  const kit = createContext(detection, answers);
  say(detectionSummary(detection, answers, kit.versions.name));
  if (args.endpoint) declareEndpoint(kit, args.endpoint);

  await planKit(kit);
  const changes = classify(kit.tree, kit.paths.manifest);
  say(planSummary(changes, args['dry-run']));
  for (const note of kit.tree.notes) say(paint.yellow(`  note: ${note}`));

  if (args['dry-run']) {
    const pending = changes.filter((c) => c.status !== 'unchanged').length;
    say(`\nDry run: ${pending} file(s) would change; nothing was written.`);
    return 0;
  }

  const policy: ConflictPolicy = args.force ? 'force' : args['skip-existing'] ? 'skip' : interactive ? 'ask' : 'skip';
  // What apply and install change beyond the plan, to put back if the service cannot be started.
  const before = snapshot(root, [kit.paths.manifest, ...LOCKFILES.map(([file]) => file).filter((file) => file !== 'bun.lockb')]);
  const result = await applyTree(kit.tree, {
    manifestPath: kit.paths.manifest,
    policy,
    ...(policy === 'ask' ? { resolve: await inquirerConflictResolver() } : {}),
  });
  say(`\nWrote ${result.written.length} file(s); ${changes.length - result.written.length - result.kept.length} already up to date.`);
  if (result.kept.length) {
    say(
      paint.yellow(
        `Kept ${result.kept.length} file(s) you changed: ${result.kept.map((c) => c.path).join(', ')}. Run with --force to replace them, or --dry-run to see the differences.`,
      ),
    );
  }

  const packages = Object.keys(JSON.parse(kit.tree.read('package.json') ?? '{}').devDependencies ?? {});
  if (args.install && (result.written.some((c) => c.path === 'package.json') || !isInstalled(root, packages))) await install(root, answers.pm);
  const runCommand = runScript(answers.pm, 'test:integration').join(' ');
  if (args.verify) {
    if (!args.install && !isInstalled(root, packages)) {
      say(paint.yellow(`\nSkipped the verification run: dependencies are not installed (--no-install). Install them, then run ${runCommand}.`));
    } else {
      // The first run also shows the routes the app registers; endpoints the scan missed get their tests in a second plan.
      // Even a red first run has loaded the app and left its routes and answers. What it showed (routes the scan
      // missed, what the routes the kit cannot read answered) can change the plan: write it and run again, twice at most.
      clearBootFailure(root);
      // Each run also says which writes the service refused (400/422): built from the wrong names, the next plan builds them another way.
      const verifyRun = async (env?: Record<string, string>) => {
        const passed = await verify(root, answers.pm, env);
        const findings = readFindings(root);
        recordRefusals(root, findings);
        recordContradictions(root, findings);
        return passed;
      };
      let green = await verifyRun({ ITEST_COVERAGE: 'report', ITEST_BOOT_FAIL_FAST: '1' });
      // A service that does not start gets no harness: the project is put back as it was, and the reason is the one line.
      const bootFailure = readBootFailure(root);
      if (bootFailure) {
        undoApply(root, result, before);
        const peers = unmetPeers(root, detection.packageJson.json);
        const misfit = peers.length ? ` Its installed dependencies do not fit together, a likely cause: ${peers.join('; ')}.` : '';
        throw new KitError(`${bootFailure}${misfit} Fix the start-up, or point the kit at another file with --entry <file>.`);
      }
      let planned = kit;
      for (let round = 0; round < 2; round++) {
        const { next, added, written, packageJson } = await replanFromRun(args, planned, policy);
        // What the run taught the plan (a request body rebuilt, a defect found) is said as it is planned.
        for (const note of next.tree.notes.filter((note) => !planned.tree.notes.includes(note))) say(paint.yellow(`  note: ${note}`));
        planned = next;
        if (!written) break;
        // What the install brought can widen the plan (better-sqlite3 reads the schema: factories need faker).
        if (packageJson && args.install) await install(root, answers.pm);
        say(
          added
            ? `\nThe app registers ${added} endpoint(s) the scan did not find: their tests are written; running the suite again.`
            : `\nTightened ${written} test file(s) with what the first run showed (route answers, refused request bodies, retry schedules); running the suite again.`,
        );
        green = await verifyRun();
      }
      if (!green) {
        say(paint.red(`\nThe generated suite failed. The failures above name the test and the route; fix the app or adjust the test, then run ${runCommand}.`));
        return 1;
      }
      const defects = planned.findings;
      say(paint.green(`\nThe integration suite is green${defects.length ? `, with ${defects.length} known failure(s)` : ''}.`));
      if (defects.length) {
        say(paint.yellow('Possible defects in the service (the request the kit believes valid, and its answer):'));
        for (const finding of defects) say(`  ${finding.request} ${answerText(finding.status)}: ${finding.test} (${finding.file}, test.fails)`);
      }
    }
  }
  say(nextSteps(kit.paths.checklist, runCommand, runScript(answers.pm, 'coverage:integration').join(' ')));
  return 0;
}

/**
 * Plans again now that a run left the routes the app registers (the framework's own view) and
 * what each answered; returns how many endpoints that added and how many files it wrote.
 */
async function replanFromRun(
  args: ParsedArgs,
  previous: KitContext,
  policy: ConflictPolicy,
): Promise<{ next: KitContext; added: number; written: number; packageJson: boolean }> {
  const known = new Set(previous.routes.routes.map(formatEndpoint));
  // Same project, same answers: only what the context reads from the run-time cache is new.
  const kit = createContext(previous.detection, previous.answers);
  if (args.endpoint) declareEndpoint(kit, args.endpoint);
  const added = kit.routes.routes.filter((route) => !known.has(formatEndpoint(route))).length;
  await planKit(kit);
  const result = await applyTree(kit.tree, { manifestPath: kit.paths.manifest, policy });
  // CHECKLIST.md changes nothing a test does (its coverage threshold follows the run): no reason to run again.
  const written = result.written.filter((change) => change.path !== kit.paths.checklist).length;
  return { next: kit, added, written, packageJson: result.written.some((change) => change.path === 'package.json') };
}

function nextSteps(checklist: string, runCommand: string, coverageCommand: string): string {
  return [
    '',
    paint.bold('Next steps'),
    `  ${runCommand}`,
    '      runs the integration suite',
    `  ${coverageCommand}`,
    "      the same, with the service's line coverage and its least covered handlers",
    `  ${checklist}`,
    '      what the harness covers, and what is left',
    '  npx create-itest-kit check --strict',
    '      re-derives every checklist item from the tests and one run (for CI: fails when a ticked item no longer holds)',
    '  npx create-itest-kit',
    '      run again after adding routes or migrations: it updates what it generated and keeps your edits',
  ].join('\n');
}

function projectRoot(cwd: string | undefined, dryRun: boolean): string {
  const root = path.resolve(cwd ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new KitError(`--cwd ${cwd}: no such folder; pass the folder of an existing Node project.`);
  }
  if (!isDir) throw new KitError(`--cwd ${cwd} is a file, not a folder; pass the project folder.`);
  if (!dryRun) {
    try {
      accessSync(root, constants.W_OK);
    } catch {
      throw new KitError(`${root} is not writable: fix its permissions or run with --dry-run to only see the plan.`);
    }
  }
  return root;
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}
