import type { Asker } from '../kit/answers.ts';
import type { ConflictResolver } from '../plan/apply.ts';
import { unifiedDiff } from '../plan/diff.ts';

/** A person is at the keyboard: a TTY, not CI, and no --yes. */
export function isInteractive(yes: boolean): boolean {
  const ci = process.env.CI;
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !yes && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

export async function inquirerAsker(): Promise<Asker> {
  const { input, select } = await import('@inquirer/prompts');
  return {
    choose: (option, defaultValue) =>
      select({
        message: option.question,
        default: defaultValue,
        choices: option.choices.map((choice) => ({ value: choice.value, name: choice.label, ...(choice.planned ? { disabled: '(not yet)' } : {}) })),
      }),
    text: (message) => input({ message }),
  };
}

/** Asks about a file the user changed: overwrite, keep, or look at the diff first. */
export async function inquirerConflictResolver(): Promise<ConflictResolver> {
  const { select } = await import('@inquirer/prompts');
  return async (change) => {
    for (;;) {
      const answer = await select({
        message: `${change.path} was changed since the kit wrote it. Replace it with the generated version?`,
        choices: [
          { value: 'skip' as const, name: 'Keep my version' },
          { value: 'overwrite' as const, name: 'Overwrite with the generated version' },
          { value: 'diff' as const, name: 'Show the diff' },
        ],
      });
      if (answer !== 'diff') return answer;
      process.stdout.write(`${unifiedDiff(change)}\n`);
    }
  };
}
