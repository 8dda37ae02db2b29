import path from 'node:path';
import type * as t from '@babel/types';
import type { SourceFiles } from '../files.ts';
import { resolveSpecifier, type Project } from '../routes/source.ts';
import type { ClientCall, HttpClientScan, HttpService } from './model.ts';
import { scheduleKey, type RetrySchedule } from '../retry-schedules.ts';
import { classMembers, exportedInstances, importedAs, moduleScope } from './module-scope.ts';
import {
  describeCall,
  importedInstances,
  libraryInstances,
  outboundCalls,
  sdkBindings,
  type InstanceHome,
  type SdkBinding,
  type SourceModule,
} from './outbound.ts';
import { SDK_PACKAGES, sdkKeyEnvs } from './sdks.ts';
import {
  axiosRetryPolicy,
  axiosTimeout,
  cockatielPolicies,
  executingPolicy,
  gotRetryPolicy,
  gotTimeout,
  opossumFired,
  ownRetryHelper,
  pRetryCall,
  pRetryPolicy,
  type CockatielPolicies,
} from './resilience.ts';
import { memberPath, parseSource } from './syntax.ts';

export type * from './model.ts';

/** Files worth parsing: they call fetch or import axios, got, undici or an SDK the kit knows. */
const CALLS_OUT = new RegExp(`\\bfetch\\s*\\(|['"](?:axios|got|undici|${SDK_PACKAGES.map((name) => name.replace(/[/]/g, '\\/')).join('|')})['"]`);

/** undici exports that send requests without going through globalThis.fetch (which msw patches). */
const UNDICI_CLIENTS = new Set(['request', 'stream', 'pipeline', 'connect', 'upgrade', 'Pool', 'Client', 'Agent', 'BalancedPool', 'fetch']);

/** undici classes whose instances dispatch on their own rather than through the global dispatcher. */
const OWN_DISPATCHERS = new Set(['Pool', 'Client', 'BalancedPool', 'Agent']);

/** Libraries whose behaviour the kit generates tests for, and those it only names. */
export const RESILIENCE_LIBRARIES = ['axios-retry', 'p-retry', 'cockatiel', 'opossum'];

/**
 * The project's clients of external HTTP services: each exported function that makes one
 * fetch() or axios call, what it sends and reads, and the retry, timeout and breaker
 * policies around it. Grouped by base URL, one service per base.
 */
export function scanHttpClients(sources: SourceFiles, project: Project, dependencies: Record<string, string>): HttpClientScan {
  const services = new Map<string, HttpService>();
  const skipped: string[] = [];
  const undiciFiles: string[] = [];
  const parsed = new Map<string, SourceModule | undefined>();
  const load = (file: string): SourceModule | undefined => {
    if (!parsed.has(file)) {
      const text = sources.read(file);
      const ast = parseSource(text, file);
      parsed.set(
        file,
        ast
          ? { file, text, program: ast.program, scope: moduleScope(ast.program), resolve: (specifier) => resolveSpecifier(project, file, specifier) }
          : undefined,
      );
    }
    return parsed.get(file);
  };
  for (const file of clientCandidates(sources, load)) {
    const module = load(file);
    if (!module) continue;
    const text = module.text;
    if (
      [...module.scope.imports.values()].some(
        (binding) => binding.source === 'undici' && (UNDICI_CLIENTS.has(binding.imported) || binding.imported === '*' || binding.imported === 'default'),
      )
    )
      undiciFiles.push(file);
    // A Pool or Client the project builds itself does not use the global dispatcher: neither the MockAgent nor msw sees it.
    const ownDispatchers = [...module.scope.imports]
      .filter(([, binding]) => binding.source === 'undici' && OWN_DISPATCHERS.has(binding.imported))
      .map(([local]) => local);
    if (ownDispatchers.some((local) => new RegExp(`\\bnew\\s+${local}\\s*\\(`).test(text))) {
      skipped.push(
        `${file} builds its own undici ${ownDispatchers.join('/')}: its requests bypass the global dispatcher, so the network guard cannot see them; let tests pass one in (a MockAgent's pool), or use request()`,
      );
    }
    const imported = importedInstances(module, load);
    const scope: ClientScope = {
      instances: new Map([...libraryInstances(module, 'axios'), ...imported.axios]),
      gots: new Map([...libraryInstances(module, 'got'), ...imported.got]),
      homes: imported.homes,
      sdks: new Map([...sdkBindings(module), ...imported.sdks]),
      statements: module.scope.statements,
      load,
      root: project.root,
    };
    const add = (client: ClientCall) => {
      const key = JSON.stringify(client.base);
      const service = services.get(key) ?? { name: serviceName(file, client), base: client.base, calls: [] };
      service.calls.push(client);
      services.set(key, service);
    };
    // Functions an exported one fires through an opossum breaker: tested through that export.
    const fired = new Map(
      [...module.scope.functions].flatMap(([name, fn]) => {
        const found = module.scope.exported.has(name) ? opossumFired(fn, module) : undefined;
        return found ? [[found.wrappedName, { exportName: name, ...found }] as const] : [];
      }),
    );
    const firedNames = new Set([...fired.values()].map((entry) => entry.wrappedName));
    for (const [name, own] of module.scope.functions) {
      if (firedNames.has(name)) continue;
      const viaBreaker = [...fired.values()].find((entry) => entry.exportName === name);
      const exported = module.scope.exported.has(name);
      const client = readClient(module, viaBreaker?.wrapped ?? own, {
        name,
        where: `${file}: ${name}()`,
        exported,
        scope,
        skipped,
        ...(viaBreaker ? { viaBreaker } : {}),
      });
      if (client) add(client);
    }
    // Client classes: methods of an exported instance (`export const weather = new WeatherClient()`), or of a class built without arguments.
    for (const [className, declaration] of module.scope.classes) {
      const { methods, thisValues, constructorParams } = classMembers(declaration);
      const [instance] = exportedInstances(module.scope, className);
      const receiver = instance ?? (module.scope.exported.has(className) && constructorParams === 0 ? `new ${className}()` : undefined);
      const classModule: SourceModule = { ...module, thisValues };
      const members = [...thisValues].map(([key, value]): [string, t.Node] => [`this.${key}`, value]);
      const constructorStatements = declaration.body.body.flatMap((member) =>
        member.type === 'ClassMethod' && member.kind === 'constructor'
          ? member.body.body.flatMap((statement) => (statement.type === 'ExpressionStatement' ? [statement.expression] : []))
          : [],
      );
      const classScope: ClientScope = {
        instances: new Map([...scope.instances, ...libraryInstances(classModule, 'axios', members)]),
        gots: new Map([...scope.gots, ...libraryInstances(classModule, 'got', members)]),
        homes: scope.homes,
        sdks: new Map([...scope.sdks, ...sdkBindings(classModule, members)]),
        statements: [...scope.statements, ...constructorStatements],
        load,
        root: project.root,
      };
      for (const [method, fn] of methods) {
        const client = readClient(classModule, fn, {
          name: method,
          where: `${file}: ${className}.${method}()`,
          exported: receiver !== undefined,
          scope: classScope,
          skipped,
          ...(receiver ? { receiver } : {}),
        });
        if (client) add(client);
      }
    }
  }
  return { services: uniqueNames([...services.values()]), skipped, libraries: RESILIENCE_LIBRARIES.filter((name) => dependencies[name]), undiciFiles };
}

/**
 * Files worth reading closely: those that call fetch or import axios, got or undici, and those that
 * import a module exporting an axios or got instance (`import http from '../lib/http.js'`).
 */
function clientCandidates(sources: SourceFiles, load: (file: string) => SourceModule | undefined): string[] {
  const direct = sources.files.filter((file) => CALLS_OUT.test(sources.read(file)));
  const stems = direct
    .filter((file) => {
      const module = load(file);
      if (!module) return false;
      const shared = (name: string) => module.scope.exported.has(name) || module.scope.defaultExport === name;
      return (
        (['axios', 'got'] as const).some((library) =>
          [...libraryInstances(module, library).keys()].some((name) => !importedAs(module.scope, library).includes(name) && shared(name)),
        ) || [...sdkBindings(module).keys()].some(shared)
      );
    })
    .map((file) => path.posix.basename(file).replace(/\.[cm]?[jt]s$/, ''));
  if (!stems.length) return direct;
  const importsOne = new RegExp(`['"][^'"\\n]*\\b(?:${stems.map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:\\.[cm]?[jt]s)?['"]`);
  return sources.files.filter((file) => direct.includes(file) || importsOne.test(sources.read(file)));
}

interface ClientScope {
  instances: Map<string, t.Node | undefined>;
  gots: Map<string, t.Node | undefined>;
  /** Instances imported from another module, and where they were made. */
  homes: Map<string, InstanceHome>;
  /** SDK instances: `stripe`, `this.openai`, and imported ones. */
  sdks: Map<string, SdkBinding>;
  /** Where `axiosRetry(instance, {...})` may be called: the module's top level, a class's constructor. */
  statements: t.Expression[];
  load: (file: string) => SourceModule | undefined;
  /** The project's folder: where an SDK's installed tables (Octokit's endpoints) are read. */
  root: string;
}

interface ClientSite {
  name: string;
  /** For messages: `src/x.ts: getThing()`. */
  where: string;
  exported: boolean;
  scope: ClientScope;
  skipped: string[];
  /** The opossum breaker an export fires around the function. */
  viaBreaker?: NonNullable<ReturnType<typeof opossumFired>>;
  /** The object whose method this is, as tests reach it: `weatherClient`, `new WeatherClient()`. */
  receiver?: string;
}

/** One function that makes one outbound call, read with the policies around it; undefined (and a note) when it cannot be tested. */
function readClient(module: SourceModule, fn: t.Function, site: ClientSite): ClientCall | undefined {
  const { where, skipped, scope, viaBreaker } = site;
  const found = outboundCalls(fn, module, scope.instances, scope.gots, scope.homes, scope.sdks);
  if (!found.length) return undefined;
  if (found.length > 1) {
    skipped.push(`${where} makes ${found.length} outbound calls; the kit tests functions that make one`);
    return undefined;
  }
  const call = found[0]!;
  const described = describeCall(call, fn, module, scope.root);
  if (typeof described === 'string') {
    skipped.push(`${where} is not tested: ${described}`);
    return undefined;
  }
  const { statusPaths, innerFn, ...rest } = described;
  const client: ClientCall = { file: module.file, functionName: site.name, ...(site.receiver ? { receiver: site.receiver } : {}), ...rest };
  if (!site.exported) {
    // The app still calls it: API tests meet the endpoint's mock, which answers with the sample the code reads.
    skipped.push(`${where} is not exported, so no test calls it directly; the API tests meet its mocked ${client.method.toUpperCase()} endpoint`);
    return { ...client, mockOnly: true };
  }
  const ownRetry = ownRetryHelper(call.ancestors, module);
  const note = (reason: string) => skipped.push(`${where}: ${reason}; no tests for it`);
  if (call.sdk) {
    // The SDK's own retries (OpenAI's maxRetries, Stripe's maxNetworkRetries) would multiply any policy's attempts.
    if (ownRetry || pRetryCall(call.ancestors, module) || executingPolicy(call.ancestors, module) || viaBreaker)
      note(`${call.library} retries inside the SDK, so retry and breaker tests around it would count the SDK's attempts`);
    const env = sdkKeyEnvs(call.sdk.instance, call.sdk.instance.home, scope.load);
    return env.length ? { ...client, env } : client;
  }
  if (call.library === 'axios' && call.instance) {
    // An imported instance has its axiosRetry() call in the module that made it.
    const instance = call.home?.name ?? memberPath((call.call.callee as t.MemberExpression).object)?.join('.');
    const retry = instance
      ? axiosRetryPolicy(call.home?.module ?? module, instance, client.method, call.home?.module.scope.statements ?? scope.statements)
      : undefined;
    if (typeof retry === 'string') note(retry);
    else if (retry) client.retry = retry;
    const timeout = axiosTimeout(call.instance);
    if (timeout) client.timeout = timeout;
  }
  if (call.library === 'got') {
    const options = [call.instance, call.call.arguments[1] as t.Node | undefined].filter((node): node is t.Node => node !== undefined);
    const retry = gotRetryPolicy(options, client.method);
    if (typeof retry === 'string') note(retry);
    else if (retry) client.retry = retry;
    const timeout = gotTimeout(options);
    if (timeout) client.timeout = timeout;
  }
  if (ownRetry) client.ownRetry = ownRetry;
  const pRetry = pRetryCall(call.ancestors, module);
  if (pRetry) {
    const retry = pRetryPolicy(module, pRetry, innerFn, statusPaths);
    if (typeof retry === 'string') note(retry);
    else client.retry = retry;
  }
  const policy = executingPolicy(call.ancestors, module);
  const policies: CockatielPolicies =
    (policy ? cockatielPolicies(module, policy.name) : undefined) ??
    (viaBreaker ? { ...(viaBreaker.breaker ? { breaker: viaBreaker.breaker } : {}), ...(viaBreaker.timeout ? { timeout: viaBreaker.timeout } : {}) } : {});
  for (const kind of ['retry', 'timeout', 'breaker'] as const) {
    const policyOf = policies[kind];
    if (typeof policyOf === 'string') note(policyOf);
    else if (policyOf) Object.assign(client, { [kind]: policyOf });
  }
  if (client.retry && client.breaker) {
    note('a retry inside a breaker: the breaker tests would count retries as failures');
    delete client.breaker;
  }
  return client;
}

/** A name for the service: its client file (`weather.ts`, `paymentsClient.ts`), else its host. */
function serviceName(file: string, client: ClientCall): string {
  const stem = path.posix
    .basename(file)
    .replace(/\.[cm]?[jt]s$/, '')
    .replace(/[-_.]?(client|api|service|http)$/i, '');
  if (stem && !/^(index|client|api|http|service|lib|utils?)$/i.test(stem)) return camel(stem);
  const url = client.base.kind === 'literal' ? client.base.url : /https?:\/\/[^'"`\s]+/.exec(client.base.kind === 'expression' ? client.base.source : '')?.[0];
  const host = url ? new URL(url).hostname.split('.').find((label) => !/^(api|www)$/.test(label)) : undefined;
  return camel(host ?? 'external');
}

function camel(text: string): string {
  return (
    text
      .replace(/[^a-zA-Z0-9]+(.)/g, (_, next: string) => next.toUpperCase())
      .replace(/^[^a-zA-Z]+/, '')
      .replace(/^./, (first) => first.toLowerCase()) || 'external'
  );
}

function uniqueNames(services: HttpService[]): HttpService[] {
  const seen = new Map<string, number>();
  return services.map((service) => {
    const count = (seen.get(service.name) ?? 0) + 1;
    seen.set(service.name, count);
    return count > 1 ? { ...service, name: `${service.name}${count}` } : service;
  });
}

/**
 * Clients behind the project's own retry helper, with the schedule a run observed: what the
 * helper did against a service that kept answering 503 (attempts, gaps) and a 400.
 */
export function withObservedSchedules(scan: HttpClientScan, schedules: Map<string, RetrySchedule>): HttpClientScan {
  if (!schedules.size) return scan;
  const services = scan.services.map((service) => ({
    ...service,
    calls: service.calls.map((call): ClientCall => {
      const schedule = call.ownRetry && !call.retry ? schedules.get(scheduleKey(call.file, call.functionName, call.receiver)) : undefined;
      if (!schedule || schedule.attempts < 2) return call;
      return {
        ...call,
        retry: {
          library: 'own',
          retries: schedule.attempts - 1,
          described: `${call.ownRetry}(), as observed`,
          ...(schedule.gaps.some((gap) => gap > 0) ? { delays: schedule.gaps, delaysDescribed: `${call.ownRetry}(), as observed`, jitter: true } : {}),
          ...(schedule.permanentAttempts === 1 ? { permanentStatus: 400 } : {}),
          transientStatus: 503,
          retriesNetworkErrors: false,
          observed: true,
        },
      };
    }),
  }));
  return { ...scan, services };
}
