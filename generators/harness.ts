import { takesDatabase, type AppModule } from '../src/detect/app-module.ts';
import { signIns, usedSignIn } from '../src/api/signed-in.ts';
import { createHash } from 'node:crypto';
import semver from 'semver';
import path from 'node:path';
import { bootsWithRequire, importPath, loadsWithRequire, projectOrm, templateFlags, upToRoot, type KitContext, type ProjectOrm } from '../src/kit/context.ts';
import { note, render, type KitGenerator } from '../src/kit/generator.ts';
import { OBSERVED_ANSWERS_FILE, RUNTIME_ENDPOINTS_FILE } from '../src/detect/runtime-endpoints.ts';
import { FINDINGS_FILE } from '../src/detect/findings.ts';
import { RUNTIME_OPENAPI_FILE } from '../src/detect/openapi.ts';
import { BOOT_FAILURE_FILE } from '../src/detect/boot-failure.ts';
import { runScript } from '../src/steps/commands.ts';
import { appView, bootView, glueDevDependencies } from '../src/kit/app-view.ts';
import { allDependencies } from '../src/detect/package-json.ts';
import { plannedFactories } from './factories.ts';
import { cleanupOrder } from '../src/db/factory-view.ts';
import { COVERAGE_DIR, COVERAGE_SUMMARY_FILE, serviceSourceExcludes, serviceSourceGlobs } from '../src/coverage/service-source.ts';

/**
 * The Vitest side of the harness: an `integration` project with its own config,
 * the setup file, the app fixture and the `test:integration` script.
 */
export const harness: KitGenerator = {
  name: 'harness',
  description: 'Vitest integration project, setup file, app and test fixtures, test:integration script',
  plan(kit) {
    const { paths } = kit;
    const ts = paths.ext === 'ts';
    const file = (dir: string, name: string) => `${dir}/${name}.${paths.ext}`;
    const configFile = `${paths.dir}/vitest.config.${paths.configExt}`;
    const scripts: Record<string, string> = {
      'test:integration': `vitest run --config ${configFile}`,
      'coverage:integration': `vitest run --config ${configFile} --coverage`,
    };
    const typescript = kit.detection.typescript;
    // Vitest's and the harness's types need TypeScript 5 (moduleResolution "Bundler"): an older one keeps the project's build, and a note says why.
    const notes: string[] = [];
    if (ts && (!typescript || semver.gte(typescript, '5.0.0'))) scripts['typecheck:integration'] = `tsc -p ${paths.dir}/tsconfig.json`;
    else if (ts)
      notes.push(
        `No typecheck:integration script: the harness's types need TypeScript 5, the project has ${typescript}; after \`${kit.answers.pm === 'npm' ? 'npm install -D' : `${kit.answers.pm} add -D`} typescript@5\`, \`npx tsc -p ${paths.dir}/tsconfig.json\` checks them.`,
      );
    if (kit.versions.adjusted) notes.push(kit.versions.adjusted);
    const vitest = kit.versions.packages.vitest;
    const devDependencies: Record<string, string> = { vitest, '@vitest/coverage-v8': coverageProvider(kit), supertest: kit.versions.packages.supertest };
    if (ts) devDependencies['@types/supertest'] = kit.versions.packages['@types/supertest'];
    const common = templateFlags(kit);
    const database = kit.answers.db !== 'none';
    const rootFromSupport = upToRoot(paths.support);
    const appFile = file(paths.support, 'app');
    Object.assign(devDependencies, glueDevDependencies(kit));
    // app.ts: a service started from its entry point, or an app the harness imports.
    const booted = kit.app.kind === 'entry' ? bootView(kit, appFile) : undefined;
    const imported = booted ? undefined : appView(kit, appFile);
    const appModule = booted ?? imported!;

    return [
      ...notes.map(note),
      {
        type: 'itest:render',
        template: 'harness/vitest.config.ts.hbs',
        path: configFile,
        data: {
          ...common,
          database,
          aliases: aliasView(kit),
          inlineDeps: inlineDeps(kit),
          dir: paths.dir,
          rootFromConfig: upToRoot(paths.dir),
          runCommand: runScript(kit.answers.pm, 'test:integration').join(' '),
          coverageInclude: serviceSourceGlobs(kit),
          coverageExclude: serviceSourceExcludes(kit),
          coverageDir: COVERAGE_DIR,
        },
      },
      {
        type: 'itest:render',
        template: 'harness/setup.ts.hbs',
        path: file(paths.dir, 'setup'),
        data: { ...common, env: envSettings(kit), ...exampleEnv(kit) },
      },
      booted
        ? { type: 'itest:render', template: 'harness/app-boot.ts.hbs', path: appFile, data: { ...common, database, ...booted } }
        : { type: 'itest:render', template: 'harness/app.ts.hbs', path: appFile, data: { ...common, database, ...imported! } },
      ...(kit.app.kind === 'entry'
        ? [
            render('harness/boot.ts.hbs', file(paths.support, 'boot'), {
              ...common,
              timeoutMs: BOOT_TIMEOUT_MS,
              rootFromSupport,
              bootFailureFile: BOOT_FAILURE_FILE,
            }),
          ]
        : []),
      ...(bootsWithRequire(kit)
        ? [
            render('harness/require-ts.ts.hbs', file(paths.support, 'require-ts'), {
              ...common,
              rootFromSupport,
              runsAs: kit.app.entry!.source,
              aliases: kit.detection.aliases.filter((alias) => alias.targets.length),
            }),
          ]
        : []),
      {
        type: 'itest:render',
        template: 'harness/fixtures.ts.hbs',
        path: file(paths.support, 'fixtures'),
        data: {
          ...common,
          ormClient: Boolean(appModule.clientBeforeApp ?? appModule.clientAfterApp),
          ...factoryFlags(kit),
          signIn: userFixture(kit),
          formBodies: Boolean(kit.formBodies),
          runtimeOpenApi: generatesOpenApi(kit),
          rootFromSupport,
          runtimeOpenApiFile: RUNTIME_OPENAPI_FILE,
        },
      },
      { type: 'itest:render', template: 'api/endpoints.ts.hbs', path: file(paths.support, 'endpoints'), data: { ...common, ...endpointsView(kit) } },
      {
        type: 'itest:render',
        template: 'harness/endpoint-coverage.ts.hbs',
        path: file(paths.support, 'endpoint-coverage'),
        data: {
          ...common,
          rootFromSupport,
          runtimeEndpointsFile: RUNTIME_ENDPOINTS_FILE,
          observedAnswersFile: OBSERVED_ANSWERS_FILE,
          findingsFile: FINDINGS_FILE,
          bootFailureFile: BOOT_FAILURE_FILE,
          coverageSummaryFile: COVERAGE_SUMMARY_FILE,
          apiDir: paths.api,
        },
      },
      { type: 'itest:render', template: 'harness/coverage-summary.ts.hbs', path: file(paths.support, 'coverage-summary'), data: common },
      { type: 'itest:render', template: 'harness/answers.ts.hbs', path: file(paths.support, 'answers'), data: common },
      { type: 'itest:render', template: 'harness/endpoint-meta.d.ts.hbs', path: `${paths.support}/endpoint-meta.d.ts`, data: {} },
      {
        type: 'itest:render',
        template: `harness/app-routes/${kit.answers.framework}.ts.hbs`,
        path: file(paths.support, 'app-routes'),
        data: { ...common, rootFromSupport, nestSwagger: kit.answers.framework === 'nest' && generatesOpenApi(kit) },
      },
      ...(ts
        ? [
            render('harness/tsconfig.json.hbs', `${paths.dir}/tsconfig.json`, {
              extendsPath: `${upToRoot(paths.dir)}tsconfig.json`,
              rootFromDir: path.posix.relative(paths.dir, '.'),
            }),
          ]
        : []),
      { type: 'itest:package-json', scripts, devDependencies },
      { type: 'itest:claim', items: ['setup.fixtures', 'async.fixtures'], files: [file(paths.support, 'fixtures'), file(paths.support, 'app')] },
      { type: 'itest:claim', items: ['async.runner', 'quick.fast'], files: [configFile] },
      { type: 'itest:claim', items: ['quick.coverage'], files: [configFile, file(paths.support, 'endpoint-coverage')] },
      ...(kit.routes.routes.length
        ? [{ type: 'itest:claim' as const, items: ['api.all-endpoints'], files: [file(paths.support, 'endpoint-coverage'), file(paths.support, 'endpoints')] }]
        : []),
      { type: 'itest:claim', items: ['async.handles'], files: [configFile, file(paths.support, 'db')] },
    ];
  },
};

/**
 * The coverage provider is released with Vitest and must be its exact version: the Vitest the
 * project already has (installed, else the range it declares; package.json keeps its own), else the harness's.
 */
function coverageProvider(kit: KitContext): string {
  const declared = allDependencies(kit.detection.packageJson.json).vitest;
  return declared ? (kit.detection.installed.vitest ?? declared) : kit.versions.packages.vitest;
}

/** tsconfig `paths` as Vite aliases, relative to the config file: `@/*` → { find: /^@\//, replacement: '../../src/' }; `exact` matches the name alone. */
function aliasView(kit: KitContext) {
  const fromConfig = upToRoot(kit.paths.dir);
  return kit.detection.aliases
    .filter((alias) => alias.targets.length)
    .map((alias) => {
      const target = `${fromConfig}${alias.targets[0]!.replace(/\/$/, '')}${alias.prefix.endsWith('/') ? '/' : ''}`;
      return { prefix: alias.prefix, exact: !alias.prefix.endsWith('/'), replacement: target };
    });
}

/** Whether the framework can hand the harness an OpenAPI document it generates: Fastify and Hono always may, Nest with @nestjs/swagger. */
function generatesOpenApi(kit: KitContext): boolean {
  const framework = kit.answers.framework;
  return (
    framework === 'fastify' ||
    framework === 'hono' ||
    (framework === 'nest' && allDependencies(kit.detection.packageJson.json)['@nestjs/swagger'] !== undefined)
  );
}

/** Packages that import() the project's files at run time (Fastify's autoload): in TypeScript they must go through Vitest's transform. */
function inlineDeps(kit: KitContext): string[] {
  const deps = allDependencies(kit.detection.packageJson.json);
  return kit.paths.ext === 'ts' ? ['@fastify/autoload'].filter((name) => deps[name]) : [];
}

/** The endpoint list the coverage reporter checks the suite against. */
function endpointsView(kit: KitContext) {
  return {
    source: `read from ${kit.app.file} and the routers it mounts`,
    endpoints: kit.routes.routes.map((route) => ({
      method: route.method.toUpperCase(),
      path: route.path,
      ...(route.handler ? { handler: route.handler } : {}),
    })),
  };
}

/**
 * Apps that validate their configuration at import need its variables: the team's .env.test, else
 * its example env file, supplies the ones the environment does not set. Never .env: it may point at real services.
 */
function exampleEnv(kit: KitContext) {
  const file = kit.detection.env.exampleFile;
  return file ? { envFile: file, envFileFromDir: `${upToRoot(kit.paths.dir)}${file}` } : {};
}

/**
 * Environment the app reads before it loads: its own SQLite module pointed at memory, and the
 * secrets it checks at start-up that no example env file sets, a fixed test value each (a hash of
 * the name, so a second run writes the same file).
 */
function envSettings(kit: KitContext): { name: string; value: string; ifUnset?: boolean }[] {
  const injected = takesDatabase(kit.app);
  const module = kit.detection.sqliteModule;
  const sqlite = !injected && module?.envVar ? [{ name: module.envVar, value: module.envValue ?? ':memory:' }] : [];
  // A libSQL client is bound at the driver; its URL still names memory, so nothing opens (or creates) a real file first.
  const libsql =
    !injected && !module && kit.detection.libsqlModule && kit.answers.db === 'sqlite'
      ? kit.detection.env.db.filter((setting) => setting.part === 'url').map((setting) => ({ name: setting.name, value: 'file::memory:' }))
      : [];
  // The keys guards compare headers with are secrets too, whatever they are called: tests sign in with the value set here.
  const { unsetSecrets, example } = kit.detection.env;
  const keys = signIns(kit.routes.routes).flatMap(({ credential }) =>
    'env' in credential.value ? [credential.value.env] : 'basic' in credential.value ? [credential.value.basic.passwordEnv] : [],
  );
  const tokenSecrets = kit.routes.routes.flatMap((route) =>
    route.credential && 'token' in route.credential && route.credential.secretEnv ? [route.credential.secretEnv] : [],
  );
  const guardKeys = [...keys, ...tokenSecrets].filter((name) => !example[name]);
  const names = [...new Set([...unsetSecrets, ...guardKeys])].sort();
  // Set only where the environment does not set them (`||=`).
  const secrets = names.map((name) => ({ name, value: `itest-${createHash('sha256').update(name).digest('hex').slice(0, 32)}`, ifUnset: true }));
  return [...sqlite, ...libsql, ...secrets];
}

/** The user fixture, where tests sign in: through the service's own routes (signUp), or with a token signed as it signs them. */
function userFixture(kit: KitContext): { fn: string; viaRoutes: boolean } | undefined {
  const ways = usedSignIn(kit);
  if (!ways) return undefined;
  return ways.flow ? { fn: 'signUp', viaRoutes: true } : { fn: 'signedToken', viaRoutes: false };
}

/** How long a booted service may take to listen: long enough for a database connect and a Nest bootstrap. */
const BOOT_TIMEOUT_MS = 15_000;

/** What the fixtures file imports from the factories generator: the factories, and the cleanup where tables have primary keys. */
function factoryFlags(kit: KitContext): { factories: boolean; cleanup: boolean } {
  const views = plannedFactories(kit);
  return { factories: views.length > 0, cleanup: views.length > 0 && cleanupOrder(kit.schema!.tables, views).length > 0 };
}
