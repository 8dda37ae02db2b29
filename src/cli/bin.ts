#!/usr/bin/env node
import { parseCliArgs } from './args.ts';
import { KitError } from '../kit/errors.ts';
import { helpText } from './help.ts';
import { VERSION } from '../version.ts';

// Only the argument table loads before --help answers; the generators load on demand.
async function start(argv: string[]): Promise<number> {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    throw new KitError(`create-itest-kit needs Node 20.19 or newer (this is ${process.versions.node}): upgrade Node, then run it again.`);
  const args = parseCliArgs(argv);
  if (args.help) {
    process.stdout.write(helpText(VERSION));
    return 0;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (args.command === 'check') {
    const { check } = await import('./check.ts');
    return check(args);
  }
  const { run } = await import('./run.ts');
  return run(args);
}

start(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof KitError) {
      process.stderr.write(`create-itest-kit: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof Error && error.name === 'ExitPromptError') {
      process.stderr.write('create-itest-kit: cancelled, nothing written.\n');
      process.exitCode = 130;
    } else {
      process.stderr.write(
        `create-itest-kit: unexpected error, nothing written after it. Please report it with this trace:\n${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  },
);
