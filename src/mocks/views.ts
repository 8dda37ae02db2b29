import path from 'node:path';
import type { ClientCall, HttpService, ValueSource } from '../detect/http-clients/index.ts';
import type { Literal } from '../detect/http-clients/syntax.ts';
import { importPath, loadsWithRequire, upToRoot, vitestImportPath, type KitContext } from '../kit/context.ts';
import { RETRY_SCHEDULES_DIR, scheduleKey } from '../detect/retry-schedules.ts';
import { RESERVED } from '../kit/names.ts';
import { expectedPath, fieldsExpectation, mswPath, resultExpectation, sampleArguments, type Expectation, type MockUrl } from './values.ts';
import { defaultFrom, namedFrom, type ModuleBinding } from '../kit/module-binding.ts';

/** Where the generated mocks and client tests live. */
export function mockPaths(kit: KitContext) {
  const { dir, support, ext } = kit.paths;
  return {
    mocks: `${dir}/mocks`,
    clients: `${dir}/clients`,
    network: `${support}/network.${ext}`,
    httpMocks: `${support}/http-mocks.${ext}`,
    timers: `${support}/timers.${ext}`,
    asyncMocks: `${support}/async-mocks.${ext}`,
    retrySchedules: `${support}/retry-schedules.${ext}`,
    service: (service: HttpService) => `${dir}/mocks/${service.name}.${ext}`,
    clientTest: (name: string) => `${dir}/clients/${name}.test.${ext}`,
  };
}

/** Each call's endpoint constant in the service's mock module: the last word of its path (`/v1/charges` → charges). */
export function endpointNames(service: HttpService): string[] {
  // Names the mock module and the client test already bind.
  const taken = new Set([
    ...BOUND_NAMES,
    service.base.kind === 'import' ? baseLocal(service.base) : service.base.kind === 'expression' ? service.base.name : '',
    `${service.name}Handlers`,
  ]);
  return service.calls.map((call) => {
    const words = call.path
      .filter((part): part is string => typeof part === 'string')
      .join('')
      .split('/')
      .filter((word) => /[a-z]/i.test(word) && !/^v\d+$/.test(word));
    const base = camel(words.at(-1) ?? call.functionName) || call.functionName;
    let name = RESERVED.has(base) ? `${base}Endpoint` : base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  });
}

const BOUND_NAMES = [
  'mockEndpoint',
  'server',
  'client',
  'settle',
  'gapsBetween',
  'require',
  'createRequire',
  'beforeEach',
  'describe',
  'expect',
  'test',
  'vi',
  'BrokenCircuitError',
  'CircuitState',
  'TaskCancelledError',
];

/** The name a mock module imports the project's base URL binding as. */
function baseLocal(base: Extract<HttpService['base'], { kind: 'import' }>): string {
  return base.name === 'default'
    ? path.posix
        .basename(base.file)
        .replace(/\.[cm]?[jt]s$/, '')
        .replace(/\W/g, '') || 'settings'
    : base.name;
}

function camel(text: string): string {
  return text
    .replace(/[^a-zA-Z0-9]+(.)/g, (_, next: string) => next.toUpperCase())
    .replace(/[^a-zA-Z0-9]/g, '')
    .replace(/^\d+/, '');
}

/** The mock module of one service: its base URL as the client reads it, an endpoint per call, the default handlers. */
export function serviceView(kit: KitContext, service: HttpService) {
  const file = mockPaths(kit).service(service);
  const base = service.base;
  let settings: { binding: ModuleBinding; required: boolean } | undefined;
  let baseUrl: MockUrl['base'];
  let baseConstant: { name: string; source: string } | undefined;
  if (base.kind === 'import') {
    const specifier = importPath(file, base.file, kit);
    const local = baseLocal(base);
    // A CommonJS settings module is required, so the mock reads the copy the client reads.
    settings = { binding: base.name === 'default' ? defaultFrom(specifier, local) : namedFrom(specifier, local), required: loadsWithRequire(kit) };
    baseUrl = { read: [local, ...base.access] };
  } else if (base.kind === 'expression') {
    baseConstant = { name: base.name, source: base.source };
    baseUrl = { read: [base.name] };
  } else {
    baseUrl = { text: base.url };
  }
  const names = endpointNames(service);
  const endpoints = service.calls.map((call, i) => ({
    name: names[i]!,
    method: call.method.toUpperCase(),
    methodLower: call.method,
    path: mswPath(call),
    callers: `${calledAs(call)}() in ${call.file}`,
    url: { base: baseUrl, path: mswPath(call) } satisfies MockUrl,
    sample: call.sample,
  }));
  return {
    ...(settings ? { settings } : {}),
    baseConstant,
    clientFiles: [...new Set(service.calls.map((call) => call.file))].join(', '),
    endpoints,
    name: service.name,
    handlersName: `${service.name}Handlers`,
  };
}

/**
 * The client tests of one service, a file per client module (each test reloads its module):
 * the boundary test of each call, then its retry, timeout and breaker tests.
 */
export function clientTestViews(kit: KitContext, service: HttpService) {
  const files = [...new Set(service.calls.filter((call) => !call.mockOnly).map((call) => call.file))];
  const names = endpointNames(service);
  return files.map((clientFile) => {
    const name =
      files.length === 1
        ? service.name
        : path.posix
            .basename(clientFile)
            .replace(/\.[cm]?[jt]s$/, '')
            .replace(/\W+(.)/g, (_, next: string) => next.toUpperCase());
    const file = mockPaths(kit).clientTest(name);
    const calls = service.calls
      .filter((call) => call.file === clientFile && !call.mockOnly)
      .map((call) => callView(call, names[service.calls.indexOf(call)]!, kit.paths.ext === 'ts'));
    const cockatiel = [
      ...new Set(
        calls.flatMap((call) => [
          ...(call.breaker?.library === 'cockatiel' ? ['BrokenCircuitError', ...(call.breaker.exportName ? ['CircuitState'] : [])] : []),
          ...(call.timeout && 'instanceOf' in call.timeout ? [call.timeout.instanceOf] : []),
        ]),
      ),
    ].sort();
    const observesRetries = calls.some((call) => call.observeRetry);
    const timerHelpers = [
      calls.some((call) => call.retry?.delays) || observesRetries ? 'gapsBetween' : '',
      calls.some((call) => call.retry || call.timeout) || observesRetries ? 'settle' : '',
    ].filter(Boolean);
    return {
      path: file,
      calls,
      data: {
        ts: kit.paths.ext === 'ts',
        service: service.name,
        title: `${service.name} API client (${clientFile})`,
        clientImport: importPath(file, clientFile, kit),
        // Its types, by the name TypeScript resolves (the module itself may be required by its .ts name).
        clientTypes: vitestImportPath(file, clientFile, kit.detection),
        endpointNames: [...new Set(calls.map((call) => call.endpoint))].sort().join(', '),
        cockatielImports: cockatiel.join(', '),
        usesTimers: timerHelpers.length > 0,
        // Only tests that change an answer need the server itself.
        usesServer: calls.some((call) => call.retry || call.timeout || call.breaker || call.observeRetry),
        observesRetries,
        // SDKs that need a key when the module makes its client: fake values, set before each import.
        env: [...new Set(calls.flatMap((call) => call.env ?? []))].map((name) => ({ name, value: `test-${name.toLowerCase().replace(/_/g, '-')}` })),
        timerHelpers: timerHelpers.join(', '),
        calls,
      },
    };
  });
}

/**
 * The client function as a test calls it through the loaded module, with its sample arguments (the
 * client-call partial spells it): `client.getForecast(...)`, `client.weather.forecast(...)`, or on a
 * new instance, `new client.WeatherClient().forecast(...)`.
 */
function invocation(call: ClientCall, args: Map<string, Literal>) {
  const receiver = call.receiver?.startsWith('new ') ? { constructed: call.receiver.slice(4) } : call.receiver ? { receiver: call.receiver } : {};
  return { functionName: call.functionName, ...receiver, args: call.params.map((param) => args.get(param.name)!) };
}

/** The client function as test names call it: `getForecast`, `weather.forecast`. */
function calledAs(call: ClientCall): string {
  return call.receiver ? `${call.receiver.replace(/^new (\w+)\(\)$/, '$1')}.${call.functionName}` : call.functionName;
}

function callView(call: ClientCall, endpoint: string, ts: boolean) {
  const args = sampleArguments(call.params);
  const result = resultExpectation(call.result, endpoint, args, ts);
  const retry = call.retry && {
    ...call.retry,
    // A fetch client that does not check the status only fails on a dropped connection.
    ...(call.failsOnErrorStatus ? {} : { transientStatus: undefined, permanentStatus: undefined }),
    attempts: call.retry.retries + 1,
    helper: call.ownRetry,
    delaysList: call.retry.delays?.join(', '),
  };
  return {
    functionName: call.functionName,
    env: call.env,
    // Test names hold text from the project (paths, option source): the template spells them as string literals.
    titles: {
      boundary: `${calledAs(call)} sends ${call.method.toUpperCase()} ${mswPath(call)}${call.body ? ` with its ${call.bodyEncoding === 'form' ? 'form' : 'JSON'} body` : call.query.length ? ' with its query' : ''} and ${call.result && 'nothing' in call.result ? 'resolves to nothing' : 'maps the answer'}`,
      givesUp: call.retry ? `gives up after ${call.retry.retries + 1} attempts (${call.retry.described})` : undefined,
      waits: call.retry?.delays ? `waits ${call.retry.delays.join(', ')} ms between attempts (${call.retry.delaysDescribed})` : undefined,
    },
    endpoint,
    method: call.method.toUpperCase(),
    invocation: invocation(call, args),
    pathname: pathnameExpectation(call, endpoint, args),
    query: call.query.length ? knownFields(call.query, args, true) : undefined,
    headers: call.headers.map(([name, value]) => ({ name, value })),
    body: call.body ? (call.bodyEncoding === 'form' ? knownFields(call.body, args, true) : fieldsExpectation(call.body, args)) : undefined,
    result,
    returnsNothing: call.result !== undefined && 'nothing' in call.result,
    settledValue: result ?? { any: 'value' },
    retry,
    // How the mock fails a call: the status a retry counts as transient, else a dropped connection (a fetch client that does not check the status fails on nothing else).
    ...(call.failsOnErrorStatus && call.retry?.transientStatus ? { failStatus: call.retry.transientStatus } : {}),
    timeout: call.timeout && {
      ms: call.timeout.ms,
      inside: Math.floor(call.timeout.ms / 2),
      outside: call.timeout.ms * 2,
      // The timeout error: an instance of the library's class, or an error with this code.
      ...('instanceOf' in call.timeout.error ? { instanceOf: call.timeout.error.instanceOf } : { code: call.timeout.error.code }),
    },
    // Each library says "open" its own way (the template's branches): cockatiel's BrokenCircuitError and state, opossum's EOPENBREAKER and flags.
    breaker: call.breaker && {
      ...call.breaker,
      [call.breaker.library]: true,
      justBefore: call.breaker.halfOpenAfter - 1,
      receivedAfter: call.breaker.threshold + (call.breaker.exportName ? 1 : 2),
    },
    // The project's own retry helper, before a run showed its schedule: a test that records it.
    observeRetry:
      call.ownRetry && !call.retry
        ? {
            title: `${calledAs(call)} retries through ${call.ownRetry}(): against a failing service it gives up (the run records how, for the kit to pin)`,
            key: scheduleKey(call.file, call.functionName, call.receiver),
          }
        : undefined,
    // How the breaker tests fail a call: 503, else a dropped connection.
    ...(call.failsOnErrorStatus ? { breakerStatus: 503 } : {}),
  };
}

/**
 * The path the service sees. Under a literal base, the text itself; under a base the project reads from
 * its settings (which may hold a path, like OpenAI's /v1), the endpoint's own URL with the arguments filled in.
 */
function pathnameExpectation(call: ClientCall, endpoint: string, args: Map<string, Literal>): Expectation {
  if (call.base.kind === 'literal') return { literal: `${new URL(call.base.url).pathname.replace(/\/$/, '')}${expectedPath(call, args)}` };
  const params = call.path.filter((part): part is { param: string } => typeof part !== 'string');
  return { endpointPath: { endpoint, params: params.map(({ param }) => ({ name: param, value: String(args.get(param)) })) } };
}

/**
 * Request fields as the service parses them from a query or a form (strings); fields the kit cannot
 * tell (a variable that may be undefined, or an object that becomes `a[b]` keys) are left out.
 */
function knownFields(fields: [string, ValueSource][], args: Map<string, Literal>, asString: boolean): Expectation {
  const known = fields.filter(([, value]) => !('unknown' in value));
  const expectation = fieldsExpectation(known, args, asString);
  return known.length < fields.length ? { ...expectation, containing: true } : expectation;
}

/** What support/retry-schedules needs: where the cache folder is from the support folder. */
export function retrySchedulesView(kit: KitContext) {
  return { rootFromSupport: upToRoot(kit.paths.support), schedulesDir: RETRY_SCHEDULES_DIR };
}
