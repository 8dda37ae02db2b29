import type { ClientCall, ClientParam, Expected, ValueSource } from '../detect/http-clients/index.ts';
import type { Sample } from '../detect/http-clients/samples.ts';
import type { Literal } from '../detect/http-clients/syntax.ts';
import { access, key, quote } from '../kit/literals.ts';

/** The argument each client parameter gets in tests: `'sample-city'`, 1, 2, true. */
export function sampleArguments(params: ClientParam[]): Map<string, Literal> {
  const values = new Map<string, Literal>();
  let number = 0;
  for (const param of params) values.set(param.name, param.kind === 'number' ? ++number : param.kind === 'boolean' ? true : `sample-${param.name}`);
  return values;
}

export function literalSource(value: Literal): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** A sample answer as code, in one line while it is short. */
export function sampleSource(sample: Sample, indent = ''): string {
  if (sample === null) return 'null';
  if (typeof sample !== 'object') return literalSource(sample);
  if (Array.isArray(sample)) return `[${sample.map((item) => sampleSource(item, indent)).join(', ')}]`;
  const entries = Object.entries(sample).map(([name, value]) => `${key(name)}: ${sampleSource(value, `${indent}  `)}`);
  if (!entries.length) return '{}';
  const inline = `{ ${entries.join(', ')} }`;
  return inline.length + indent.length <= 90 ? inline : `{\n${entries.map((entry) => `${indent}  ${entry},`).join('\n')}\n${indent}}`;
}

/** A request value as the test expects it: the argument's sample, the literal, arrays and objects of those, or anything. */
export function valueExpectation(value: ValueSource, args: Map<string, Literal>, asString = false): string {
  if ('array' in value) return `[${value.array.map((item) => valueExpectation(item, args, asString)).join(', ')}]`;
  if ('object' in value) return fieldsExpectation(value.object, args, asString);
  const literal = 'param' in value ? args.get(value.param) : 'literal' in value ? value.literal : undefined;
  if (literal === undefined) return asString ? 'expect.any(String)' : 'expect.anything()';
  return literalSource(asString ? String(literal) : literal);
}

/** An object of request fields: `{ city: 'sample-city', units: 'metric' }`. */
export function fieldsExpectation(fields: [string, ValueSource][], args: Map<string, Literal>, asString = false): string {
  if (!fields.length) return '{}';
  return `{ ${fields.map(([name, value]) => `${key(name)}: ${valueExpectation(value, args, asString)}`).join(', ')} }`;
}

/** What the client returns, in terms of the endpoint's sample: `{ city: forecast.sample.location.name }`. */
export function resultExpectation(expected: Expected | undefined, endpoint: string, args: Map<string, Literal>, ts = false): string | undefined {
  if (!expected) return undefined;
  if ('nothing' in expected) return 'undefined';
  // An index read stays valid under noUncheckedIndexedAccess in TypeScript: `results[0]!.id`.
  if ('sample' in expected) return `${endpoint}.sample${expected.sample.map((key, i) => (typeof key === 'number' ? `[${key}]${ts && i < expected.sample.length - 1 ? '!' : ''}` : access(key))).join('')}`;
  if ('param' in expected) return args.has(expected.param) ? literalSource(args.get(expected.param)!) : undefined;
  if ('literal' in expected) return literalSource(expected.literal);
  const entries = expected.object.flatMap(([name, value]) => {
    const source = resultExpectation(value, endpoint, args, ts);
    return source ? [`${key(name)}: ${source}`] : [];
  });
  if (!entries.length) return undefined;
  const object = `{ ${entries.join(', ')} }`;
  return expected.partial || entries.length < expected.object.length ? `expect.objectContaining(${object})` : object;
}

/** The path the service sees, arguments filled in. */
export function expectedPath(call: ClientCall, args: Map<string, Literal>): string {
  return call.path.map((part) => (typeof part === 'string' ? part : encodeURIComponent(String(args.get(part.param))))).join('');
}

/** The path as msw matches it: arguments become `:name` parameters. */
export function mswPath(call: ClientCall): string {
  return call.path.map((part) => (typeof part === 'string' ? part : `:${part.param}`)).join('');
}
