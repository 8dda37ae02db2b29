import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { CACHE_DIR, CLI, FIXTURES, KIT_ROOT, PREBUILDS_DIR } from './paths.ts';
import type { Runtime } from './runtimes.ts';

/**
 * A temp copy of a fixture service with its own dependencies installed, as a team's
 * checkout would be. Installs are cached by a hash of the dependency set and the Node
 * major, so better-sqlite3 compiles once per machine, not once per test.
 */
export async function fixtureCopy(name: string, runtime: Runtime, options: { install?: boolean; prepare?: (dir: string) => void } = {}): Promise<string> {
  const source = path.join(FIXTURES, name);
  const dir = mkdtempSync(path.join(tmpdir(), `itest-${name}-`));
  cpSync(source, dir, { recursive: true });
  if (runtime.version === '24') forNode24(dir);
  options.prepare?.(dir);
  if (options.install !== false) {
    const modules = await cachedInstall(dir, runtime);
    cpSync(modules, path.join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  await git(dir, ['init', '-q']);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-qm', 'fixture']);
  return dir;
}

/**
 * A team on Node 24 runs better-sqlite3 13: 12 aborts Node 24 workers when V8 collects a
 * statement (the kit notes this for such projects). Node 24 runs of a fixture upgrade it,
 * and raise a declared engines range (and @types/node) to the Node 22 that 13 needs.
 */
function forNode24(dir: string): void {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    engines?: { node?: string };
  };
  const deps = [pkg.dependencies, pkg.devDependencies].find((group) => group?.['better-sqlite3']?.startsWith('^12'));
  if (!deps) return;
  deps['better-sqlite3'] = '^13.2.0';
  if (pkg.engines?.node) pkg.engines.node = '>=22.12';
  if (pkg.devDependencies?.['@types/node']?.startsWith('^20')) pkg.devDependencies['@types/node'] = '^22.15.0';
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/**
 * The copy's dependencies as its package.json now declares them (the kit's devDependencies added),
 * from the install cache: for tests about what runs on the harness, not about the kit's own install,
 * which scaffold and as-they-are prove on every run.
 */
export async function installFromCache(dir: string, runtime: Runtime): Promise<void> {
  const modules = await cachedInstall(dir, runtime);
  rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  cpSync(modules, path.join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
}

async function cachedInstall(source: string, runtime: Runtime): Promise<string> {
  const pkg = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')) as Record<string, unknown>;
  const key = createHash('sha256')
    .update(JSON.stringify([pkg.dependencies, pkg.devDependencies, pkg.allowScripts, runtime.label, process.platform, process.arch]))
    .digest('hex')
    .slice(0, 16);
  const modules = path.join(CACHE_DIR, 'installs', key, 'node_modules');
  if (existsSync(modules)) return modules;
  const staging = mkdtempSync(path.join(tmpdir(), 'itest-install-'));
  cpSync(path.join(source, 'package.json'), path.join(staging, 'package.json'));
  await execa('npm', ['install', '--no-package-lock', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: staging, env: runtime.env });
  await keepPrebuild(staging, runtime);
  mkdirSync(path.dirname(modules), { recursive: true });
  try {
    renameSync(path.join(staging, 'node_modules'), modules);
  } catch (error) {
    // Another test file, running alongside, installed the same set first: theirs is as good.
    if (!existsSync(modules)) throw error;
  }
  rmSync(staging, { recursive: true, force: true });
  return modules;
}

/** Packs a better-sqlite3 binary the install compiled, for later installs of that version on that Node (see PREBUILDS_DIR). */
export async function keepPrebuild(dir: string, runtime: Runtime): Promise<void> {
  const pkgDir = path.join(dir, 'node_modules', 'better-sqlite3');
  if (!existsSync(path.join(pkgDir, 'build/Release/better_sqlite3.node'))) return;
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const abi = (await execa('node', ['-p', 'process.versions.modules'], { env: runtime.env })).stdout.trim();
  const tarball = path.join(PREBUILDS_DIR, `better-sqlite3-v${version}-node-v${abi}-${process.platform}-${process.arch}.tar.gz`);
  if (existsSync(tarball)) return;
  mkdirSync(PREBUILDS_DIR, { recursive: true });
  await execa('tar', ['-czf', `${tarball}.${process.pid}`, '-C', pkgDir, 'build/Release/better_sqlite3.node']);
  renameSync(`${tarball}.${process.pid}`, tarball);
}

export function git(cwd: string, args: string[]) {
  return execa('git', ['-c', 'user.email=kit@example.test', '-c', 'user.name=kit', ...args], { cwd });
}

export async function gitStatus(cwd: string): Promise<string> {
  return (await git(cwd, ['status', '--porcelain', '--untracked-files=all'])).stdout;
}

/** Runs the built CLI as `npm create itest-kit` would, non-interactive as in CI. */
export async function runKit(cwd: string, args: string[], runtime: Runtime) {
  const result = await execa('node', [CLI, ...args], { cwd, reject: false, all: true, env: { ...runtime.env, CI: 'true' }, stdin: 'ignore' });
  // The kit's own install may have compiled better-sqlite3 for the harness: keep it for the next fixture.
  await keepPrebuild(cwd, runtime);
  return result;
}

/** Type-checks a JavaScript harness the way an editor would (checkJs), with the kit's TypeScript. */
export async function checkJs(dir: string, runtime: Runtime) {
  const tsc = path.join(KIT_ROOT, 'node_modules/typescript/bin/tsc');
  const args = [
    '--noEmit',
    '--allowJs',
    '--checkJs',
    '--skipLibCheck',
    '--target',
    'es2022',
    '--module',
    'esnext',
    '--moduleResolution',
    'bundler',
    '--types',
    'node',
    '--typeRoots',
    path.join(KIT_ROOT, 'node_modules/@types'),
  ];
  const files = (await git(dir, ['ls-files', '--others', '--exclude-standard', 'test/integration'])).stdout
    .split('\n')
    .filter((f) => /\.(m?js|d\.ts)$/.test(f));
  return execa('node', [tsc, ...args, ...files], { cwd: dir, reject: false, all: true, env: runtime.env });
}

/** The harness's Vitest config in a scaffolded fixture: .mjs for JavaScript, .ts, or .mts in a CommonJS package. */
export function harnessConfig(ext: 'ts' | 'js', fixture: string): string {
  if (ext === 'js') return 'test/integration/vitest.config.mjs';
  const pkg = JSON.parse(readFileSync(path.join(FIXTURES, fixture, 'package.json'), 'utf8')) as { type?: string };
  return `test/integration/vitest.config.${pkg.type === 'module' ? 'ts' : 'mts'}`;
}
