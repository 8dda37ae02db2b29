import path from 'node:path';
import { parse } from 'jsonc-parser';
import { isFile, readText } from './files.ts';
import type { PackageJson } from './package-json.ts';

/** The file that starts the service, and where the kit read that. */
export interface EntryPoint {
  /** Relative posix path of a source file (a compiled `dist/` path is mapped back to its source). */
  file: string;
  /** `package.json scripts.start`, `nodemon.json`, `nest-cli.json`, `package.json main`, `the usual name` ... */
  source: string;
}

/** Scripts that start the service, in the order a team would name them. */
const START_SCRIPTS = ['start', 'dev', 'serve', 'start:dev', 'start:prod', 'server'];
/** Commands that run a file: the first operand after their own flags is the entry. */
const RUNNERS = new Set([
  'node',
  'tsx',
  'ts-node',
  'ts-node-dev',
  'tsnd',
  'nodemon',
  'node-dev',
  'babel-node',
  'bun',
  'esno',
  'esr',
  'vite-node',
  'swc-node',
  'jiti',
]);
/** Runner flags that take the next word as their value (`-r dotenv/config`, `--exec ts-node`). */
const FLAGS_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-e',
  '--exec',
  '-w',
  '--watch-path',
  '--ext',
  '-x',
  '-P',
  '--project',
  '--env-file',
  '--tsconfig',
  '--ignore',
  '-i',
  '--delay',
  '-d',
]);
const USUAL_NAMES = ['src/index', 'src/server', 'src/main', 'src/app', 'index', 'server', 'main', 'app', 'bin/www', 'src/bin/www'];
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', ''];

/**
 * How the service starts, read the way its team starts it: the start/dev/serve scripts (through
 * node, tsx, ts-node, nodemon and its nodemon.json, `nest start`), then `main`, then the usual names.
 */
export function findEntryPoint(root: string, pkg: PackageJson, override?: string): EntryPoint | undefined {
  if (override) return { file: path.posix.normalize(override.replace(/^\.\//, '')), source: '--entry' };
  const scripts = (pkg.scripts ?? {}) as Record<string, string>;
  for (const name of START_SCRIPTS) {
    const command = scripts[name];
    const file = command ? entryOfCommand(root, command) : undefined;
    if (file) return { file, source: `package.json scripts.${name}` };
  }
  if (typeof pkg.main === 'string') {
    const file = toSource(root, pkg.main);
    if (file) return { file, source: 'package.json main' };
  }
  for (const name of USUAL_NAMES) {
    const file = withExtension(root, name);
    if (file) return { file, source: 'the usual name' };
  }
  return undefined;
}

function entryOfCommand(root: string, command: string): string | undefined {
  for (const part of command.split(/&&|\|\||;/)) {
    const words = shellWords(part).filter((word) => !/^\w+=/.test(word)); // `NODE_ENV=production node ...`
    const at = words.findIndex((word) => RUNNERS.has(path.posix.basename(word)) || word === 'nest');
    if (at < 0) continue;
    const runner = path.posix.basename(words[at]!);
    if (runner === 'nest') return words[at + 1] === 'start' ? nestEntry(root) : undefined;
    const operand = firstOperand(words.slice(at + 1));
    const file = operand ? toSource(root, operand) : undefined;
    if (file) return file;
    if (runner === 'nodemon') return nodemonEntry(root);
  }
  return undefined;
}

function firstOperand(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') continue;
    if (word.startsWith('-')) {
      if (!word.includes('=') && FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    // `tsx watch src/index.ts`, `ts-node-dev --respawn src/index.ts`
    if (word === 'watch') continue;
    return word;
  }
  return undefined;
}

/** nodemon with no file runs its config's `exec` (`ts-node ./src/index.ts`), else its `main`. */
function nodemonEntry(root: string): string | undefined {
  if (!isFile(path.join(root, 'nodemon.json'))) return undefined;
  const config = parse(readText(root, 'nodemon.json')) as { exec?: string; script?: string } | undefined;
  if (config?.script) return toSource(root, config.script);
  if (!config?.exec) return undefined;
  const words = shellWords(config.exec);
  const operand = firstOperand(words.slice(RUNNERS.has(path.posix.basename(words[0] ?? '')) ? 1 : 0));
  return operand ? toSource(root, operand) : undefined;
}

/** `nest start` runs `<sourceRoot>/<entryFile>.ts` from nest-cli.json (src/main.ts by default). */
function nestEntry(root: string): string | undefined {
  const config = isFile(path.join(root, 'nest-cli.json'))
    ? (parse(readText(root, 'nest-cli.json')) as { sourceRoot?: string; entryFile?: string } | undefined)
    : undefined;
  return withExtension(root, path.posix.join(config?.sourceRoot ?? 'src', config?.entryFile ?? 'main'));
}

/**
 * A path as a script names it, as a source file: `dist/server.js` is what `src/server.ts`
 * compiles to (tsconfig outDir and rootDir, else dist|build → src), and `./server` is `server.js`.
 */
function toSource(root: string, named: string): string | undefined {
  const file = path.posix.normalize(named.replace(/^\.\//, ''));
  const outDir = compiledDir(root);
  const compiled = outputDirs(outDir).find((dir) => file.startsWith(`${dir}/`));
  if (compiled) {
    const rest = file.slice(compiled.length + 1).replace(/\.[cm]?js$/, '');
    for (const base of [outDir?.root, 'src', '.'].filter((dir): dir is string => dir !== undefined)) {
      const found = withExtension(root, path.posix.join(base, rest));
      if (found) return found;
    }
    return undefined;
  }
  return withExtension(root, file.replace(/\.[cm]?js$/, '')) ?? withExtension(root, file);
}

/** What a source file compiles to, as globs in a service's options name it: src/user.entity.ts → dist/user.entity.js, dist/src/user.entity.js. */
export function compiledPaths(root: string, file: string): string[] {
  const outDir = compiledDir(root);
  const js = file.replace(/\.([cm]?)ts$/, '.$1js');
  const paths = new Set<string>([js]);
  for (const out of outputDirs(outDir)) {
    for (const base of [outDir?.root, 'src'].filter((dir): dir is string => Boolean(dir))) {
      if (js.startsWith(`${base}/`)) paths.add(`${out}/${js.slice(base.length + 1)}`);
    }
    paths.add(`${out}/${js}`);
  }
  paths.delete(file);
  return [...paths];
}

function compiledDir(root: string): { out: string; root?: string } | undefined {
  if (!isFile(path.join(root, 'tsconfig.json'))) return undefined;
  const options = (parse(readText(root, 'tsconfig.json')) as { compilerOptions?: { outDir?: string; rootDir?: string } } | undefined)?.compilerOptions;
  const clean = (dir: string) => path.posix.normalize(dir).replace(/^\.\//, '').replace(/\/$/, '');
  return options?.outDir ? { out: clean(options.outDir), ...(options.rootDir ? { root: clean(options.rootDir) } : {}) } : undefined;
}

function withExtension(root: string, base: string): string | undefined {
  return EXTENSIONS.map((ext) => `${base}${ext}`).find((candidate) => /\.[cm]?[jt]s$|(^|\/)www$/.test(candidate) && isFile(path.join(root, candidate)));
}

/** A command line's words, quotes removed: enough for the scripts teams write. */
function shellWords(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** Where compiled JavaScript goes: the tsconfig's outDir, then the folders builds conventionally use. */
function outputDirs(outDir: ReturnType<typeof compiledDir>): string[] {
  return [...new Set([outDir?.out, 'dist', 'build', 'lib', 'out'].filter((dir): dir is string => Boolean(dir)))];
}
