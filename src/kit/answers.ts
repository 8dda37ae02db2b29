import { checkChoice } from '../cli/args.ts';
import { KitError } from './errors.ts';
import { OPTIONS, type ChoiceOption } from '../cli/options.ts';
import type { Detection } from '../detect/index.ts';
import type { Framework } from '../detect/stack.ts';

export interface Answers {
  db: 'sqlite' | 'postgres' | 'mysql' | 'none';
  /** Postgres and MySQL only: the mode the harness uses unless ITEST_DB_MODE says otherwise. */
  'db-mode'?: 'container' | 'url' | 'embedded';
  runner: 'vitest';
  framework: Framework;
  pm: 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** `file#export` of the app module, when detection did not find it. */
  app?: string;
}

/** Asks one question of the options table; the CLI uses @inquirer/prompts, `npx plop` plop's inquirer. */
export interface Asker {
  choose(option: ChoiceOption, defaultValue: string): Promise<string>;
  text(message: string): Promise<string>;
}

/** Flags first, then detection, then a prompt (only when interactive), then the default. */
export async function resolveAnswers(flags: Readonly<Record<string, unknown>>, detection: Detection, asker: Asker | undefined): Promise<Answers> {
  const flag = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  const answers: Record<string, string> = {};
  for (const option of OPTIONS) {
    if (option.type !== 'choice') continue;
    if ('appliesTo' in option && !option.appliesTo(answers)) {
      if (flag(option.name)) throw new KitError(`--${option.name} does not apply to --db ${answers.db}: leave it out.`);
      continue;
    }
    const detected = option.fromDetection(detection);
    const given = flag(option.name);
    if (given) answers[option.name] = given;
    else if (detected) answers[option.name] = checkDetected(option, detected);
    else if (asker) answers[option.name] = checkChoice(option, await asker.choose(option, option.fallback));
    else answers[option.name] = option.fallback;
  }
  if (answers.db === 'mysql' && answers['db-mode'] === 'embedded') {
    throw new KitError('--db-mode embedded runs PGlite, which is Postgres only: use --db-mode container or --db-mode url for MySQL.');
  }
  if (!detection.framework && !flag('framework')) {
    throw new KitError(
      'No web framework found in package.json dependencies: install the service dependencies or pass --framework express|fastify|koa|nest|hono.',
    );
  }
  const app = flag('app') ?? (detection.app ? undefined : await askForApp(detection, asker));
  return { ...(answers as unknown as Answers), ...(app ? { app } : {}) };
}

function checkDetected(option: ChoiceOption, detected: string): string {
  const choice = option.choices.find((c) => c.value === detected);
  if (choice?.planned) {
    const ready = option.choices
      .filter((c) => !c.planned)
      .map((c) => c.value)
      .join(' or ');
    const what = option.name === 'framework' ? `This service uses ${choice.label}` : `Detected ${option.name} ${choice.value}`;
    throw new KitError(
      `${what}, which this version of the kit does not support yet (supported: ${ready}); pass --${option.name} to override if detection is wrong.`,
    );
  }
  return detected;
}

async function askForApp(detection: Detection, asker: Asker | undefined): Promise<string | undefined> {
  const problem = detection.appProblem;
  if (!problem && !asker) {
    throw new KitError(
      `Could not find the module that creates the ${detection.framework?.value === 'nest' ? 'Nest root module' : 'app'}: pass --app <module>#<export>, e.g. --app src/app.ts#createApp.`,
    );
  }
  if (!asker) throw new KitError(`${problem!.reason}. ${problem!.suggestion}`);
  if (problem) process.stdout.write(`\n${problem.reason}.\n${problem.suggestion}\n\n`);
  const answer = (await asker.text('Which module creates the app (path#export)? Leave empty to stop and change the code first')).trim();
  if (!answer) throw new KitError('Stopped: no importable app module. Make the change above, or pass --app <module>#<export>.', 1);
  return answer;
}
