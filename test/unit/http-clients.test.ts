import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SourceFiles } from '../../src/detect/files.ts';
import { scanHttpClients, withObservedSchedules, type ClientCall } from '../../src/detect/http-clients/index.ts';
import { FIXTURES } from '../support/paths.ts';
import { tempProject } from '../support/temp-project.ts';

const scan = (root: string, dependencies: Record<string, string> = {}) => scanHttpClients(new SourceFiles(root), { root, aliases: [] }, dependencies);
const calls = (root: string): ClientCall[] => scan(root).services.flatMap((service) => service.calls);

describe('the HTTP client scan on the clients fixture', () => {
  const root = path.join(FIXTURES, 'express-clients-ts-esm');
  const result = scan(root, { 'axios-retry': '^4', 'p-retry': '^7', cockatiel: '^3' });
  const byName = Object.fromEntries(result.services.flatMap((service) => service.calls.map((call) => [call.functionName, { service: service.name, ...call }])));

  test('finds one service per base URL, named after its client file', () => {
    expect(result.services.map((service) => service.name).sort()).toEqual([
      'assistant',
      'billing',
      'geo',
      'github',
      'loyalty',
      'payments',
      'rates',
      'reviews',
      'weather',
    ]);
    // The fixture's sources are scanned without node_modules: Octokit's REST table is not there to read.
    expect(result.skipped).toEqual([
      expect.stringMatching(/^src\/clients\/github.ts: repoStars\(\) is not tested: Octokit's endpoint table .* is not installed/),
    ]);
    expect(result.libraries).toEqual(['axios-retry', 'p-retry', 'cockatiel']);
  });

  test('axios: the instance base URL from the exported config, the query, the typed answer and the mapping', () => {
    expect(byName.getForecast).toMatchObject({
      library: 'axios',
      method: 'get',
      base: { kind: 'import', file: 'src/config.ts', name: 'config', access: ['weatherApiUrl'] },
      path: ['/v1/forecast'],
      query: [
        ['city', { param: 'city' }],
        ['days', { literal: 1 }],
      ],
      sample: { location: { name: 'sample-name', country: 'sample-country' }, current: { temp_c: 1.5, condition: 'sample-condition' } },
      result: {
        object: [
          ['city', { sample: ['location', 'name'] }],
          ['country', { sample: ['location', 'country'] }],
          ['temperatureC', { sample: ['current', 'temp_c'] }],
          ['summary', { sample: ['current', 'condition'] }],
        ],
        partial: false,
      },
      retry: { library: 'axios-retry', retries: 3, delays: [200, 400, 600], permanentStatus: 400, transientStatus: 503 },
      timeout: { library: 'axios', ms: 2000, error: { code: 'ECONNABORTED' } },
    });
  });

  test('fetch in p-retry: a module-private base from process.env, path arguments, AbortError as the permanent rule', () => {
    expect(byName.getRate).toMatchObject({
      library: 'fetch',
      base: { kind: 'expression', name: 'RATES_API_URL', source: "process.env.RATES_API_URL ?? 'https://api.rates.example.com'" },
      path: ['/v2/rates/', { param: 'from' }, '/', { param: 'to' }],
      headers: [['accept', 'application/json']],
      result: { sample: ['rate'] },
      failsOnErrorStatus: true,
      retry: { library: 'p-retry', retries: 2, delays: [100, 300], permanentStatus: 400, transientStatus: 503 },
    });
  });

  test('got: prefixUrl, a path without its slash, searchParams, .json<T>() and its own retry and timeout', () => {
    expect(byName.getReviewSummary).toMatchObject({
      library: 'got',
      base: { kind: 'import', file: 'src/config.ts', name: 'config', access: ['reviewsApiUrl'] },
      path: ['/hotels/', { param: 'hotelId' }, '/reviews/summary'],
      query: [['lang', { literal: 'en' }]],
      sample: { average_rating: 1.5, review_count: 2.5, top_review: { author: 'sample-author', text: 'sample-text' } },
      result: {
        object: [
          ['rating', { sample: ['average_rating'] }],
          ['count', { sample: ['review_count'] }],
        ],
        partial: false,
      },
      retry: { library: 'got', retries: 2, delays: [1000, 2000], jitter: true, permanentStatus: 400, transientStatus: 503, retriesNetworkErrors: false },
      timeout: { library: 'got', ms: 1000, error: { code: 'ETIMEDOUT' } },
    });
  });

  test("undici's request(): destructured statusCode and body, the status check, body.json()", () => {
    expect(byName.countryOf).toMatchObject({
      library: 'undici',
      method: 'get',
      base: { kind: 'expression', name: 'GEO_URL' },
      path: ['/v1/ip/', { param: 'ip' }],
      sample: { country: 'sample-country' },
      result: { sample: ['country'] },
      failsOnErrorStatus: true,
    });
    expect(result.undiciFiles).toEqual(['src/clients/geo.ts']);
  });

  test('fetch in a cockatiel policy: the JSON body, the timeout and the exported breaker', () => {
    expect(byName.createCharge).toMatchObject({
      method: 'post',
      body: [
        ['amount', { param: 'amountCents' }],
        ['currency', { literal: 'eur' }],
        ['source', { param: 'cardToken' }],
      ],
      params: [
        { name: 'amountCents', kind: 'number' },
        { name: 'cardToken', kind: 'string' },
      ],
      timeout: { library: 'cockatiel', ms: 1500 },
      breaker: { threshold: 3, halfOpenAfter: 30_000, exportName: 'paymentsBreaker' },
    });
    expect(byName.createCharge!.retry).toBeUndefined();
  });
});

describe('the HTTP client scan', () => {
  test('CommonJS: axios itself with a full URL, a query in the template, the answer read through res.data', () => {
    const dir = tempProject({
      'lib/inventory.js': [
        "const axios = require('axios');",
        "const BASE = process.env.INVENTORY_URL || 'https://inventory.example.com';",
        'exports.listItems = async (page) => {',
        '  const res = await axios.get(`${BASE}/items?page=${page}&size=20`);',
        '  return res.data.items;',
        '};',
      ].join('\n'),
    });
    expect(calls(dir)).toMatchObject([
      {
        functionName: 'listItems',
        library: 'axios',
        base: { kind: 'expression', name: 'BASE', source: "process.env.INVENTORY_URL || 'https://inventory.example.com'" },
        path: ['/items'],
        query: [
          ['page', { param: 'page' }],
          ['size', { literal: '20' }],
        ],
        sample: { items: 'sample-items' },
        result: { sample: ['items'] },
      },
    ]);
    expect(scan(dir).services[0]!.name).toBe('inventory');
  });

  test('a literal URL gives the base; a fetch that never checks the status only fails on dropped connections', () => {
    const dir = tempProject({
      'src/api.ts':
        "export async function ping(): Promise<unknown> {\n  const res = await fetch('https://status.example.com/v1/ping');\n  return res.json();\n}\n",
    });
    const [call] = calls(dir);
    expect(call).toMatchObject({
      base: { kind: 'literal', url: 'https://status.example.com' },
      path: ['/v1/ping'],
      failsOnErrorStatus: false,
      result: { sample: [] },
    });
    // A generic file name: the service is named after the host.
    expect(scan(dir).services[0]!.name).toBe('status');
  });

  test('a client that returns nothing of the answer resolves to nothing', () => {
    const dir = tempProject({
      'libraries/mailer.js':
        "const axios = require('axios');\nmodule.exports.send = async (subject, body) => {\n  await axios.post('http://mailer.com/send', { subject, body }, { timeout: 3000 });\n};\n",
    });
    expect(calls(dir)).toMatchObject([{ functionName: 'send', method: 'post', result: { nothing: true } }]);
  });

  test('says why a client is left untested', () => {
    const dir = tempProject({
      'src/clients/a.ts': [
        "import axios from 'axios';",
        "import axiosRetry from 'axios-retry';",
        "const http = axios.create({ baseURL: 'https://a.example.com' });",
        'axiosRetry(http, { retries: 2, retryCondition: () => true });',
        "async function hidden() { return fetch('https://a.example.com/x'); }",
        "export async function twice() { await fetch('https://a.example.com/1'); return fetch('https://a.example.com/2'); }",
        "export async function byFilter({ q }: { q: string }) { return http.get('/search', { params: { q } }); }",
        'export async function get(id: string) { const { data } = await http.get(`/things/${id}`); return data; }',
      ].join('\n'),
    });
    const result = scan(dir);
    expect(result.skipped).toEqual([
      'src/clients/a.ts: hidden() is not exported, so no test calls it directly; the API tests meet its mocked GET endpoint',
      'src/clients/a.ts: twice() makes 2 outbound calls; the kit tests functions that make one',
      'src/clients/a.ts: byFilter() is not tested: it takes a destructured or rest parameter',
      'src/clients/a.ts: get(): axios-retry has its own retryCondition: which errors it retries is not something the kit can read; no tests for it',
    ]);
    expect(result.services.flatMap((service) => service.calls.map((call) => [call.functionName, call.retry, call.mockOnly]))).toEqual([
      ['hidden', undefined, true],
      ['get', undefined, undefined],
    ]);
  });

  test('p-retry: defaults, maxTimeout, jitter, and a permanent rule written as a list of statuses', () => {
    const dir = tempProject({
      'src/quotes.ts': [
        "import pRetry, { AbortError } from 'p-retry';",
        "const BASE = 'https://quotes.example.com';",
        'export async function quote(symbol: string) {',
        '  return pRetry(async () => {',
        '    const res = await fetch(`${BASE}/q/${encodeURIComponent(symbol)}`);',
        "    if ([404, 410].includes(res.status)) throw new AbortError('gone');",
        "    if (res.status >= 500) throw new Error('retry');",
        '    return (await res.json()) as { price: number };',
        '  }, { retries: 4, minTimeout: 200, maxTimeout: 1000, randomize: true });',
        '}',
      ].join('\n'),
    });
    expect(calls(dir)[0]!.retry).toMatchObject({
      library: 'p-retry',
      retries: 4,
      delays: [200, 400, 800, 1000],
      jitter: true,
      permanentStatus: 404,
      transientStatus: 503,
    });
  });

  test('cockatiel: retry with a constant backoff; a breaker behind a retry is left out, with a note', () => {
    const dir = tempProject({
      'src/mail.ts': [
        "import { circuitBreaker, ConsecutiveBreaker, ConstantBackoff, handleAll, retry, wrap } from 'cockatiel';",
        "const MAIL = process.env.MAIL_URL ?? 'https://mail.example.com';",
        'const retries = retry(handleAll, { maxAttempts: 2, backoff: new ConstantBackoff(50) });',
        'const breaker = circuitBreaker(handleAll, { halfOpenAfter: 5 * 1000, breaker: new ConsecutiveBreaker(4) });',
        'const policy = wrap(retries, breaker);',
        'export async function send(to: string) {',
        '  return policy.execute(async () => {',
        "    const res = await fetch(`${MAIL}/send`, { method: 'POST', body: JSON.stringify({ to }) });",
        "    if (!res.ok) throw new Error('mail failed');",
        '    return true;',
        '  });',
        '}',
      ].join('\n'),
    });
    const result = scan(dir);
    expect(result.services[0]!.calls[0]).toMatchObject({
      method: 'post',
      body: [['to', { param: 'to' }]],
      result: { literal: true },
      retry: { library: 'cockatiel', retries: 2, delays: [50, 50] },
    });
    expect(result.services[0]!.calls[0]!.breaker).toBeUndefined();
    expect(result.skipped).toEqual(['src/mail.ts: send(): a retry inside a breaker: the breaker tests would count retries as failures; no tests for it']);
  });
});

describe('client classes', () => {
  test("an exported instance's methods, the base from a field, axios made in the constructor or a field", () => {
    const dir = tempProject({
      'src/config.ts': "export const settings = { crmUrl: process.env.CRM_URL ?? 'https://crm.example.com' };\n",
      'src/crm.ts': [
        "import axios from 'axios';",
        "import { settings } from './config.js';",
        'export class CrmClient {',
        '  private readonly baseUrl = settings.crmUrl;',
        '  private http = axios.create({ baseURL: this.baseUrl });',
        '  async contact(id: number): Promise<{ name: string }> {',
        '    const { data } = await this.http.get<{ full_name: string }>(`/contacts/${id}`);',
        '    return { name: data.full_name };',
        '  }',
        "  private async secret() { return this.http.get('/secret'); }",
        '}',
        'export const crm = new CrmClient();',
        'export class Mailer {',
        '  async send(to: string) {',
        "    const res = await fetch('https://mail.example.com/send', { method: 'POST', body: JSON.stringify({ to }) });",
        "    if (!res.ok) throw new Error('failed');",
        '  }',
        '}',
      ].join('\n'),
    });
    const result = scan(dir);
    expect(result.services.flatMap((service) => service.calls.map((call) => [call.receiver, call.functionName, call.method, call.base]))).toEqual([
      ['crm', 'contact', 'get', { kind: 'import', file: 'src/config.ts', name: 'settings', access: ['crmUrl'] }],
      ['new Mailer()', 'send', 'post', { kind: 'literal', url: 'https://mail.example.com' }],
    ]);
    expect(calls(dir)[0]).toMatchObject({
      sample: { full_name: 'sample-full_name' },
      result: { object: [['name', { sample: ['full_name'] }]], partial: false },
    });
  });
});

describe('opossum', () => {
  test('an export that fires a breaker is the client; the wrapped function says what it sends', () => {
    const result = scan(path.join(FIXTURES, 'express-clients-js-cjs'));
    const notify = result.services.find((service) => service.name === 'notify')!;
    expect(notify.calls).toMatchObject([
      {
        functionName: 'sendMessage',
        method: 'post',
        body: [
          ['to', { param: 'to' }],
          ['text', { param: 'text' }],
          ['channel', { literal: 'email' }],
        ],
        timeout: { library: 'opossum', ms: 800, error: { code: 'ETIMEDOUT' } },
        // errorThresholdPercentage 50 with volumeThreshold 2: the second failure in a row opens it.
        breaker: { library: 'opossum', threshold: 2, halfOpenAfter: 20_000, exportName: 'notifyBreaker' },
      },
    ]);
    // postMessage itself is not exported, but it is tested through the export that fires it.
    expect(result.skipped).toEqual([]);
  });

  test('a breaker that can never open, or warms up first, gets no breaker tests', () => {
    const dir = tempProject({
      'src/a.js': [
        "const CircuitBreaker = require('opossum');",
        'async function call(id) { const res = await fetch(`https://a.example.com/x/${id}`); return res.json(); }',
        'const never = new CircuitBreaker(call, { errorThresholdPercentage: 100 });',
        'exports.get = (id) => never.fire(id);',
      ].join('\n'),
    });
    const result = scan(dir);
    expect(result.services[0]!.calls[0]!.breaker).toBeUndefined();
    expect(result.skipped).toEqual(['src/a.js: get(): errorThresholdPercentage is 100 or more: the breaker never opens; no tests for it']);
  });
});

test("a client that retries through the project's own helper: no retry settings to read, a run's schedule is pinned", () => {
  const dir = tempProject({
    'src/retry.ts':
      'export async function withRetry<T>(fn: () => Promise<T>, times = 3): Promise<T> {\n  for (let i = 0; ; i++) {\n    try { return await fn(); } catch (error) { if (i + 1 >= times) throw error; }\n  }\n}\n',
    'src/orders.ts': [
      "import { withRetry } from './retry.js';",
      'export async function order(id: string) {',
      '  return withRetry(async () => {',
      '    const res = await fetch(`https://orders.example.com/orders/${id}`);',
      "    if (!res.ok) throw new Error('failed');",
      '    return (await res.json()) as { total: number };',
      '  });',
      '}',
    ].join('\n'),
  });
  const result = scan(dir);
  expect(result.skipped).toEqual([]);
  expect(result.services[0]!.calls[0]).toMatchObject({ ownRetry: 'withRetry' });
  expect(result.services[0]!.calls[0]!.retry).toBeUndefined();
  // What a run recorded: 3 attempts 100 and 200 ms apart, a 400 tried once.
  const observed = withObservedSchedules(result, new Map([['src/orders.ts#order', { attempts: 3, gaps: [100, 200], permanentAttempts: 1 }]]));
  expect(observed.services[0]!.calls[0]!.retry).toEqual({
    library: 'own',
    retries: 2,
    described: 'withRetry(), as observed',
    delays: [100, 200],
    delaysDescribed: 'withRetry(), as observed',
    jitter: true,
    permanentStatus: 400,
    transientStatus: 503,
    retriesNetworkErrors: false,
    observed: true,
  });
  // A helper that retried the 400 too gets no permanent-error test.
  const retriesAll = withObservedSchedules(result, new Map([['src/orders.ts#order', { attempts: 3, gaps: [0, 0], permanentAttempts: 3 }]]));
  expect(retriesAll.services[0]!.calls[0]!.retry).toMatchObject({ retries: 2 });
  expect(retriesAll.services[0]!.calls[0]!.retry).not.toHaveProperty('permanentStatus');
  expect(retriesAll.services[0]!.calls[0]!.retry).not.toHaveProperty('delays');
});

test('an undici Pool the project builds itself is named: the guard cannot see its requests', () => {
  const dir = tempProject({
    'src/search.ts':
      "import { Pool } from 'undici';\nconst pool = new Pool('https://search.example.com');\nexport async function search(q: string) {\n  const { body } = await pool.request({ path: `/q?term=${q}`, method: 'GET' });\n  return body.json();\n}\n",
  });
  expect(scan(dir).skipped).toEqual([
    "src/search.ts builds its own undici Pool: its requests bypass the global dispatcher, so the network guard cannot see them; let tests pass one in (a MockAgent's pool), or use request()",
  ]);
});

test('indexes into the answer become arrays in the sample, and in the expected result', () => {
  const dir = tempProject({
    'src/search.ts': [
      "const BASE = 'https://search.example.com';",
      'export async function topHit(q: string) {',
      '  const res = await fetch(`${BASE}/search?q=${q}`);',
      "  if (!res.ok) throw new Error('search failed');",
      '  const body = await res.json();',
      '  return { title: body.hits[0].title, total: body.meta.total, first: body.hits[0].tags.length };',
      '}',
    ].join('\n'),
  });
  const [call] = calls(dir);
  expect(call).toMatchObject({ sample: { hits: [{ title: 'sample-title', tags: ['sample-tags'] }], meta: { total: 'sample-total' } } });
  expect(call!.result).toEqual({
    object: [
      ['title', { sample: ['hits', 0, 'title'] }],
      ['total', { sample: ['meta', 'total'] }],
      ['first', { sample: ['hits', 0, 'tags', 'length'] }],
    ],
    partial: false,
  });
});

test('an axios instance made in a shared module: its base URL and axios-retry setup are read there', () => {
  const dir = tempProject({
    'src/lib/http.ts': [
      "import axios from 'axios';",
      "import axiosRetry from 'axios-retry';",
      "const http = axios.create({ baseURL: process.env.BILLING_URL ?? 'https://billing.example.com', timeout: 800 });",
      'axiosRetry(http, { retries: 2, retryDelay: (n) => n * 100 });',
      'export default http;',
    ].join('\n'),
    'src/clients/billing.ts': [
      "import http from '../lib/http.js';",
      'export async function invoice(id: string): Promise<{ total: number }> {',
      '  const { data } = await http.get<{ total_cents: number }>(`/invoices/${id}`);',
      '  return { total: data.total_cents };',
      '}',
    ].join('\n'),
    'src/clients/cjs.js': "const { client } = require('./shared');\nexports.ping = async () => (await client.get('/ping')).data;\n",
    'src/clients/shared.js':
      "const axios = require('axios');\nconst client = axios.create({ baseURL: 'https://ping.example.com' });\nmodule.exports = { client };\n",
  });
  const result = scan(dir);
  expect(result.skipped).toEqual([]);
  const byName = Object.fromEntries(result.services.flatMap((service) => service.calls.map((call) => [call.functionName, call])));
  expect(byName.invoice).toMatchObject({
    base: { kind: 'expression', name: 'BILLING_URL', source: "process.env.BILLING_URL ?? 'https://billing.example.com'" },
    path: ['/invoices/', { param: 'id' }],
    retry: { library: 'axios-retry', retries: 2, delays: [100, 200] },
    timeout: { library: 'axios', ms: 800 },
  });
  expect(byName.ping).toMatchObject({ base: { kind: 'literal', url: 'https://ping.example.com' }, path: ['/ping'], result: { sample: [] } });
});
