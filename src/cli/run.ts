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
import { runScript } from '../steps/commands.ts';
import { install, isInstalled } from '../steps/install.ts';
import { verify } from '../steps/verify.ts';
import type { ParsedArgs } from './args.ts';
import { KitError } from './errors.ts';
import { paint } from './paint.ts';
import { inquirerAsker, inquirerConflictResolver, isInteractive } from './prompts.ts';
import { detectionSummary, planSummary } from './report.ts';

/** detect, ask, plan, then (unless --dry-run) write, install and verify. */
export async function run(args: ParsedArgs): Promise<number> {
  const root = projectRoot(args.cwd, args['dry-run']);
  const detection = detectProject(root, { ...(args.app ? { app: args.app } : {}), ...(args.migrations ? { migrations: args.migrations } : {}), ...(args.openapi ? { openapi: args.openapi } : {}) });
  const interactive = isInteractive(args.yes);
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
  const result = await applyTree(kit.tree, { manifestPath: kit.paths.manifest, policy, ...(policy === 'ask' ? { resolve: await inquirerConflictResolver() } : {}) });
  say(`\nWrote ${result.written.length} file(s); ${changes.length - result.written.length - result.kept.length} already up to date.`);
  if (result.kept.length) {
    say(paint.yellow(`Kept ${result.kept.length} file(s) you changed: ${result.kept.map((c) => c.path).join(', ')}. Run with --force to replace them, or --dry-run to see the differences.`));
  }

  const packages = Object.keys(JSON.parse(kit.tree.read('package.json') ?? '{}').devDependencies ?? {});
  if (args.install && (result.written.some((c) => c.path === 'package.json') || !isInstalled(root, packages))) await install(root, answers.pm);
  const runCommand = runScript(answers.pm, 'test:integration').join(' ');
  if (args.verify) {
    if (!args.install && !isInstalled(root, packages)) {
      say(paint.yellow(`\nSkipped the verification run: dependencies are not installed (--no-install). Install them, then run ${runCommand}.`));
    } else {
      // The first run also shows the routes the app registers; endpoints the scan missed get their tests in a second plan.
      // Even a red first run has loaded the app and left its routes.
      let green = await verify(root, answers.pm, { ITEST_COVERAGE: 'report' });
      const found = await planRuntimeEndpoints(args, kit, policy);
      if (found) {
        say(`\nThe app registers ${found} endpoint(s) the scan did not find: their tests are written; running the suite again.`);
        green = await verify(root, answers.pm);
      }
      if (!green) {
        say(paint.red(`\nThe generated suite failed. The failures above name the test and the route; fix the app or adjust the test, then run ${runCommand}.`));
        return 1;
      }
      say(paint.green('\nThe integration suite is green.'));
    }
  }
  say(nextSteps(kit.paths.checklist, runCommand));
  return 0;
}

/**
 * Plans again now that the first run left the routes the app registers (Express's own view);
 * returns how many endpoints that added, 0 when the plan had them all (nothing is written then).
 */
async function planRuntimeEndpoints(args: ParsedArgs, first: KitContext, policy: ConflictPolicy): Promise<number> {
  const known = new Set(first.routes.routes.map(formatEndpoint));
  // Same project, same answers: only the routes the context reads (the run-time cache) are new.
  const kit = createContext(first.detection, first.answers);
  if (args.endpoint) declareEndpoint(kit, args.endpoint);
  const added = kit.routes.routes.filter((route) => !known.has(formatEndpoint(route))).length;
  if (!added) return 0;
  await planKit(kit);
  await applyTree(kit.tree, { manifestPath: kit.paths.manifest, policy });
  return added;
}

function nextSteps(checklist: string, runCommand: string): string {
  return [
    '',
    paint.bold('Next steps'),
    `  ${runCommand}`,
    '      runs the integration suite',
    `  ${checklist}`,
    '      what the harness covers, and what is left',
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
