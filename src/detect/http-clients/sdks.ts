import fs from 'node:fs';
import path from 'node:path';
import type * as t from '@babel/types';
import type { BaseUrl, HttpMethod, ValueSource } from './model.ts';
import type { SourceModule } from './outbound.ts';
import { resolveBase } from './base-url.ts';
import { importedAs } from './module-scope.ts';
import { objectFields } from './request-values.ts';
import { snake } from '../../kit/names.ts';
import { literalValue, memberPath, objectEntries, parseSource, unwrap, walk } from './syntax.ts';

/**
 * Third-party SDKs over HTTP whose calls the kit maps to the requests they send: how an instance
 * is made, the base URL it calls, which method sends what, and where the answer's data sits.
 * msw answers them like any other client (stripe uses node:http, openai and Octokit fetch).
 */
export type SdkName = 'stripe' | 'openai' | 'octokit';

/** The request one SDK method call sends, in the terms the rest of the scan uses. */
export interface SdkRequest {
  method: HttpMethod;
  path: (string | { param: string })[];
  query: [key: string, value: ValueSource][];
  body?: [key: string, value: ValueSource][];
  /** Stripe sends form-encoded bodies: tests compare the fields as strings. */
  bodyEncoding?: 'form';
  headers: [name: string, value: string][];
}

interface Sdk {
  packages: string[];
  /** The class imported from the package: 'default' or a named export. */
  exports: string[];
  /** The constructor option that moves the base URL. */
  baseOption?: string;
  /** Where the SDK sends requests when not told otherwise, as the SDK itself decides it. */
  defaultBase: BaseUrl;
  /** Where the constructor takes the API key: an argument's index or an option's name. */
  key: number | string;
  /** The environment variable the SDK reads the key from when none is passed. */
  keyEnv?: string;
  /** The answer's data sits under this key of the awaited result (Octokit's `{ data }`). */
  dataKey?: string;
  request(segments: string[], args: t.Node[], params: Set<string>, root: string): SdkRequest | string;
}

export const SDKS: Record<SdkName, Sdk> = {
  stripe: {
    packages: ['stripe'],
    exports: ['default', 'Stripe'],
    defaultBase: { kind: 'literal', url: 'https://api.stripe.com' },
    key: 0,
    request: stripeRequest,
  },
  openai: {
    packages: ['openai'],
    exports: ['default', 'OpenAI'],
    baseOption: 'baseURL',
    // The SDK reads OPENAI_BASE_URL itself: the mocks follow it the same way.
    defaultBase: { kind: 'expression', name: 'OPENAI_BASE_URL', source: "process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1'" },
    key: 'apiKey',
    keyEnv: 'OPENAI_API_KEY',
    request: openaiRequest,
  },
  octokit: {
    packages: ['@octokit/rest', 'octokit', '@octokit/core'],
    exports: ['Octokit'],
    baseOption: 'baseUrl',
    defaultBase: { kind: 'literal', url: 'https://api.github.com' },
    key: 'auth',
    dataKey: 'data',
    request: octokitRequest,
  },
};

export const SDK_PACKAGES = Object.values(SDKS).flatMap((sdk) => sdk.packages);

/** An SDK instance a module holds: `const stripe = new Stripe(key)`. */
export interface SdkInstance {
  sdk: SdkName;
  made: t.NewExpression;
}

/** SDK instances among a module's (or a class's) bindings. */
export function sdkInstances(module: SourceModule, bindings: Iterable<[string, t.Node]> = module.scope.consts): Map<string, SdkInstance> {
  const classes = new Map<string, SdkName>();
  for (const [name, sdk] of Object.entries(SDKS) as [SdkName, Sdk][]) {
    for (const source of sdk.packages)
      for (const imported of sdk.exports) for (const local of importedAs(module.scope, source, imported)) classes.set(local, name);
  }
  const found = new Map<string, SdkInstance>();
  if (!classes.size) return found;
  for (const [name, init] of bindings) {
    const value = unwrap(init);
    const made = value.type === 'NewExpression' ? memberPath(value.callee)?.join('.') : undefined;
    // `new Stripe(key)`, and `new stripe.default(key)` / `new OpenAI.OpenAI()` on a namespace.
    const sdk = made ? (classes.get(made) ?? classes.get(made.split('.')[0]!)) : undefined;
    if (sdk && value.type === 'NewExpression') found.set(name, { sdk, made: value });
  }
  return found;
}

/** The base URL an instance calls: its option, else the SDK's default. */
export function sdkBase(instance: SdkInstance, module: SourceModule): BaseUrl | undefined {
  const sdk = SDKS[instance.sdk];
  const option = sdk.baseOption ? objectEntries(instance.made.arguments[0] as t.Node | undefined).get(sdk.baseOption) : undefined;
  if (!option) return sdk.defaultBase;
  return resolveBase(option, module);
}

/**
 * The environment variables the SDK's key comes from, so tests can set a fake one before the
 * client module makes its instance (OpenAI's constructor throws without a key).
 */
export function sdkKeyEnvs(instance: SdkInstance, module: SourceModule, load: (file: string) => SourceModule | undefined): string[] {
  const sdk = SDKS[instance.sdk];
  const args = instance.made.arguments as t.Node[];
  const keyNode = typeof sdk.key === 'number' ? args[sdk.key] : objectEntries(args[0]).get(sdk.key);
  if (!keyNode) return sdk.keyEnv ? [sdk.keyEnv] : [];
  const names = envReads(keyNode);
  if (names.length) return names;
  // `new Stripe(STRIPE_KEY)`: a constant of the module; `new Stripe(config.stripeKey)`: the setting in the module it comes from.
  const [root, ...access] = memberPath(keyNode) ?? [];
  const local = root && !access.length ? module.scope.consts.get(root) : undefined;
  if (local) return envReads(local);
  const imported = root ? module.scope.imports.get(root) : undefined;
  const file = imported ? module.resolve(imported.source) : undefined;
  const home = file ? load(file) : undefined;
  if (!home || !imported) return [];
  const name = imported.imported === 'default' ? home.scope.defaultExport : imported.imported;
  let value: t.Node | undefined = name ? home.scope.consts.get(name) : undefined;
  for (const key of access) value = value ? objectEntries(value).get(key) : undefined;
  return value ? envReads(value) : [];
}

function envReads(node: t.Node): string[] {
  const names: string[] = [];
  walk(node, (inner) => {
    const read = inner.type === 'MemberExpression' ? memberPath(inner) : undefined;
    if (read?.length === 3 && read[0] === 'process' && read[1] === 'env' && !names.includes(read[2]!)) names.push(read[2]!);
  });
  return names;
}

/** A path argument: the client function's parameter or a literal; undefined otherwise. */
function pathPart(node: t.Node | undefined, params: Set<string>): string | { param: string } | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  if (value.type === 'Identifier' && params.has(value.name)) return { param: value.name };
  const literal = literalValue(value);
  return typeof literal === 'string' || typeof literal === 'number' ? encodeURIComponent(String(literal)) : undefined;
}

/** Stripe's form encoding of nested values: `metadata[order]`, `items[0][price]`. */
function formFields(entries: [string, ValueSource][], prefix = ''): [string, ValueSource][] {
  return entries.flatMap(([key, value]): [string, ValueSource][] => {
    const name = prefix ? `${prefix}[${key}]` : key;
    if ('object' in value) return formFields(value.object, name);
    if ('array' in value)
      return formFields(
        value.array.map((item, i) => [String(i), item]),
        name,
      );
    return [[name, value]];
  });
}

/** An optional params argument: absent, or an object literal. */
function paramsArgument(node: t.Node | undefined, params: Set<string>): [string, ValueSource][] | string {
  if (!node) return [];
  return objectFields(node, params) ?? 'its parameters are not an object literal';
}

/**
 * stripe-node: `stripe.customers.create(params)` → POST /v1/customers; `retrieve(id)`, `update(id,
 * params)`, `del(id)`, `list(params)`, `search(params)`, and actions on one object
 * (`paymentIntents.confirm(id, params)` → POST /v1/payment_intents/{id}/confirm).
 */
function stripeRequest(segments: string[], args: t.Node[], params: Set<string>): SdkRequest | string {
  const method = segments.at(-1)!;
  const resources = segments.slice(0, -1);
  if (!resources.length) return `stripe.${method}() is not a resource method`;
  if (/^(create|retrieve|update|del|list)[A-Z]/.test(method)) return `stripe ${segments.join('.')}() works on a nested resource the kit does not map`;
  const collection: (string | { param: string })[] = [`/v1/${resources.map(snake).join('/')}`];
  const one = (index: number) => {
    const id = pathPart(args[index], params);
    return id === undefined ? undefined : [...collection, '/', id];
  };
  const form = (node: t.Node | undefined) => {
    const fields = paramsArgument(node, params);
    return typeof fields === 'string' ? fields : formFields(fields);
  };
  const shaped = (verb: HttpMethod, at: (string | { param: string })[] | undefined, fields: [string, ValueSource][] | string): SdkRequest | string => {
    if (!at) return 'its object id is neither an argument nor a literal';
    if (typeof fields === 'string') return fields;
    const sendsBody = verb === 'post';
    return { method: verb, path: at, query: sendsBody ? [] : fields, ...(sendsBody ? { body: fields, bodyEncoding: 'form' as const } : {}), headers: [] };
  };
  switch (method) {
    case 'create':
      return shaped('post', collection, form(args[0]));
    case 'list':
      return shaped('get', collection, form(args[0]));
    case 'search':
      return shaped('get', [...collection, '/search'], form(args[0]));
    case 'retrieve':
      return shaped('get', one(0), form(args[1]));
    case 'update':
      return shaped('post', one(0), form(args[1]));
    case 'del':
      return shaped('delete', one(0), form(args[1]));
    default: {
      const at = one(0);
      return shaped('post', at && [...at, `/${snake(method)}`], form(args[1]));
    }
  }
}

/** OpenAI resources that upload files: a multipart body the kit does not describe. */
const OPENAI_UPLOADS = new Set(['files', 'uploads', 'audio/transcriptions', 'audio/translations', 'images/edits', 'images/variations']);

/**
 * openai-node: `openai.chat.completions.create(body)` → POST /chat/completions (under the base URL,
 * which holds /v1); `retrieve(id)`, `update(id, body)`, `delete(id)`/`del(id)`, `list(query)`;
 * `images.generate` → POST /images/generations. `beta.` prefixes are not part of the path.
 */
function openaiRequest(segments: string[], args: t.Node[], params: Set<string>): SdkRequest | string {
  const method = segments.at(-1)!;
  const resources = segments.slice(segments[0] === 'beta' ? 1 : 0, -1).map(snake);
  if (!resources.length) return `openai.${method}() is not a resource method`;
  const resource = resources.join('/');
  if (OPENAI_UPLOADS.has(resource)) return `openai ${segments.join('.')}() uploads a file`;
  const collection = `/${resource}`;
  const body = (node: t.Node | undefined): SdkRequest | string => {
    const fields = paramsArgument(node, params);
    if (typeof fields === 'string') return fields;
    if (fields.some(([key, value]) => key === 'stream' && 'literal' in value && value.literal === true)) return 'it streams the answer';
    return { method: 'post', path: [method === 'generate' ? `${collection}/generations` : collection], query: [], body: fields, headers: [] };
  };
  const one = (verb: HttpMethod, fieldsAt?: number): SdkRequest | string => {
    if (resources.length > 1 && verb !== 'post') return `openai ${segments.join('.')}() takes ids of nested objects the kit does not map`;
    const id = pathPart(args[0], params);
    if (id === undefined) return 'its object id is neither an argument nor a literal';
    const fields = fieldsAt === undefined ? [] : paramsArgument(args[fieldsAt], params);
    if (typeof fields === 'string') return fields;
    return { method: verb, path: [`${collection}/`, id], query: [], ...(verb === 'post' ? { body: fields } : {}), headers: [] };
  };
  switch (method) {
    case 'create':
    case 'generate':
      return body(args[0]);
    case 'list': {
      const fields = paramsArgument(args[0], params);
      return typeof fields === 'string' ? fields : { method: 'get', path: [collection], query: fields, headers: [] };
    }
    case 'retrieve':
      return one('get');
    case 'update':
      return resources.length > 1 ? `openai ${segments.join('.')}() takes ids of nested objects the kit does not map` : one('post', 1);
    case 'del':
    case 'delete':
      return one('delete');
    default:
      return `openai ${segments.join('.')}() is a method the kit does not map`;
  }
}

/**
 * Octokit: `octokit.request('GET /repos/{owner}/{repo}', { owner, repo })` and the REST methods
 * (`octokit.rest.repos.get({ owner, repo })`), whose routes come from the endpoint table of the
 * project's installed @octokit/plugin-rest-endpoint-methods. Parameters not in the route go to the
 * query (GET, HEAD) or the JSON body.
 */
function octokitRequest(segments: string[], args: t.Node[], params: Set<string>, root: string): SdkRequest | string {
  let route: string | undefined;
  if (segments.length === 1 && segments[0] === 'request') {
    const literal = literalValue(args[0]);
    if (typeof literal !== 'string') return 'its route is not a string literal';
    route = literal;
    args = args.slice(1);
  } else {
    const [namespace, method] = segments[0] === 'rest' ? segments.slice(1) : segments;
    if (!namespace || !method || segments.length > (segments[0] === 'rest' ? 3 : 2)) return `octokit ${segments.join('.')}() is not a REST method the kit maps`;
    const table = octokitEndpoints(root);
    if (!table) return "Octokit's endpoint table (@octokit/plugin-rest-endpoint-methods) is not installed: install dependencies, then run the kit again";
    route = table.get(`${namespace}.${method}`);
    if (!route) return `octokit ${segments.join('.')}() is not in Octokit's endpoint table`;
  }
  const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(route);
  if (!match) return `its route ${route} is not "METHOD /path"`;
  const verb = match[1]!.toLowerCase() as HttpMethod;
  const fields = paramsArgument(args[0], params);
  if (typeof fields === 'string') return fields;
  const given = new Map(fields);
  if (['request', 'mediaType', 'data'].some((option) => given.has(option)))
    return 'it passes request options (request, mediaType or data) the kit does not describe';
  const headers: [string, string][] = [];
  const headerValues = given.get('headers');
  if (headerValues && 'object' in headerValues)
    for (const [name, value] of headerValues.object) if ('literal' in value) headers.push([name, String(value.literal)]);
  const path: (string | { param: string })[] = [];
  const used = new Set<string>(['headers']);
  for (const piece of match[2]!.split(/(\{\+?\w+\})/)) {
    const name = /^\{\+?(\w+)\}$/.exec(piece)?.[1];
    if (!name) {
      if (piece) path.push(piece);
      continue;
    }
    const value = given.get(name);
    const part = value && 'param' in value ? value : value && 'literal' in value ? encodeURIComponent(String(value.literal)) : undefined;
    if (part === undefined) return `its {${name}} is neither an argument nor a literal`;
    used.add(name);
    path.push(part);
  }
  const rest = fields.filter(([key]) => !used.has(key));
  const inQuery = verb === 'get';
  return { method: verb, path, query: inQuery ? rest : [], ...(!inQuery && rest.length ? { body: rest } : {}), headers };
}

const endpointTables = new Map<string, Map<string, string> | undefined>();

/** `repos.get` → `GET /repos/{owner}/{repo}`, from the project's installed copy of Octokit's table. */
function octokitEndpoints(root: string): Map<string, string> | undefined {
  if (endpointTables.has(root)) return endpointTables.get(root);
  const candidates = [
    'node_modules/@octokit/plugin-rest-endpoint-methods',
    'node_modules/@octokit/rest/node_modules/@octokit/plugin-rest-endpoint-methods',
    'node_modules/octokit/node_modules/@octokit/plugin-rest-endpoint-methods',
  ];
  let table: Map<string, string> | undefined;
  for (const candidate of candidates) {
    const file = path.join(root, candidate, 'dist-src/generated/endpoints.js');
    if (!fs.existsSync(file)) continue;
    const ast = parseSource(fs.readFileSync(file, 'utf8'), file);
    let endpoints: t.Node | undefined;
    if (ast)
      walk(ast.program, (node) => {
        if (!endpoints && node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === 'Endpoints' && node.init)
          endpoints = node.init;
      });
    table = new Map();
    for (const [namespace, methods] of objectEntries(endpoints)) {
      for (const [method, entry] of objectEntries(methods)) {
        const first = unwrap(entry).type === 'ArrayExpression' ? (unwrap(entry) as t.ArrayExpression).elements[0] : undefined;
        const route = first ? literalValue(first as t.Node) : undefined;
        if (typeof route === 'string') table.set(`${namespace}.${method}`, route);
      }
    }
    break;
  }
  endpointTables.set(root, table);
  return table;
}
