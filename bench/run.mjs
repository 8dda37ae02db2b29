// Benchmarks for issue #2's targets, printed as a table (never asserted in tests):
//   --help cold start vs create-vite's, plan time for a 20-route app, and the time
//   from the command to a green suite with a warm npm cache.
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist/cli.js');
const cache = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'create-itest-kit-bench');
const rows = [];

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeCommand(args, runs = 15, options = {}) {
  spawnSync(process.execPath, args, options); // warm the file cache: "cold" means a new process
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore', ...options });
    samples.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  }
  return median(samples);
}

// 1. --help cold start, ours and create-vite's
const ours = timeCommand([cli, '--help']);
let vite = 'not installed';
const viteDir = path.join(cache, 'create-vite');
if (!existsSync(path.join(viteDir, 'node_modules/create-vite'))) {
  mkdirSync(viteDir, { recursive: true });
  spawnSync('npm', ['install', '--no-save', '--prefix', viteDir, 'create-vite'], { stdio: 'ignore' });
}
const viteBin = path.join(viteDir, 'node_modules/create-vite/index.js');
if (existsSync(viteBin)) vite = timeCommand([viteBin, '--help']);
rows.push(['--help cold start (median of 15)', fmt(ours), typeof vite === 'number' ? `create-vite: ${fmt(vite)}` : vite]);

// 2. plan time (detection + route scan + schema + HTTP client scan + all generators, in memory):
//    a 20-route app, and the clients fixture, where the client scan parses sources with @babel/parser
const { detectProject, resolveAnswers, createContext, planKit } = await import(path.join(root, 'dist/index.js'));

/** Plans `dir` 15 times in this process; the first run pays for loading and compiling the kit. */
async function timePlans(dir) {
  const samples = [];
  let kit;
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    const detection = detectProject(dir);
    kit = createContext(detection, await resolveAnswers({ yes: true }, detection, undefined));
    await planKit(kit);
    samples.push(performance.now() - start);
  }
  return { first: samples[0], median: median(samples), kit };
}

const routesPlan = await timePlans(syntheticApp(20));
const planned = `${routesPlan.kit.routes.routes.length}-route, ${routesPlan.kit.schema?.tables.length ?? 0}-table`;
rows.push([`plan, ${planned} app, first run in a process`, fmt(routesPlan.first), 'goal < 300 ms']);
rows.push([`plan, ${planned} app, median of 15`, fmt(routesPlan.median), 'goal < 300 ms']);

const clientsApp = mkdtempSync(path.join(tmpdir(), 'itest-bench-clients-'));
cpSync(path.join(root, 'test/fixtures/express-clients-ts-esm'), clientsApp, { recursive: true });
const clientsPlan = await timePlans(clientsApp);
const services = `${clientsPlan.kit.http.services.length} external services`;
rows.push([`plan, ${services} (client scan), first run`, fmt(clientsPlan.first), 'goal < 300 ms']);
rows.push([`plan, ${services} (client scan), median of 15`, fmt(clientsPlan.median), 'goal < 300 ms']);
rmSync(clientsApp, { recursive: true, force: true });

// A JavaScript service: the plan's last step strips the templates' types and formats (amaro, prettier).
const javascriptApp = mkdtempSync(path.join(tmpdir(), 'itest-bench-js-'));
cpSync(path.join(root, 'test/fixtures/express-sqlite-js-cjs'), javascriptApp, { recursive: true });
const javascriptPlan = await timePlans(javascriptApp);
const javascriptFiles = [...javascriptPlan.kit.tree.files.keys()].filter((file) => /\.m?js$/.test(file)).length;
rows.push([`plan, JavaScript app (${javascriptFiles} files from TypeScript), first run`, fmt(javascriptPlan.first), 'goal < 300 ms']);
rows.push([`plan, JavaScript app, median of 15`, fmt(javascriptPlan.median), 'goal < 300 ms']);
rmSync(javascriptApp, { recursive: true, force: true });

// 3. command to green suite, warm npm cache, the example service already installed
const service = mkdtempSync(path.join(tmpdir(), 'itest-bench-'));
cpSync(path.join(root, 'test/fixtures/express-sqlite-ts-esm'), service, { recursive: true });
cpSync(exampleModules(), path.join(service, 'node_modules'), { recursive: true });
const start = performance.now();
const green = spawnSync(process.execPath, [cli, '--yes'], { cwd: service, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
rows.push([
  'command to green suite (install + verify, warm npm cache)',
  fmt(performance.now() - start),
  green.status === 0 ? 'suite green' : `exit ${green.status}`,
]);
rmSync(service, { recursive: true, force: true });

console.log(
  `\ncreate-itest-kit benchmarks (Node ${process.versions.node}, ${readdirSync('/sys/devices/system/cpu').filter((d) => /^cpu\d+$/.test(d)).length} cores)\n`,
);
console.log('| measure | time | reference |\n| --- | ---: | --- |');
for (const [name, time, note] of rows) console.log(`| ${name} | ${time} | ${note} |`);

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** An Express + SQLite service with `routes` routes over routes/4 resources, using the example's node_modules. */
function syntheticApp(routes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'itest-bench-app-'));
  const resources = Array.from({ length: Math.ceil(routes / 5) }, (_, i) => `things${i}`);
  const files = {
    'package.json': JSON.stringify({
      name: 'bench-app',
      type: 'module',
      dependencies: { express: '^5.1.0', 'better-sqlite3': '^12.4.1' },
      devDependencies: { typescript: '~5.9.3' },
    }),
    'tsconfig.json': '{"compilerOptions":{"module":"NodeNext","strict":true}}',
    'src/app.ts': [
      "import express from 'express';",
      ...resources.map((r) => `import { ${r}Router } from './routes/${r}.js';`),
      'export function createApp(db: unknown) {',
      '  const app = express();',
      ...resources.map((r) => `  app.use('/${r}', ${r}Router(db));`),
      '  return app;',
      '}',
    ].join('\n'),
  };
  resources.forEach((r, i) => {
    files[`migrations/${String(i + 1).padStart(3, '0')}_${r}.sql`] =
      `CREATE TABLE ${r} (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, size INTEGER NOT NULL);`;
    files[`src/routes/${r}.ts`] = [
      "import { Router } from 'express';",
      `export function ${r}Router(db: unknown) {`,
      '  const router = Router();',
      "  router.get('/', (_q, res) => { res.json([]); });",
      "  router.post('/', (_q, res) => { res.status(201).json({}); });",
      "  router.get('/:id', (_q, res) => { res.status(404).json({}); });",
      "  router.put('/:id', (_q, res) => { res.json({}); });",
      "  router.delete('/:id', (_q, res) => { res.sendStatus(204); });",
      '  return router;',
      '}',
    ].join('\n');
  });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  // Schema introspection needs an SQLite engine: node:sqlite where Node has it, else the project's better-sqlite3.
  cpSync(exampleModules(), path.join(dir, 'node_modules'), { recursive: true });
  return dir;
}

/** node_modules of the example service, installed once per machine (better-sqlite3 compiles). */
function exampleModules() {
  const modules = path.join(cache, `notes-service-modules-node${process.versions.node.split('.')[0]}`);
  if (!existsSync(modules)) {
    const staging = mkdtempSync(path.join(tmpdir(), 'itest-bench-install-'));
    cpSync(path.join(root, 'test/fixtures/express-sqlite-ts-esm/package.json'), path.join(staging, 'package.json'));
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: staging, stdio: 'ignore' });
    cpSync(path.join(staging, 'node_modules'), modules, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
  }
  return modules;
}
