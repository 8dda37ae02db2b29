import type * as t from '@babel/types';
import type { BaseUrl, ClientCall, ClientLibrary, ClientParam, HttpMethod, ValueSource } from './model.ts';
import { importedAs, type ModuleScope } from './module-scope.ts';
import { declaredTypes, SampleValues, sampleOfType, withReadPaths } from './samples.ts';
import { failingStatus, statusRules, type StatusPaths } from './status-rules.ts';
import { resolveBase } from './base-url.ts';
import { readResponse, resultOf } from './response.ts';
import { objectFields, valueSource } from './request-values.ts';
import { SDKS, sdkBase, sdkInstances, type SdkInstance } from './sdks.ts';
import { literalValue, memberPath, objectEntries, unwrap, walk } from './syntax.ts';

const METHODS = new Set<HttpMethod>(['get', 'post', 'put', 'patch', 'delete']);
const BODY_METHODS = new Set<HttpMethod>(['post', 'put', 'patch']);

/** The option each library takes a query object in (fetch has none). */
const QUERY_OPTION: Partial<Record<ClientLibrary, string>> = { axios: 'params', got: 'searchParams', undici: 'query' };

/** Libraries whose answer to an error status is a normal response: the code decides whether it fails. */
const CHECKS_STATUS_ITSELF = new Set<ClientLibrary>(['fetch', 'undici']);

/** A file's parse and the facts about it the readers share. */
export interface SourceModule {
  file: string;
  text: string;
  program: t.Program;
  scope: ModuleScope;
  /** Resolves a relative or aliased import to a project file. */
  resolve(specifier: string): string | undefined;
  /** Inside a class: what its fields and constructor set `this.<name>` to. */
  thisValues?: Map<string, t.Node>;
}

/** An outbound call found inside a function, with the functions around it (innermost last). */
export interface FoundCall {
  call: t.CallExpression;
  library: ClientLibrary;
  /** For an SDK method (`stripe.customers.create`): the instance, where it was made, and the method's path on it. */
  sdk?: SdkCall;
  /** The options the instance was made with (`axios.create()`, `got.extend()`), when it is one. */
  instance?: t.Node;
  /** Where an imported instance was made, and its name there: its base URL and retry setup live in that module. */
  home?: InstanceHome;
  ancestors: readonly t.Node[];
}

export interface InstanceHome {
  module: SourceModule;
  name: string;
}

/** An SDK instance as a module reaches it: made there, in a class, or imported. */
export interface SdkBinding extends SdkInstance {
  /** The module that made it: its base URL option and API key are read there. */
  home: SourceModule;
}

export interface SdkCall {
  instance: SdkBinding;
  /** The method's path on the instance: ['customers', 'create']. */
  segments: string[];
}

/** A module's own SDK instances (or a class's, keyed `this.stripe`). */
export function sdkBindings(module: SourceModule, bindings?: Iterable<[string, t.Node]>): Map<string, SdkBinding> {
  return new Map([...sdkInstances(module, bindings)].map(([name, instance]) => [name, { ...instance, home: module }]));
}

/** The factory call that makes an instance of each library: `axios.create({...})`, `got.extend({...})`. */
const INSTANCE_FACTORY = { axios: 'create', got: 'extend' } as const;

/**
 * Instances of axios or got a module (or a class) holds: binding name → the options it was made
 * with. The library's own default import is one too, without options.
 */
export function libraryInstances(
  module: SourceModule,
  library: keyof typeof INSTANCE_FACTORY,
  bindings: Iterable<[string, t.Node]> = module.scope.consts,
): Map<string, t.Node | undefined> {
  const locals = importedAs(module.scope, library);
  const instances = new Map<string, t.Node | undefined>(locals.map((name) => [name, undefined]));
  for (const [name, init] of bindings) {
    const value = unwrap(init);
    if (value.type === 'CallExpression' && locals.some((local) => memberPath(value.callee)?.join('.') === `${local}.${INSTANCE_FACTORY[library]}`)) {
      instances.set(name, (value.arguments[0] as t.Node | undefined) ?? ({ type: 'ObjectExpression', properties: [] } as unknown as t.Node));
    }
  }
  return instances;
}

/**
 * axios and got instances a module imports from another project module (`import http from '../lib/http.js'`,
 * `const { client } = require('./client')`): what they were made with, and where.
 */
export function importedInstances(
  module: SourceModule,
  load: (file: string) => SourceModule | undefined,
): { axios: Map<string, t.Node | undefined>; got: Map<string, t.Node | undefined>; homes: Map<string, InstanceHome>; sdks: Map<string, SdkBinding> } {
  const found = {
    axios: new Map<string, t.Node | undefined>(),
    got: new Map<string, t.Node | undefined>(),
    homes: new Map<string, InstanceHome>(),
    sdks: new Map<string, SdkBinding>(),
  };
  for (const [local, binding] of module.scope.imports) {
    const file = binding.imported === '*' ? undefined : module.resolve(binding.source);
    const home = file && file !== module.file ? load(file) : undefined;
    const name = binding.imported === 'default' ? home?.scope.defaultExport : binding.imported;
    if (!home || !name) continue;
    const sdk = sdkInstances(home).get(name);
    if (sdk) found.sdks.set(local, { ...sdk, home });
    for (const library of ['axios', 'got'] as const) {
      const made = libraryInstances(home, library);
      // The library's own default import there is not an instance of this module's.
      if (!made.has(name) || importedAs(home.scope, library).includes(name)) continue;
      found[library].set(local, made.get(name));
      found.homes.set(local, { module: home, name });
    }
  }
  return found;
}

/** Every fetch(), axios or got call in a function's body. */
export function outboundCalls(
  fn: t.Function,
  module: SourceModule,
  instances: Map<string, t.Node | undefined>,
  gots: Map<string, t.Node | undefined> = new Map(),
  homes: Map<string, InstanceHome> = new Map(),
  sdks: Map<string, SdkBinding> = new Map(),
): FoundCall[] {
  const found: FoundCall[] = [];
  const locallyImported = module.scope.imports.has('fetch');
  // undici's own request(url, options): `import { request } from 'undici'`, or `undici.request` on the namespace.
  const undiciRequest = new Set([...importedAs(module.scope, 'undici', 'request'), ...importedAs(module.scope, 'undici').map((local) => `${local}.request`)]);
  walk(fn.body, (node, ancestors) => {
    if (node.type !== 'CallExpression') return;
    const callee = memberPath(node.callee);
    if (!callee) return;
    // `http.get(...)` on a module's instance, `this.http.get(...)` on a class's.
    const full = callee.join('.');
    const owner = callee.slice(0, -1).join('.');
    const method = METHODS.has(callee.at(-1) as HttpMethod);
    const at = (library: FoundCall['library'], options: t.Node | undefined, key?: string) => {
      const home = key ? homes.get(key) : undefined;
      found.push({ call: node, library, ancestors: [fn, ...ancestors], ...(options ? { instance: options } : {}), ...(home ? { home } : {}) });
    };
    if (!locallyImported && (full === 'fetch' || full === 'globalThis.fetch')) at('fetch', undefined);
    else if (undiciRequest.has(full)) at('undici', undefined);
    else if (method && instances.has(owner)) at('axios', instances.get(owner), owner);
    else if (gots.has(full)) at('got', gots.get(full), full);
    else if (method && gots.has(owner)) at('got', gots.get(owner), owner);
    else {
      // `stripe.customers.create(...)`, `this.openai.chat.completions.create(...)`.
      const holder = [1, 2].map((length) => callee.slice(0, length).join('.')).find((name) => sdks.has(name));
      const instance = holder ? sdks.get(holder) : undefined;
      const segments = holder ? callee.slice(holder.split('.').length) : [];
      if (instance && segments.length) found.push({ call: node, library: instance.sdk, sdk: { instance, segments }, ancestors: [fn, ...ancestors] });
    }
  });
  return found;
}

export type Described = Omit<ClientCall, 'retry' | 'timeout' | 'breaker' | 'file' | 'functionName'> & { statusPaths?: StatusPaths; innerFn: t.Function };

/**
 * What one outbound call sends and what the code does with the answer, read from the syntax:
 * the method, the URL (base and path, the arguments in it), query, JSON body and literal headers;
 * the fields read from the answer and what the function returns from them.
 */
export function describeCall(found: FoundCall, outer: t.Function, module: SourceModule, root: string): Described | string {
  const params = clientParams(outer);
  if (typeof params === 'string') return params;
  const names = new Set(params.map((param) => param.name));
  const request = found.sdk ? sdkRequest(found.sdk, found.call, names, root) : libraryRequest(found, names, module);
  if (typeof request === 'string') return request;

  const innerFn =
    [...found.ancestors]
      .reverse()
      .find(
        (node): node is t.Function => node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration',
      ) ?? outer;
  const response = readResponse(found, innerFn);
  const values = new SampleValues();
  const types = declaredTypes(module.program);
  const typed = response.type ? sampleOfType(response.type, types, values, 'value') : undefined;
  const sample = withReadPaths(typed, response.paths, values);
  const result = resultOf(innerFn, outer, response.root, names);
  return {
    params,
    library: found.library,
    ...request,
    sample,
    ...(result ? { result } : {}),
    // axios, got and the SDKs reject on error statuses unless told otherwise; fetch and undici answer them.
    failsOnErrorStatus: !CHECKS_STATUS_ITSELF.has(found.library) || failingStatus(statusRules(innerFn, response.statusPaths), [503]) !== undefined,
    ...(response.statusPaths ? { statusPaths: response.statusPaths } : {}),
    innerFn,
  };
}

type RequestShape = Pick<ClientCall, 'method' | 'base' | 'path' | 'query' | 'body' | 'bodyEncoding' | 'headers'>;

/** What an SDK method sends, from the SDK's table, to the base URL its instance was made with. */
function sdkRequest(sdk: SdkCall, call: t.CallExpression, names: Set<string>, root: string): RequestShape | string {
  const request = SDKS[sdk.instance.sdk].request(sdk.segments, call.arguments as t.Node[], names, root);
  if (typeof request === 'string') return request;
  const base = sdkBase(sdk.instance, sdk.instance.home);
  if (!base) return 'its SDK base URL option is neither a literal, an exported setting, nor built from process.env';
  return { ...request, base };
}

/** What a fetch, axios, got or undici call sends: method, URL (base, path, query), JSON body, literal headers. */
function libraryRequest(found: FoundCall, names: Set<string>, module: SourceModule): RequestShape | string {
  const [urlArg, second, third] = found.call.arguments;
  if (!urlArg || urlArg.type === 'SpreadElement' || urlArg.type === 'ArgumentPlaceholder') return 'its URL is not a plain argument';
  const calleePath = memberPath(found.call.callee)!;
  let method: HttpMethod;
  let config: t.Node | undefined;
  let bodyNode: t.Node | undefined;
  if (found.library === 'got') {
    config = second as t.Node | undefined;
    const declared = literalValue(objectEntries(config).get('method'));
    method =
      calleePath.length > 1 && METHODS.has(calleePath.at(-1) as HttpMethod)
        ? (calleePath.at(-1) as HttpMethod)
        : typeof declared === 'string' && METHODS.has(declared.toLowerCase() as HttpMethod)
          ? (declared.toLowerCase() as HttpMethod)
          : 'get';
    bodyNode = objectEntries(config).get('json');
    if (objectEntries(config).has('body') || objectEntries(config).has('form')) return 'it sends a body that is not `json: {...}`';
  } else if (found.library === 'axios') {
    method = calleePath.at(-1) as HttpMethod;
    if (BODY_METHODS.has(method)) {
      bodyNode = second as t.Node | undefined;
      config = third as t.Node | undefined;
    } else {
      config = second as t.Node | undefined;
    }
  } else {
    // fetch(url, init) and undici's request(url, options) take the same method, headers and body.
    config = second as t.Node | undefined;
    const declared = literalValue(objectEntries(config).get('method'));
    method = typeof declared === 'string' && METHODS.has(declared.toLowerCase() as HttpMethod) ? (declared.toLowerCase() as HttpMethod) : 'get';
    const body = objectEntries(config).get('body');
    if (body) {
      const value = unwrap(body);
      if (value.type === 'CallExpression' && memberPath(value.callee)?.join('.') === 'JSON.stringify') bodyNode = value.arguments[0] as t.Node | undefined;
      else return 'it sends a body that is not JSON.stringify({...})';
    }
  }

  const url = urlParts(urlArg, names);
  if (!url) return 'its URL is built in a way the kit cannot follow';
  const instanceBase = found.instance ? objectEntries(found.instance).get(found.library === 'got' ? 'prefixUrl' : 'baseURL') : undefined;
  let base: BaseUrl | undefined;
  let rest = url.parts;
  if (instanceBase) {
    base = resolveBase(instanceBase, found.home?.module ?? module);
  } else if (url.base) {
    base = resolveBase(url.base, module);
  } else if (typeof url.parts[0] === 'string' && /^https?:\/\//.test(url.parts[0])) {
    const absolute = new URL(url.parts[0]);
    base = { kind: 'literal', url: absolute.origin };
    rest = [`${absolute.pathname}${absolute.search}`, ...url.parts.slice(1)];
  }
  if (!base) return 'its base URL is neither a literal, an exported setting, nor built from process.env';
  // got joins prefixUrl and a path without its leading slash.
  if (instanceBase && found.library === 'got' && typeof rest[0] === 'string' && !rest[0].startsWith('/')) rest = [`/${rest[0]}`, ...rest.slice(1)];
  else if (instanceBase && found.library === 'got' && typeof rest[0] !== 'string') rest = ['/', ...rest];
  const { path, query } = splitQuery(rest);
  if (!path) return 'its query string is built in a way the kit cannot follow';
  const queryOption = QUERY_OPTION[found.library];
  if (queryOption) for (const [key, value] of objectEntries(objectEntries(config).get(queryOption))) query.push([key, valueSource(value, names)]);

  const headers: [string, string][] = [];
  for (const [name, value] of objectEntries(objectEntries(config).get('headers'))) {
    const literal = literalValue(value);
    if (typeof literal === 'string') headers.push([name, literal]);
  }
  const body = bodyNode ? objectFields(bodyNode, names) : undefined;
  if (bodyNode && !body) return 'it sends a body that is not an object literal';

  return { method, base, path, query, ...(body ? { body } : {}), headers };
}

/** The client function's parameters, when each is a string, number or boolean the tests can make up. */
function clientParams(fn: t.Function): ClientParam[] | string {
  const params: ClientParam[] = [];
  for (const raw of fn.params) {
    const param = raw.type === 'AssignmentPattern' ? raw.left : raw;
    if (param.type !== 'Identifier') return 'it takes a destructured or rest parameter';
    const annotation = param.typeAnnotation?.type === 'TSTypeAnnotation' ? param.typeAnnotation.typeAnnotation : undefined;
    const kind = !annotation
      ? 'string'
      : annotation.type === 'TSStringKeyword'
        ? 'string'
        : annotation.type === 'TSNumberKeyword'
          ? 'number'
          : annotation.type === 'TSBooleanKeyword'
            ? 'boolean'
            : undefined;
    if (!kind) return `its parameter ${param.name} is not a string, number or boolean`;
    params.push({ name: param.name, kind });
  }
  return params;
}

/** A URL argument as the base expression (when it starts with one) and the parts after it. */
function urlParts(node: t.Node, params: Set<string>): { base?: t.Node; parts: (string | { param: string })[] } | undefined {
  const value = unwrap(node);
  const pieces: t.Node[] = [];
  const flatten = (piece: t.Node) => {
    const inner = unwrap(piece);
    if (inner.type === 'BinaryExpression' && inner.operator === '+') {
      flatten(inner.left as t.Node);
      flatten(inner.right);
    } else if (inner.type === 'TemplateLiteral') {
      inner.quasis.forEach((quasi, i) => {
        if (quasi.value.cooked) pieces.push({ type: 'StringLiteral', value: quasi.value.cooked } as t.StringLiteral);
        const expression = inner.expressions[i];
        if (expression) pieces.push(expression);
      });
    } else {
      pieces.push(inner);
    }
  };
  flatten(value);
  const parts: (string | { param: string })[] = [];
  let base: t.Node | undefined;
  for (const [i, piece] of pieces.entries()) {
    const literal = literalValue(piece);
    if (typeof literal === 'string' || typeof literal === 'number') parts.push(String(literal));
    else if (piece.type === 'Identifier' && params.has(piece.name)) parts.push({ param: piece.name });
    else if (i === 0 && memberPath(piece)) base = piece;
    else if (
      piece.type === 'CallExpression' &&
      memberPath(piece.callee)?.join('.') === 'encodeURIComponent' &&
      piece.arguments[0]?.type === 'Identifier' &&
      params.has(piece.arguments[0].name)
    )
      parts.push({ param: piece.arguments[0].name });
    else return undefined;
  }
  return { ...(base ? { base } : {}), parts };
}

/** `/latest?base=${from}&v=1` → the path parts and the query pairs. */
function splitQuery(parts: (string | { param: string })[]): { path?: (string | { param: string })[]; query: [string, ValueSource][] } {
  const at = parts.findIndex((part) => typeof part === 'string' && part.includes('?'));
  if (at < 0) return { path: parts, query: [] };
  const head = parts[at] as string;
  const path = [...parts.slice(0, at), head.slice(0, head.indexOf('?'))].filter((part) => part !== '');
  const tail = [head.slice(head.indexOf('?') + 1), ...parts.slice(at + 1)];
  const query: [string, ValueSource][] = [];
  let key: string | undefined;
  for (const part of tail) {
    if (typeof part !== 'string') {
      if (!key) return { query: [] };
      query.push([key, part]);
      key = undefined;
      continue;
    }
    for (const [i, pair] of part.split('&').entries()) {
      if (i > 0 && key) return { query: [] };
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) return { query: [] };
      const name = decodeURIComponent(pair.slice(0, eq));
      const rest = pair.slice(eq + 1);
      if (rest) query.push([name, { literal: decodeURIComponent(rest) }]);
      else key = name;
    }
  }
  return key ? { query: [] } : { path, query };
}
