import { parseArgs } from 'node:util';
import { parseEndpoint } from '../detect/declared-endpoints.ts';
import type { Route } from '../detect/routes/index.ts';
import { KitError } from '../kit/errors.ts';
import { OPTIONS, type BooleanName, type ChoiceName, type ChoiceOption, type StringName } from './options.ts';

export type ParsedArgs = Partial<Record<ChoiceName | StringName, string>> & Record<BooleanName, boolean> & { command?: string; endpoint?: Route };

const COMMANDS = ['init', 'add', 'check'];

/** Parses argv against the options table; bad input is a one-line KitError before anything runs. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const option of OPTIONS)
    config[option.name] = { type: option.type === 'boolean' ? 'boolean' : 'string', ...('short' in option ? { short: option.short } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: config, allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    throw new KitError(`${(error as Error).message.split('\n')[0]} Run create-itest-kit --help for the options.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const [command, ...rest] = parsed.positionals;
  const result: Record<string, unknown> = command ? { command } : {};
  if (command === 'add') result.endpoint = addedEndpoint(rest);
  else if ((command && !COMMANDS.includes(command)) || rest.length) {
    throw new KitError(
      `Unexpected argument "${command && !COMMANDS.includes(command) ? command : rest[0]}": pass the project folder with --cwd <dir>; run create-itest-kit --help for the options.`,
    );
  }
  for (const option of OPTIONS) {
    const value = values[option.name];
    if (option.type === 'boolean') result[option.name] = typeof value === 'boolean' ? value : option.default;
    else if (typeof value === 'string') result[option.name] = option.type === 'choice' ? checkChoice(option, value) : value;
  }
  if (result.force && result['skip-existing']) throw new KitError('--force and --skip-existing contradict each other: pass one of them.');
  return result as ParsedArgs;
}

export function checkChoice(option: ChoiceOption, value: string): string {
  const choice = option.choices.find((c) => c.value === value);
  const ready = option.choices.filter((c) => !c.planned).map((c) => c.value);
  if (!choice) throw new KitError(`Unknown --${option.name} value "${value}": use ${ready.join(' or ')}.`);
  if (choice.planned) throw new KitError(`--${option.name} ${value} is not supported by this version yet: use ${ready.join(' or ')}.`);
  return value;
}

/** `add endpoint POST /orders/:id/refund`: what there is to add, and the endpoint. */
function addedEndpoint(words: string[]): Route {
  const [what, ...endpoint] = words;
  if (what !== 'endpoint')
    throw new KitError(
      `Nothing called "${what ?? ''}" can be added: use itest-kit add endpoint <METHOD> <path>, e.g. itest-kit add endpoint POST /orders/:id/refund.`,
    );
  if (endpoint.length !== 2) throw new KitError('add endpoint needs a method and a path: itest-kit add endpoint POST /orders/:id/refund.');
  return parseEndpoint(endpoint.join(' '), 'the command line');
}
