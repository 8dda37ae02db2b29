import type * as t from '@babel/types';
import type { BreakerPolicy, HttpMethod, RetryPolicy, TimeoutPolicy } from './model.ts';
import { importedAs } from './module-scope.ts';
import type { SourceModule } from './outbound.ts';
import { failingStatus, statusRules, type StatusPaths } from './status-rules.ts';
import { literalValue, memberPath, numberValue, objectEntries, unwrap } from './syntax.ts';

/** Statuses tried, in order, when the kit looks for a permanent (4xx) failure. */
const CLIENT_ERRORS = [400, 404, 422, 401, 403, 409];

/**
 * axios-retry on an instance: `axiosRetry(http, { retries, retryDelay, retryCondition })`.
 * Its default condition retries network errors and 5xx of idempotent methods; 4xx is final.
 */
export function axiosRetryPolicy(
  module: SourceModule,
  instance: string,
  method: HttpMethod,
  statements: t.Expression[] = module.scope.statements,
): RetryPolicy | string | undefined {
  const names = importedAs(module.scope, 'axios-retry');
  const call = statements
    .map((statement) => unwrap(statement))
    .find((statement): statement is t.CallExpression => {
      if (statement.type !== 'CallExpression') return false;
      const callee = memberPath(statement.callee)?.join('.');
      return names.some((name) => callee === name || callee === `${name}.default`) && memberPath(statement.arguments[0] as t.Node)?.join('.') === instance;
    });
  if (!call) return undefined;
  const options = objectEntries(call.arguments[1] as t.Node | undefined);
  if (options.has('retryCondition')) return 'axios-retry has its own retryCondition: which errors it retries is not something the kit can read';
  if (['post', 'patch'].includes(method)) return undefined;
  const retries = options.has('retries') ? numberValue(options.get('retries')) : 3;
  if (retries === undefined) return 'axios-retry retries is not a number literal';
  const delay = axiosRetryDelays(options.get('retryDelay'), retries, names, module.text);
  return {
    library: 'axios-retry',
    retries,
    described: `axios-retry retries: ${retries}`,
    ...(delay ? { delays: delay.delays, delaysDescribed: delay.described, ...(delay.jitter ? { jitter: true } : {}) } : {}),
    permanentStatus: 400,
    transientStatus: 503,
    retriesNetworkErrors: true,
  };
}

function axiosRetryDelays(
  node: t.Node | undefined,
  retries: number,
  names: string[],
  text: string,
): { delays: number[]; described: string; jitter?: boolean } | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  const path = memberPath(value)?.join('.');
  // exponentialDelay: 2^n * 100 ms plus up to 20% jitter.
  if (path && (names.some((name) => path === `${name}.exponentialDelay`) || path === 'exponentialDelay')) {
    return { delays: range(retries).map((n) => 2 ** n * 100), described: 'exponentialDelay without its jitter', jitter: true };
  }
  if (value.type === 'CallExpression' && /(^|\.)linearDelay$/.test(memberPath(value.callee)?.join('.') ?? '')) {
    const factor = numberValue(value.arguments[0] as t.Node | undefined) ?? 100;
    return { delays: range(retries).map((n) => n * factor), described: `linearDelay(${factor})` };
  }
  if ((value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') && value.params[0]?.type === 'Identifier') {
    const counter = value.params[0].name;
    const body = value.body.type === 'BlockStatement' ? singleReturn(value.body) : value.body;
    if (!body) return undefined;
    const delays = range(retries).map((n) => arithmetic(body, { [counter]: n }));
    if (delays.some((delay) => delay === undefined)) return undefined;
    return { delays: delays as number[], described: `retryDelay: ${text.slice(body.start ?? 0, body.end ?? 0)}` };
  }
  return undefined;
}

/**
 * p-retry around the call: `pRetry(fn, { retries, minTimeout, maxTimeout, factor, randomize })`.
 * Its defaults: 10 retries, 1000 ms doubling; an AbortError thrown by the function is final.
 */
export function pRetryPolicy(module: SourceModule, call: t.CallExpression, inner: t.Function, statusPaths: StatusPaths | undefined): RetryPolicy | string {
  const options = objectEntries(call.arguments[1] as t.Node | undefined);
  const known = new Set(['retries', 'minTimeout', 'maxTimeout', 'factor', 'randomize', 'onFailedAttempt']);
  const unknown = [...options.keys()].filter((key) => !known.has(key));
  if (unknown.length) return `p-retry's ${unknown.join(', ')} option changes which attempts happen`;
  const read = (key: string, fallback: number) => (options.has(key) ? numberValue(options.get(key)) : fallback);
  const retries = read('retries', 10);
  const minTimeout = read('minTimeout', 1000);
  const factor = read('factor', 2);
  const maxTimeout = read('maxTimeout', Number.POSITIVE_INFINITY);
  if (retries === undefined || minTimeout === undefined || factor === undefined || maxTimeout === undefined) return 'p-retry options are not number literals';
  const randomize = literalValue(options.get('randomize')) === true;
  const abortErrors = [...importedAs(module.scope, 'p-retry', 'AbortError'), 'AbortError'];
  const rules = statusRules(inner, statusPaths);
  const permanentStatus = failingStatus(rules, CLIENT_ERRORS, (rule) => rule.throws !== undefined && abortErrors.includes(rule.throws));
  const transientStatus = failingStatus(rules, [503, 500, 502], (rule) => !rule.throws || !abortErrors.includes(rule.throws));
  const delays = range(retries).map((n) => Math.min(Math.round(minTimeout * factor ** (n - 1)), maxTimeout));
  return {
    library: 'p-retry',
    retries,
    described: `p-retry retries: ${retries}`,
    delays,
    delaysDescribed: `minTimeout: ${minTimeout}, factor: ${factor}${Number.isFinite(maxTimeout) ? `, maxTimeout: ${maxTimeout}` : ''}`,
    ...(randomize ? { jitter: true } : {}),
    ...(permanentStatus ? { permanentStatus } : {}),
    ...(transientStatus ? { transientStatus } : {}),
    retriesNetworkErrors: true,
  };
}

export interface CockatielPolicies {
  retry?: RetryPolicy | string;
  timeout?: TimeoutPolicy | string;
  breaker?: BreakerPolicy | string;
}

/**
 * A cockatiel policy a client runs its call through (`policy.execute(fn)`), taken apart:
 * `wrap(...)` of `retry(handleAll, {...})`, `circuitBreaker(handleAll, {...})` and `timeout(ms, strategy)`.
 */
export function cockatielPolicies(module: SourceModule, policyName: string): CockatielPolicies | undefined {
  const isCall: IsCall = (node, name) =>
    !!node &&
    (node.type === 'CallExpression' || node.type === 'NewExpression') &&
    importedAs(module.scope, 'cockatiel', name).includes(memberPath(node.callee)?.join('.') ?? '');
  const policies: CockatielPolicies = {};
  const visit = (name: string | undefined, node: t.Node | undefined, depth: number): boolean => {
    if (!node || depth > 4) return false;
    const value = unwrap(node);
    if (value.type === 'Identifier') return visit(value.name, module.scope.consts.get(value.name), depth + 1);
    if (value.type !== 'CallExpression') return false;
    if (isCall(value, 'wrap')) return value.arguments.every((argument) => visit(undefined, argument as t.Node, depth + 1));
    if (isCall(value, 'timeout')) {
      const ms = numberValue(value.arguments[0] as t.Node | undefined);
      policies.timeout =
        ms === undefined ? 'the timeout is not a number literal' : { library: 'cockatiel', ms, error: { instanceOf: 'TaskCancelledError', from: 'cockatiel' } };
    } else if (isCall(value, 'circuitBreaker')) {
      policies.breaker = breakerPolicy(value, name, module, isCall);
    } else if (isCall(value, 'retry')) {
      policies.retry = cockatielRetry(value, isCall);
    } else {
      return false;
    }
    return true;
  };
  return visit(policyName, module.scope.consts.get(policyName), 0) ? policies : undefined;
}

/** Whether a node calls (or `new`s) the named cockatiel export. */
type IsCall = (node: t.Node | undefined, name: string) => boolean;

function handlesAll(node: t.Node | undefined, isCall: IsCall): boolean {
  const path = node ? memberPath(node)?.join('.') : undefined;
  return path === 'handleAll' || path === 'Policy.handleAll' || (!!node && isCall(node, 'handleAll'));
}

function breakerPolicy(call: t.CallExpression | t.NewExpression, name: string | undefined, module: SourceModule, isCall: IsCall): BreakerPolicy | string {
  if (!handlesAll(call.arguments[0] as t.Node | undefined, isCall)) return 'the breaker handles only some errors';
  const options = objectEntries(call.arguments[1] as t.Node | undefined);
  const halfOpenAfter = numberValue(options.get('halfOpenAfter'));
  const breaker = options.get('breaker') ? unwrap(options.get('breaker')!) : undefined;
  if (!breaker || breaker.type !== 'NewExpression' || !isCall(breaker, 'ConsecutiveBreaker'))
    return 'only ConsecutiveBreaker thresholds are read (a SamplingBreaker depends on timing and volume)';
  const threshold = numberValue(breaker.arguments[0] as t.Node | undefined);
  if (halfOpenAfter === undefined || threshold === undefined) return 'the breaker options are not number literals';
  return { library: 'cockatiel', threshold, halfOpenAfter, ...(name && module.scope.exported.has(name) ? { exportName: name } : {}) };
}

function cockatielRetry(call: t.CallExpression | t.NewExpression, isCall: IsCall): RetryPolicy | string {
  if (!handlesAll(call.arguments[0] as t.Node | undefined, isCall)) return 'the retry policy handles only some errors';
  const options = objectEntries(call.arguments[1] as t.Node | undefined);
  const retries = numberValue(options.get('maxAttempts'));
  if (retries === undefined) return 'maxAttempts is not a number literal';
  const backoff = options.get('backoff') ? unwrap(options.get('backoff')!) : undefined;
  const constant =
    backoff?.type === 'NewExpression' && isCall(backoff, 'ConstantBackoff') ? numberValue(backoff.arguments[0] as t.Node | undefined) : undefined;
  return {
    library: 'cockatiel',
    retries,
    described: `cockatiel maxAttempts: ${retries}`,
    ...(constant !== undefined ? { delays: range(retries).map(() => constant), delaysDescribed: `ConstantBackoff(${constant})` } : {}),
    transientStatus: 503,
    retriesNetworkErrors: true,
  };
}

/** The cockatiel policy a call runs in: `policy.execute(...)` among the call's ancestors. */
export function executingPolicy(ancestors: readonly t.Node[], module: SourceModule): { name: string; call: t.CallExpression } | undefined {
  for (const node of [...ancestors].reverse()) {
    if (node.type !== 'CallExpression') continue;
    const path = memberPath(node.callee);
    if (path?.length === 2 && path[1] === 'execute' && module.scope.consts.has(path[0]!)) return { name: path[0]!, call: node };
  }
  return undefined;
}

/** The `pRetry(...)` call around the outbound call, if any. */
export function pRetryCall(ancestors: readonly t.Node[], module: SourceModule): t.CallExpression | undefined {
  const names = importedAs(module.scope, 'p-retry');
  return [...ancestors]
    .reverse()
    .find((node): node is t.CallExpression => node.type === 'CallExpression' && names.includes(memberPath(node.callee)?.join('.') ?? ''));
}

/** The axios instance's `timeout` option, tested with axios's own timeout error. */
export function axiosTimeout(options: t.Node | undefined): TimeoutPolicy | undefined {
  const ms = numberValue(objectEntries(options).get('timeout'));
  return ms ? { library: 'axios', ms, error: { code: 'ECONNABORTED' } } : undefined;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

function singleReturn(block: t.BlockStatement): t.Node | undefined {
  const [statement] = block.body;
  return block.body.length === 1 && statement?.type === 'ReturnStatement' && statement.argument ? statement.argument : undefined;
}

/** Numbers, the named variables, + - * / ** and Math.min/max/pow. */
function arithmetic(node: t.Node, vars: Record<string, number>): number | undefined {
  const value = unwrap(node);
  const literal = literalValue(value);
  if (typeof literal === 'number') return literal;
  if (value.type === 'Identifier') return vars[value.name];
  if (value.type === 'BinaryExpression' && value.left.type !== 'PrivateName') {
    const left = arithmetic(value.left, vars);
    const right = arithmetic(value.right, vars);
    if (left === undefined || right === undefined) return undefined;
    switch (value.operator) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      case '/':
        return left / right;
      case '**':
        return left ** right;
      default:
        return undefined;
    }
  }
  if (value.type === 'CallExpression') {
    const fn = memberPath(value.callee)?.join('.');
    const args = value.arguments.map((argument) => arithmetic(argument as t.Node, vars));
    if (args.some((arg) => arg === undefined)) return undefined;
    const numbers = args as number[];
    if (fn === 'Math.min') return Math.min(...numbers);
    if (fn === 'Math.max') return Math.max(...numbers);
    if (fn === 'Math.pow') return numbers[0]! ** numbers[1]!;
  }
  return undefined;
}

/**
 * An opossum breaker an exported function fires: `exports.send = (a, b) => breaker.fire(a, b)`
 * with `const breaker = new CircuitBreaker(postMessage, {...})`. Gives the wrapped function
 * and what the breaker's options promise.
 */
export function opossumFired(
  fn: t.Function,
  module: SourceModule,
): { breakerName: string; wrapped: t.Function; wrappedName: string; breaker?: BreakerPolicy | string; timeout?: TimeoutPolicy } | undefined {
  const returned = fn.body.type === 'BlockStatement' ? singleReturn(fn.body) : fn.body;
  const call = returned ? unwrap(returned) : undefined;
  if (call?.type !== 'CallExpression') return undefined;
  const callee = memberPath(call.callee);
  if (callee?.length !== 2 || callee[1] !== 'fire') return undefined;
  const [breakerName] = callee as [string, string];
  const init = module.scope.consts.get(breakerName);
  if (init?.type !== 'NewExpression' || !importedAs(module.scope, 'opossum').includes(memberPath(init.callee)?.join('.') ?? '')) return undefined;
  const target = init.arguments[0];
  const wrappedName = target?.type === 'Identifier' ? target.name : undefined;
  const wrapped = wrappedName ? module.scope.functions.get(wrappedName) : undefined;
  if (!wrapped || !wrappedName) return undefined;
  // The export must hand its own arguments through, in order.
  const passed = call.arguments.map((argument) => (argument.type === 'Identifier' ? argument.name : undefined));
  const own = fn.params.map((param) => (param.type === 'Identifier' ? param.name : undefined));
  if (passed.length !== own.length || passed.some((name, i) => !name || name !== own[i]) || passed.length !== wrapped.params.length) return undefined;
  const options = objectEntries(init.arguments[1] as t.Node | undefined);
  const timeoutMs = options.has('timeout') ? numberValue(options.get('timeout')) : undefined;
  const threshold = options.has('errorThresholdPercentage') ? numberValue(options.get('errorThresholdPercentage')) : 50;
  const volume = options.has('volumeThreshold') ? numberValue(options.get('volumeThreshold')) : 0;
  const reset = options.has('resetTimeout') ? numberValue(options.get('resetTimeout')) : 30_000;
  let breaker: BreakerPolicy | string;
  if (literalValue(options.get('allowWarmUp')) === true) breaker = 'the breaker warms up first (allowWarmUp), so when it opens depends on timing';
  else if (threshold === undefined || volume === undefined || reset === undefined) breaker = 'the breaker options are not number literals';
  else if (threshold >= 100) breaker = 'errorThresholdPercentage is 100 or more: the breaker never opens';
  // opossum opens when the error rate exceeds the threshold once volumeThreshold calls were made: every call failing, that is max(volumeThreshold, 1) calls.
  else
    breaker = {
      library: 'opossum',
      threshold: Math.max(volume, 1),
      halfOpenAfter: reset,
      ...(module.scope.exported.has(breakerName) ? { exportName: breakerName } : {}),
    };
  return {
    breakerName,
    wrapped,
    wrappedName,
    breaker,
    ...(timeoutMs ? { timeout: { library: 'opossum' as const, ms: timeoutMs, error: { code: 'ETIMEDOUT' } } } : {}),
  };
}

/** got's retry defaults: which methods it retries and the noise it adds to each delay. */
const GOT_RETRIED_METHODS = new Set(['get', 'put', 'delete']);

/**
 * got's own retry, where the instance or the call sets `retry: { limit }`: 5xx retried for
 * idempotent methods, 4xx final, delays 1 s, 2 s, 4 s... (capped by backoffLimit) plus noise.
 */
export function gotRetryPolicy(options: t.Node[], method: HttpMethod): RetryPolicy | string | undefined {
  const retry = options
    .map((node) => objectEntries(node).get('retry'))
    .filter((node): node is t.Node => node !== undefined)
    .at(-1);
  if (!retry) return undefined;
  const settings = objectEntries(retry);
  const custom = [...settings.keys()].filter((key) => !['limit', 'backoffLimit', 'noise'].includes(key));
  if (custom.length) return `got's retry ${custom.join(', ')} changes which attempts happen`;
  if (!GOT_RETRIED_METHODS.has(method)) return undefined;
  const limit = settings.has('limit') ? numberValue(settings.get('limit')) : 2;
  const backoffLimit = settings.has('backoffLimit') ? numberValue(settings.get('backoffLimit')) : Number.POSITIVE_INFINITY;
  const noise = settings.has('noise') ? numberValue(settings.get('noise')) : 100;
  if (limit === undefined || backoffLimit === undefined || noise === undefined) return "got's retry options are not number literals";
  if (limit === 0) return undefined;
  return {
    library: 'got',
    retries: limit,
    described: `got retry limit: ${limit}`,
    delays: range(limit).map((n) => Math.min(2 ** (n - 1) * 1000, backoffLimit)),
    delaysDescribed: `got's backoff without its noise${Number.isFinite(backoffLimit) ? `, backoffLimit: ${backoffLimit}` : ''}`,
    ...(noise ? { jitter: true } : {}),
    permanentStatus: 400,
    transientStatus: 503,
    // got retries connection errors by code (ECONNRESET...); a mocked network error has none.
    retriesNetworkErrors: false,
  };
}

/** got's `timeout: { request: ms }`, on the instance or the call. */
export function gotTimeout(options: t.Node[]): TimeoutPolicy | undefined {
  const timeout = options
    .map((node) => objectEntries(node).get('timeout'))
    .filter((node): node is t.Node => node !== undefined)
    .at(-1);
  const ms = numberValue(objectEntries(timeout).get('request'));
  return ms ? { library: 'got', ms, error: { code: 'ETIMEDOUT' } } : undefined;
}

/** A call around the outbound one to a function of the project's own named like a retry (`withRetry`, `retryable`): its name. */
export function ownRetryHelper(ancestors: readonly t.Node[], module: SourceModule): string | undefined {
  for (const node of [...ancestors].reverse()) {
    if (node.type !== 'CallExpression') continue;
    const name = memberPath(node.callee)?.at(-1);
    if (!name || !/retr(y|ies)|backoff/i.test(name)) continue;
    const imported = module.scope.imports.get(name);
    // A library's (p-retry is read on its own), not the project's.
    if (imported && !imported.source.startsWith('.') && !module.resolve(imported.source)) continue;
    return name;
  }
  return undefined;
}
