import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { templateContracts } from '../../src/kit/template-contracts.ts';
import { PARTIALS, TEMPLATES_DIR } from '../../src/kit/templates.ts';
import { KIT_ROOT } from '../support/paths.ts';
import { tempProject } from '../support/temp-project.ts';

/** The contract of one template, written beside the given partials (name -> source). */
function contractOf(template: string, partials: Record<string, string> = {}): string {
  const files = { 'main.ts.hbs': template, ...Object.fromEntries(Object.entries(partials).map(([name, source]) => [`partials/${name}.hbs`, source])) };
  const dir = tempProject(files);
  const source = templateContracts(dir, Object.fromEntries(Object.keys(partials).map((name) => [name, `partials/${name}.hbs`])));
  return /"main\.ts\.hbs": ([\s\S]*?);\n(?:  "|})/.exec(source)![1]!.replace(/\s+/g, ' ');
}

describe('template contracts', () => {
  test('src/kit/template-data.ts is what the templates say (npm run templates:types writes it)', () => {
    expect(readFileSync(`${KIT_ROOT}/src/kit/template-data.ts`, 'utf8')).toBe(templateContracts(TEMPLATES_DIR, PARTIALS));
  });

  test('a field placed outside every block is required; one an #if tests, or read inside a block, is not', () => {
    expect(contractOf('{{name}} {{#if flag}}{{detail}}{{/if}}')).toBe('{ detail?: unknown; flag?: unknown; name: unknown; }');
  });

  test('#each makes an array of the fields its body reads; @root and ../ reach out of it', () => {
    expect(contractOf('{{#each rows}}{{key}} {{@root.table}} {{../prefix}}{{/each}}')).toBe(
      '{ prefix?: unknown; rows: readonly { key: unknown; }[]; table?: unknown; }',
    );
  });

  test("a helper gives its argument the type it spells; await and asUrl read the render's async", () => {
    expect(contractOf('{{asUrl url}} {{asLiteral title}} {{await}}')).toBe('{ async?: boolean; title: string | number | boolean | null; url: UrlFact; }');
  });

  test("a partial reads the caller's context, or the one it is given; names its call gives it are not the data's", () => {
    expect(contractOf('{{> row}} {{> pair entry sent="payload"}}', { row: '{{id}}', pair: '{{name}} {{sent}}' })).toBe(
      'PartialData["row"] & { entry: { name: unknown; }; }',
    );
  });

  test('a partial that reads only its context has its contract written once, by name, wherever it is called', () => {
    expect(contractOf('{{> call first}} {{#if second}}{{> call second}}{{/if}}', { call: '{{fn}}({{#each args}}{{this}}{{/each}})' })).toBe(
      '{ first: PartialData["call"]; second?: PartialData["call"]; }',
    );
    // One that reads the render's root is read in place: what it reads depends on the caller.
    expect(contractOf('{{> rooted item}}', { rooted: '{{name}} {{@root.table}}' })).toBe('{ item: { name: unknown; }; table: unknown; }');
  });

  test('a partial chosen by a field leaves its context open', () => {
    expect(contractOf('{{#each cases}}{{> (lookup . "partial")}}{{/each}}', { any: '{{whatever}}' })).toBe(
      '{ cases: readonly { partial: string; [field: string]: unknown; }[]; }',
    );
  });
});
