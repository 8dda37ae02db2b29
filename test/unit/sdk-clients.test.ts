import { describe, expect, test } from 'vitest';
import { SourceFiles } from '../../src/detect/files.ts';
import { scanHttpClients, type ClientCall } from '../../src/detect/http-clients/index.ts';
import { tempProject } from '../support/temp-project.ts';

/** Third-party SDKs: each method call becomes the request the SDK sends, with a sample answer for what the code reads. */
function scanFiles(files: Record<string, string>) {
  const root = tempProject(files);
  const result = scanHttpClients(new SourceFiles(root), { root, aliases: [] }, {});
  const byName = Object.fromEntries(
    result.services.flatMap((service) =>
      service.calls.map((call): [string, ClientCall & { service: string }] => [call.functionName, { service: service.name, ...call }]),
    ),
  );
  return { ...result, byName };
}

describe('stripe', () => {
  const { byName, skipped } = scanFiles({
    'src/billing.ts': [
      "import Stripe from 'stripe';",
      "import { settings } from './settings.js';",
      'const stripe = new Stripe(settings.stripeKey);',
      'export async function createCustomer(email: string, plan: string) {',
      "  const customer = await stripe.customers.create({ email, metadata: { plan }, preferred_locales: ['en'] });",
      '  return { id: customer.id, email: customer.email };',
      '}',
      'export async function paymentStatus(id: string) {',
      '  const intent = await stripe.paymentIntents.retrieve(id);',
      '  return intent.status;',
      '}',
      'export async function recentCharges(customer: string) {',
      '  const page = await stripe.charges.list({ customer, limit: 3 });',
      '  return page.data[0].amount;',
      '}',
      'export async function confirm(id: string) {',
      "  return stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' });",
      '}',
      'export async function addSource(id: string) {',
      "  return stripe.customers.createSource(id, { source: 'tok_visa' });",
      '}',
    ].join('\n'),
    'src/settings.ts': "export const settings = { stripeKey: process.env.STRIPE_SECRET_KEY ?? '' };\n",
  });

  test('create: POST /v1/<resource>, a form body with nested fields flattened, the key from the settings module', () => {
    expect(byName.createCustomer).toMatchObject({
      service: 'billing',
      library: 'stripe',
      method: 'post',
      base: { kind: 'literal', url: 'https://api.stripe.com' },
      path: ['/v1/customers'],
      body: [
        ['email', { param: 'email' }],
        ['metadata[plan]', { param: 'plan' }],
        ['preferred_locales[0]', { literal: 'en' }],
      ],
      bodyEncoding: 'form',
      sample: { id: 'sample-id', email: 'sample-email' },
      result: {
        object: [
          ['id', { sample: ['id'] }],
          ['email', { sample: ['email'] }],
        ],
        partial: false,
      },
      failsOnErrorStatus: true,
      env: ['STRIPE_SECRET_KEY'],
    });
  });

  test('retrieve, list (a query) and an action on one object', () => {
    expect(byName.paymentStatus).toMatchObject({ method: 'get', path: ['/v1/payment_intents', '/', { param: 'id' }], result: { sample: ['status'] } });
    expect(byName.recentCharges).toMatchObject({
      method: 'get',
      path: ['/v1/charges'],
      query: [
        ['customer', { param: 'customer' }],
        ['limit', { literal: 3 }],
      ],
      sample: { data: [{ amount: 'sample-amount' }] },
    });
    expect(byName.confirm).toMatchObject({
      method: 'post',
      path: ['/v1/payment_intents', '/', { param: 'id' }, '/confirm'],
      body: [['payment_method', { literal: 'pm_card_visa' }]],
      result: { sample: [] },
    });
  });

  test('a nested resource method is named, not guessed', () => {
    expect(byName.addSource).toBeUndefined();
    expect(skipped).toEqual([expect.stringContaining('addSource() is not tested: stripe customers.createSource() works on a nested resource')]);
  });
});

describe('openai', () => {
  const { byName, skipped } = scanFiles({
    'src/ai/client.ts': "import OpenAI from 'openai';\nexport const openai = new OpenAI();\n",
    'src/ai/assistant.ts': [
      "import { openai } from './client.js';",
      'export async function summarize(notes: string) {',
      "  const completion = await openai.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: notes }] });",
      '  return completion.choices[0].message.content;',
      '}',
      'export async function model(id: string) {',
      '  return openai.models.retrieve(id);',
      '}',
      'export async function stream(notes: string) {',
      "  return openai.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: notes }], stream: true });",
      '}',
      'export async function upload(purpose: string) {',
      "  return openai.files.create({ file: 'x', purpose });",
      '}',
    ].join('\n'),
  });

  test("an instance imported from a shared module: the base URL as the SDK reads it, the key's default variable", () => {
    expect(byName.summarize).toMatchObject({
      service: 'assistant',
      library: 'openai',
      method: 'post',
      base: { kind: 'expression', name: 'OPENAI_BASE_URL', source: "process.env.OPENAI_BASE_URL || 'https://api.openai.com/v1'" },
      path: ['/chat/completions'],
      body: [
        ['model', { literal: 'gpt-5-mini' }],
        [
          'messages',
          {
            array: [
              {
                object: [
                  ['role', { literal: 'user' }],
                  ['content', { param: 'notes' }],
                ],
              },
            ],
          },
        ],
      ],
      sample: { choices: [{ message: { content: 'sample-content' } }] },
      result: { sample: ['choices', 0, 'message', 'content'] },
      env: ['OPENAI_API_KEY'],
    });
    expect(byName.model).toMatchObject({ method: 'get', path: ['/models/', { param: 'id' }], result: { sample: [] } });
  });

  test('a streamed answer and a file upload get a note', () => {
    expect(skipped).toEqual([
      expect.stringContaining('stream() is not tested: it streams the answer'),
      expect.stringContaining('upload() is not tested: openai files.create() uploads a file'),
    ]);
  });
});

describe('octokit', () => {
  const endpoints = [
    'const Endpoints = {',
    '  repos: {',
    '    get: ["GET /repos/{owner}/{repo}"],',
    '    delete: ["DELETE /repos/{owner}/{repo}"]',
    '  },',
    '  issues: { listForRepo: ["GET /repos/{owner}/{repo}/issues"] }',
    '};',
    'export default Endpoints;',
  ].join('\n');
  const github = [
    "import { Octokit } from '@octokit/rest';",
    'export class GitHub {',
    '  private octokit = new Octokit({ auth: process.env.GITHUB_TOKEN, baseUrl: process.env.GITHUB_API_URL });',
    '  async stars(owner: string, repo: string) {',
    '    const { data } = await this.octokit.rest.repos.get({ owner, repo });',
    '    return data.stargazers_count;',
    '  }',
    '  async openIssues(owner: string) {',
    "    const response = await this.octokit.rest.issues.listForRepo({ owner, repo: 'kit', state: 'open', per_page: 5 });",
    '    return response.data.length;',
    '  }',
    '  async file(owner: string, repo: string, title: string) {',
    "    const res = await this.octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, title, headers: { 'x-github-api-version': '2022-11-28' } });",
    '    return res.data.number;',
    '  }',
    '}',
  ].join('\n');

  test('REST methods through the installed endpoint table, request() routes, data under `data`, a baseUrl option', () => {
    const { byName } = scanFiles({ 'src/github.ts': github, 'node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js': endpoints });
    expect(byName.stars).toMatchObject({
      library: 'octokit',
      receiver: 'new GitHub()',
      base: { kind: 'expression', name: 'GITHUB_API_URL', source: 'process.env.GITHUB_API_URL' },
      method: 'get',
      path: ['/repos/', { param: 'owner' }, '/', { param: 'repo' }],
      query: [],
      sample: { stargazers_count: 'sample-stargazers_count' },
      result: { sample: ['stargazers_count'] },
      env: ['GITHUB_TOKEN'],
    });
    expect(byName.openIssues).toMatchObject({
      path: ['/repos/', { param: 'owner' }, '/', 'kit', '/issues'],
      query: [
        ['state', { literal: 'open' }],
        ['per_page', { literal: 5 }],
      ],
    });
    expect(byName.file).toMatchObject({
      method: 'post',
      body: [['title', { param: 'title' }]],
      headers: [['x-github-api-version', '2022-11-28']],
      result: { sample: ['number'] },
    });
  });

  test('without node_modules, REST methods get a note saying how to fix it', () => {
    const { byName, skipped } = scanFiles({ 'src/github.ts': github });
    expect(byName.file).toBeDefined();
    expect(skipped).toEqual([
      expect.stringContaining(
        "GitHub.stars() is not tested: Octokit's endpoint table (@octokit/plugin-rest-endpoint-methods) is not installed: install dependencies, then run the kit again",
      ),
      expect.stringContaining('GitHub.openIssues()'),
    ]);
  });
});

test('an SDK key from a module constant: the variable it reads is the one tests set', () => {
  const { byName } = scanFiles({
    'src/pay.ts': [
      "import Stripe from 'stripe';",
      'const STRIPE_KEY = process.env.STRIPE_API_KEY!;',
      'const stripe = new Stripe(STRIPE_KEY);',
      'export async function refund(id: string) {',
      '  const refund = await stripe.refunds.create({ payment_intent: id });',
      '  return refund.status;',
      '}',
    ].join('\n'),
  });
  expect(byName.refund).toMatchObject({ method: 'post', path: ['/v1/refunds'], body: [['payment_intent', { param: 'id' }]], env: ['STRIPE_API_KEY'] });
});
