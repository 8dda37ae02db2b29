import type { ClientCall, ClientParam, Expected, ValueSource } from '../detect/http-clients/index.ts';
import type { Sample } from '../detect/http-clients/samples.ts';
import type { Literal } from '../detect/http-clients/syntax.ts';
import { dataLiteral } from '../kit/literals.ts';

/** The argument each client parameter gets in tests: `'sample-city'`, 1, 2, true. */
export function sampleArguments(params: ClientParam[]): Map<string, Literal> {
  const values = new Map<string, Literal>();
  let number = 0;
  for (const param of params) values.set(param.name, param.kind === 'number' ? ++number : param.kind === 'boolean' ? true : `sample-${param.name}`);
  return values;
}

/** A sample answer as code, in one line while it is short (90 characters). */
export function sampleSource(sample: Sample): string {
  return dataLiteral(sample, 90);
}

/**
 * What a client test expects a value to be (the asExpected helper spells it): a literal, any value
 * (any string), an array or an object of expectations (`containing`: expect.objectContaining), a
 * path into the endpoint's sample (`checked`: an index read, non-null in TypeScript), the
 * endpoint's own path with arguments filled in, or undefined.
 */
export type Expectation =
  | { literal: Literal }
  | { any: 'string' | 'value' }
  | { array: Expectation[] }
  | { object: { name: string; value: Expectation }[]; containing?: boolean }
  | { sample: { endpoint: string; path: (string | { index: number; checked: boolean })[] } }
  | { endpointPath: { endpoint: string; params: { name: string; value: string }[] } }
  | { nothing: true };

/** A request value as the test expects it: the argument's sample, the literal, arrays and objects of those, or anything. */
export function valueExpectation(value: ValueSource, args: Map<string, Literal>, asString = false): Expectation {
  if ('array' in value) return { array: value.array.map((item) => valueExpectation(item, args, asString)) };
  if ('object' in value) return fieldsExpectation(value.object, args, asString);
  const literal = 'param' in value ? args.get(value.param) : 'literal' in value ? value.literal : undefined;
  if (literal === undefined) return { any: asString ? 'string' : 'value' };
  return { literal: asString ? String(literal) : literal };
}

/** An object of request fields: `{ city: 'sample-city', units: 'metric' }`. */
export function fieldsExpectation(fields: [string, ValueSource][], args: Map<string, Literal>, asString = false): Expectation {
  return { object: fields.map(([name, value]) => ({ name, value: valueExpectation(value, args, asString) })) };
}

/** What the client returns, in terms of the endpoint's sample: `{ city: forecast.sample.location.name }`. */
export function resultExpectation(expected: Expected | undefined, endpoint: string, args: Map<string, Literal>, ts = false): Expectation | undefined {
  if (!expected) return undefined;
  if ('nothing' in expected) return { nothing: true };
  // An index read stays valid under noUncheckedIndexedAccess in TypeScript: `results[0]!.id`.
  if ('sample' in expected)
    return {
      sample: {
        endpoint,
        path: expected.sample.map((key, i) => (typeof key === 'number' ? { index: key, checked: ts && i < expected.sample.length - 1 } : key)),
      },
    };
  if ('param' in expected) return args.has(expected.param) ? { literal: args.get(expected.param)! } : undefined;
  if ('literal' in expected) return { literal: expected.literal };
  const entries = expected.object.flatMap(([name, value]) => {
    const inner = resultExpectation(value, endpoint, args, ts);
    return inner ? [{ name, value: inner }] : [];
  });
  if (!entries.length) return undefined;
  return expected.partial || entries.length < expected.object.length ? { object: entries, containing: true } : { object: entries };
}

/** The path the service sees, arguments filled in. */
export function expectedPath(call: ClientCall, args: Map<string, Literal>): string {
  return call.path.map((part) => (typeof part === 'string' ? part : encodeURIComponent(String(args.get(part.param))))).join('');
}

/** The URL a mock endpoint answers at: the service's base URL, as text or read as the client reads it (`config.shopUrl`), then the path in MSW's form. */
export interface MockUrl {
  base: { text: string } | { read: string[] };
  path: string;
}

/** The path as msw matches it: arguments become `:name` parameters. */
export function mswPath(call: ClientCall): string {
  return call.path.map((part) => (typeof part === 'string' ? part : `:${part.param}`)).join('');
}
