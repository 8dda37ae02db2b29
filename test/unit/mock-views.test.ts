import { expect, test } from 'vitest';
import type { ClientCall, HttpService } from '../../src/detect/http-clients/index.ts';
import { endpointNames } from '../../src/mocks/views.ts';
import { expectedPath, resultExpectation, sampleArguments, sampleSource, valueExpectation } from '../../src/mocks/values.ts';
import { expectationCode, mockUrlCode } from '../../src/kit/spelling.ts';
import { renderTemplate } from '../../src/kit/templates.ts';

const call = (functionName: string, path: ClientCall['path'], extra: Partial<ClientCall> = {}): ClientCall => ({
  file: 'src/clients/shop.ts',
  functionName,
  params: [],
  library: 'fetch',
  method: 'get',
  base: { kind: 'import', file: 'src/config.ts', name: 'config', access: ['shopUrl'] },
  path,
  query: [],
  headers: [],
  sample: {},
  failsOnErrorStatus: true,
  ...extra,
});

test('endpoint names: the last word of the path, never a name the generated files already bind', () => {
  const service: HttpService = {
    name: 'shop',
    base: { kind: 'import', file: 'src/config.ts', name: 'config', access: ['shopUrl'] },
    calls: [
      call('getConfig', ['/v2/config']),
      call('remove', ['/items/', { param: 'id' }, '/delete']),
      call('list', ['/items']),
      call('listMore', ['/items']),
      call('root', ['/v1']),
    ],
  };
  expect(endpointNames(service)).toEqual(['config2', 'deleteEndpoint', 'items', 'items2', 'root']);
});

test('sample arguments, paths and expectations: facts, and the code they spell', () => {
  const args = sampleArguments([
    { name: 'sku', kind: 'string' },
    { name: 'page', kind: 'number' },
    { name: 'size', kind: 'number' },
    { name: 'fresh', kind: 'boolean' },
  ]);
  expect([...args.values()]).toEqual(['sample-sku', 1, 2, true]);
  expect(expectedPath(call('x', ['/stock/', { param: 'sku' }, '/page/', { param: 'page' }]), args)).toBe('/stock/sample-sku/page/1');
  expect(valueExpectation({ param: 'page' }, args, true)).toEqual({ literal: '1' });
  expect(valueExpectation({ unknown: true }, args)).toEqual({ any: 'value' });
  const result = resultExpectation(
    {
      object: [
        ['count', { sample: ['review count'] }],
        ['sku', { param: 'sku' }],
      ],
      partial: true,
    },
    'stock',
    args,
  )!;
  expect(result).toEqual({
    object: [
      { name: 'count', value: { sample: { endpoint: 'stock', path: ['review count'] } } },
      { name: 'sku', value: { literal: 'sample-sku' } },
    ],
    containing: true,
  });
  expect(expectationCode(result)).toBe("expect.objectContaining({ count: stock.sample['review count'], sku: 'sample-sku' })");
  // An index read before another step is non-null in TypeScript (noUncheckedIndexedAccess).
  expect(expectationCode(resultExpectation({ sample: ['results', 0, 'id'] }, 'search', args, true)!)).toBe('search.sample.results[0]!.id');
  expect(expectationCode({ endpointPath: { endpoint: 'stock', params: [{ name: 'sku', value: 'sample-sku' }] } })).toBe("stock.path({ sku: 'sample-sku' })");
  expect(sampleSource({ name: "O'Neil", tags: ['a'], nested: { n: 1.5, ok: true, none: null } })).toBe(
    "{ name: 'O\\'Neil', tags: ['a'], nested: { n: 1.5, ok: true, none: null } }",
  );
});

test('a client function is called through the loaded module: bare, on an object, or on a new instance', () => {
  const spelled = (invocation: object) => renderTemplate('clients/client-call.ts.hbs', invocation).trim();
  expect(spelled({ functionName: 'getForecast', args: ['sample-city', 1, true] })).toBe("client.getForecast('sample-city', 1, true)");
  expect(spelled({ functionName: 'forecast', receiver: 'weather', args: [] })).toBe('client.weather.forecast()');
  expect(spelled({ functionName: 'forecast', constructed: 'WeatherClient()', args: [] })).toBe('new client.WeatherClient().forecast()');
});

test('a mock URL: the base read as the client reads it, or its text, then the path with backticks and ${ escaped', () => {
  expect(mockUrlCode({ base: { read: ['config', 'shopUrl'] }, path: '/items/:id' })).toBe('`${config.shopUrl}/items/:id`');
  expect(mockUrlCode({ base: { text: 'https://api.example.test' }, path: '/a`b${c}' })).toBe('`https://api.example.test/a\\`b\\${c}`');
});
