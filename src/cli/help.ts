import { OPTIONS } from './options.ts';

/** --help, written from the options table so the two never drift apart. */
export function helpText(version: string): string {
  const rows = OPTIONS.map((option) => {
    const short = 'short' in option ? `-${option.short}, ` : '    ';
    const flag =
      option.type === 'boolean'
        ? `--${option.default ? `no-${option.name}` : option.name}`
        : option.type === 'choice'
          ? `--${option.name} <${option.choices
              .filter((c) => !('planned' in c && c.planned))
              .map((c) => c.value)
              .join('|')}>`
          : `--${option.name} ${option.placeholder}`;
    const description = option.type === 'boolean' && option.default ? `do not ${option.description}` : option.description;
    return `  ${short}${flag.padEnd(34)} ${description}`;
  });
  return [
    `create-itest-kit ${version}: a green integration-test harness for a Node service`,
    '',
    'Usage:',
    '  npm create itest-kit [-- options]',
    '  npx create-itest-kit [options]',
    '  npx itest-kit add endpoint <METHOD> <path> [options]   a test for a route the scan does not see',
    '  npx itest-kit check [--strict] [--json]                 re-derive the checklist from the tests and one run',
    '',
    'Options:',
    ...rows,
    '',
    'Detection fills in every answer it can; prompts ask the rest. Without a TTY, with CI=true or --yes, nothing is asked.',
    '',
  ].join('\n');
}
