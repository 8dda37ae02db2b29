import type { Literal } from './syntax.ts';
import type { Sample } from './samples.ts';
import type { SdkName } from './sdks.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Where a value in a request or a result comes from: an argument of the client function, a literal, a literal array or object of these, or neither. */
export type ValueSource =
  { param: string } | { literal: Literal } | { array: ValueSource[] } | { object: [key: string, value: ValueSource][] } | { unknown: true };

/** What sends the request: an HTTP library, or a third-party SDK over one. */
export type ClientLibrary = 'axios' | 'fetch' | 'got' | 'undici' | SdkName;

/** What a client function returns, in terms of the answer's sample; `nothing` for a function with no `return` of a value. */
export type Expected =
  | { sample: (string | number)[] }
  | { param: string }
  | { literal: Literal }
  | { object: [key: string, value: Expected][]; partial: boolean }
  | { nothing: true };

/**
 * How a harness module reaches the service's base URL: import the project's own binding
 * (`config.weatherApiUrl`), repeat a self-contained expression (`process.env.X ?? 'https://...'`),
 * or the literal itself.
 */
export type BaseUrl =
  { kind: 'import'; file: string; name: string; access: string[] } | { kind: 'expression'; name: string; source: string } | { kind: 'literal'; url: string };

export interface ClientParam {
  name: string;
  kind: 'string' | 'number' | 'boolean';
}

export interface RetryPolicy {
  library: 'axios-retry' | 'p-retry' | 'cockatiel' | 'got' | 'own';
  /** Retries after the first attempt. */
  retries: number;
  /** The wait before each retry, in order, where the configuration fixes it. */
  delays?: number[];
  /** The configuration as written, for test names: `retries: 3`. */
  described: string;
  /** How the delays are described: `retryDelay: retryCount * 200`. */
  delaysDescribed?: string;
  /** The library adds random jitter: tests pin Math.random() to 0 to see the schedule. */
  jitter?: boolean;
  /** A status the policy gives up on at once, where the project has such a rule. */
  permanentStatus?: number;
  /** A status that is retried: 503, unless the rule says otherwise. */
  transientStatus?: number;
  retriesNetworkErrors: boolean;
  /** Read from a run (the project's own helper) rather than from the configuration. */
  observed?: boolean;
}

export interface TimeoutPolicy {
  library: 'axios' | 'cockatiel' | 'opossum' | 'got';
  ms: number;
  /** What the rejection is checked against. */
  error: { instanceOf: string; from: string } | { code: string };
}

export interface BreakerPolicy {
  library: 'cockatiel' | 'opossum';
  /** Failures in a row that open it, from a fresh start. */
  threshold: number;
  halfOpenAfter: number;
  /** The breaker's exported name, when tests can read its state. */
  exportName?: string;
}

/** One exported function of the project that calls an external service once. */
export interface ClientCall {
  file: string;
  /** What tests call: the function itself, or the export that fires an opossum breaker around it. */
  functionName: string;
  /** For a method: the object tests call it on (`weatherClient`, `new WeatherClient()`). */
  receiver?: string;
  /** The project's own retry helper around the call (`withRetry`): its schedule is observed in a run, then pinned. */
  ownRetry?: string;
  params: ClientParam[];
  library: ClientLibrary;
  method: HttpMethod;
  base: BaseUrl;
  /** The path after the base URL: literal text and arguments. */
  path: (string | { param: string })[];
  query: [key: string, value: ValueSource][];
  body?: [key: string, value: ValueSource][];
  /** Stripe sends form-encoded bodies: the mock parses them into fields, each a string. */
  bodyEncoding?: 'form';
  /** Environment variables the client's SDK needs before the module loads (its API key): tests set fake values. */
  env?: string[];
  headers: [name: string, value: string][];
  /** What the mocked service answers: every field the code reads, typed where the code names the type. */
  sample: Sample;
  result?: Expected;
  /** Not exported: the app's calls meet its mock in every test, but no client test calls it. */
  mockOnly?: boolean;
  /** Whether a 503 answer makes the call fail (axios always; fetch when the code throws on `res.ok` or the status). */
  failsOnErrorStatus: boolean;
  retry?: RetryPolicy;
  timeout?: TimeoutPolicy;
  breaker?: BreakerPolicy;
}

/** An external service: its base URL and the client functions that call it. */
export interface HttpService {
  name: string;
  base: BaseUrl;
  /** The default URL, when the base names one: for comments. */
  calls: ClientCall[];
}

export interface HttpClientScan {
  services: HttpService[];
  /** Functions that call out but that the kit cannot describe, with why. */
  skipped: string[];
  /** Resilience libraries the project depends on. */
  libraries: string[];
  /** Files that use undici's own request(), Pool or Client: msw does not see those calls, undici's MockAgent does. */
  undiciFiles: string[];
}
