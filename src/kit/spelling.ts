import { access, key, literal, quote } from './literals.ts';
import type { FakerDraw, MadeFrom, MadeStep, MadeValue } from '../db/made-values.ts';
import type { Expectation, MockUrl } from '../mocks/values.ts';
import type { UrlFact, ValueFact } from './value-facts.ts';
import type { ModuleBinding } from './module-binding.ts';

/**
 * How facts are spelled as code in a generated test; templates call these through helpers, with
 * `async` from the render (the test database's client awaits its calls).
 */
export function valueCode(fact: ValueFact, async: boolean): string {
  if ('values' in fact) return `values${access(fact.values)}`;
  if ('row' in fact) return `${fact.row}${access(fact.field)}`;
  if ('inserted' in fact) return `${async ? `(await ${fact.inserted}(db))` : `${fact.inserted}(db)`}${access(fact.field)}`;
  if ('missing' in fact) return `${async ? 'await ' : ''}missingId(db, ${quote(fact.missing.table)}, ${quote(fact.missing.pk)})`;
  return literal(fact.example);
}

/** A regular expression matching `prefix` at the start of a module name (or the whole name, `exact`): `/^@\//`. */
export function patternCode(prefix: string, exact: boolean): string {
  return `/^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${exact ? '$' : ''}/`;
}

/** A matcher for a value of a JSON kind: `expect.any(String)`. */
export function matcherCode(kind: 'string' | 'number' | 'any'): string {
  return { string: 'expect.any(String)', number: 'expect.any(Number)', any: 'expect.anything()' }[kind];
}

/** A string literal for a URL of text alone; a template literal where it takes values. */
export function urlCode(url: UrlFact, async: boolean): string {
  if (url.pieces.every((piece) => 'text' in piece)) return quote(`/${url.pieces.map((piece) => ('text' in piece ? piece.text : '')).join('/')}`);
  return `\`/${url.pieces.map((piece) => ('value' in piece ? `\${${valueCode(piece.value, async)}}` : templatePart(piece.text))).join('/')}\``;
}

/** Text inside a template literal: route strings may hold backticks, `${` or line breaks. */
function templatePart(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** A factory's value or an edge value as code: `faker.internet.email({ provider: 'example.test' }).toLowerCase()`. */
export function madeCode(made: MadeValue): string {
  const code = (made.then ?? []).reduce(stepCode, fromCode(made.from));
  return made.as ? `${made.as === 'Buffer' ? 'Buffer.from' : made.as}(${code})` : code;
}

function fromCode(from: MadeFrom): string {
  if ('literal' in from) return literal(from.literal);
  if ('sequence' in from) return from.plus ? `sequence + ${from.plus}` : 'sequence';
  if ('draw' in from) return drawCode(from.draw);
  if ('pick' in from) {
    const { values, bySequence, asConst } = from.pick;
    const list = `[${values.map(quote).join(', ')}]${asConst ? ' as const' : ''}`;
    return bySequence ? `${asConst ? `(${list})` : list}[sequence % ${values.length}]!` : `faker.helpers.arrayElement(${list})`;
  }
  if ('numbered' in from) {
    const { shape, value } = from.numbered;
    if (shape === 'url') return `\`https://example.test/\${sequence}/\${${madeCode(value)}}\``;
    return `\`\${sequence}${shape === 'email' ? '.' : ' '}\${${madeCode(value)}}\``;
  }
  if ('repeat' in from) return `${quote(from.repeat.text)}.repeat(${from.repeat.count})`;
  return `Number.${from.safeInteger}_SAFE_INTEGER`;
}

function drawCode({ faker, options, count }: FakerDraw): string {
  const args = options
    ? `{ ${Object.entries(options)
        .map(([name, value]) => `${key(name)}: ${literal(value)}`)
        .join(', ')} }`
    : count === undefined
      ? ''
      : String(count);
  return `faker.${faker}(${args})`;
}

const STEPS: Record<Exclude<MadeStep, object>, string> = {
  isoString: '.toISOString()',
  isoDate: '.toISOString().slice(0, 10)',
  isoTime: '.toISOString().slice(11, 19)',
  lowerCase: '.toLowerCase()',
  bit: ' ? 1 : 0',
};

function stepCode(code: string, step: MadeStep): string {
  return typeof step === 'string' ? `${code}${STEPS[step]}` : `${code}.slice(0, ${step.slice})`;
}

/** What a client test expects, as code: `expect.objectContaining({ city: forecast.sample.location.name })`. */
export function expectationCode(expected: Expectation): string {
  if ('literal' in expected) return literal(expected.literal);
  if ('any' in expected) return expected.any === 'string' ? 'expect.any(String)' : 'expect.anything()';
  if ('array' in expected) return `[${expected.array.map(expectationCode).join(', ')}]`;
  if ('object' in expected) {
    const object = expected.object.length ? `{ ${expected.object.map(({ name, value }) => `${key(name)}: ${expectationCode(value)}`).join(', ')} }` : '{}';
    return expected.containing ? `expect.objectContaining(${object})` : object;
  }
  if ('sample' in expected)
    return `${expected.sample.endpoint}.sample${expected.sample.path.map((step) => (typeof step === 'string' ? access(step) : `[${step.index}]${step.checked ? '!' : ''}`)).join('')}`;
  if ('endpointPath' in expected) {
    const { endpoint, params } = expected.endpointPath;
    return `${endpoint}.path(${params.length ? `{ ${params.map(({ name, value }) => `${key(name)}: ${quote(value)}`).join(', ')} }` : ''})`;
  }
  return 'undefined';
}

/** An ES import of a binding: `import { Test } from '@nestjs/testing';`, `import * as schema from './schema.js';`. */
export function importCode(binding: ModuleBinding): string {
  const from = `from ${quote(binding.specifier)};`;
  if ('default' in binding) return `import ${binding.default} ${from}`;
  if ('whole' in binding) return `import * as ${binding.whole} ${from}`;
  return `import { ${binding.local ? `${binding.named} as ${binding.local}` : binding.named} } ${from}`;
}

/** The same binding through Node's require: the default export and the whole module are both module.exports. */
export function requireCode(binding: ModuleBinding): string {
  const call = `require(${quote(binding.specifier)});`;
  if ('default' in binding) return `const ${binding.default} = ${call}`;
  if ('whole' in binding) return `const ${binding.whole} = ${call}`;
  return `const { ${binding.local ? `${binding.named}: ${binding.local}` : binding.named} } = ${call}`;
}

/** A mock endpoint's URL as a template literal: `${config.shopUrl}/items/:id`. */
export function mockUrlCode(url: MockUrl): string {
  const base = 'text' in url.base ? templatePart(url.base.text) : `\${${url.base.read.join('.')}}`;
  return `\`${base}${templatePart(url.path)}\``;
}
