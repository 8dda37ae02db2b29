import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { access, dataLiteral, key, literal, type PlainData } from './literals.ts';
import { expectationCode, importCode, madeCode, mockUrlCode, matcherCode, patternCode, requireCode, urlCode, valueCode } from './spelling.ts';
import { sampleSource, type Expectation, type MockUrl } from '../mocks/values.ts';
import type { Sample } from '../detect/http-clients/samples.ts';
import type { MadeValue } from '../db/made-values.ts';
import type { UrlFact, ValueFact } from './value-facts.ts';
import type { ModuleBinding } from './module-binding.ts';

/**
 * templates/ sits at the package root both in the source tree and in the
 * published package (dist/ beside it), so walk up to the folder that has it.
 */
function findTemplatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'templates', 'harness'))) return path.join(dir, 'templates');
    dir = path.dirname(dir);
  }
  throw new Error('create-itest-kit: templates/ folder not found beside the package; reinstall the package.');
}

export const TEMPLATES_DIR = findTemplatesDir();

// Generated code is TypeScript, not HTML: nothing is escaped. Logic lives in the generators.
const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Every partial a template includes, by the name it includes it with: registered once, before the
 * first template is compiled.
 */
export const PARTIALS: Record<string, string> = {
  ...Object.fromEntries(
    [
      'list',
      'read',
      'missing',
      'create',
      'create-request',
      'update-request',
      'create-invalid',
      'create-missing',
      'request-accepted',
      'request-refused',
      'update',
      'delete',
      'nested-list',
      'nested-create',
      'literal',
      'status',
      'unauthorized',
      'documented',
      'schema-check',
      'server-error',
      'header-checks',
      'observed',
      'client',
      'owned',
      'list-owned',
      'foreign-row',
      'register',
      'register-duplicate',
      'sign-in',
      'sign-in-refused',
      'own-row',
      'answer-fields',
      'answer-fields-comment',
      'echoed',
      'fields',
      'names',
      'body-check',
      'answer',
    ].map((name) => [name, `api/cases/${name}.ts.hbs`]),
  ),
  'factory-create': 'factories/factory-create.ts.hbs',
  'factory-values': 'factories/factory-values.ts.hbs',
  'factory-input': 'factories/factory-input.ts.hbs',
  'factory-build-type': 'factories/factory-build-type.ts.hbs',
  'factory-created-type': 'factories/factory-created-type.ts.hbs',
  'parent-fields': 'factories/parent-fields.ts.hbs',
  'db-env-settings': 'db/shared/env-settings.ts.hbs',
  'db-migration-files': 'db/shared/migration-files.ts.hbs',
  'db-seed-tables': 'db/shared/seed-tables.ts.hbs',
  'db-savepoint-rewrite': 'db/shared/savepoint-rewrite.ts.hbs',
  'seed-value': 'db/shared/seed-value.ts.hbs',
  'breaker-open-rejection': 'clients/breaker-open-rejection.ts.hbs',
  'client-call': 'clients/client-call.ts.hbs',
  'app-expression': 'harness/app-expression.ts.hbs',
  'orm-client': 'harness/orm-client.ts.hbs',
  'server-glue': 'harness/server-glue.ts.hbs',
  'db-as-api': 'db/shared/as-api.ts.hbs',
  'db-leave-schema': 'db/shared/leave-schema.ts.hbs',
  'db-unique': 'db/constraints/unique.ts.hbs',
  'db-foreign-key': 'db/constraints/foreign-key.ts.hbs',
  'db-index': 'db/constraints/index.ts.hbs',
  'db-repeated': 'db/constraints/repeated.ts.hbs',
  'db-orphan': 'db/constraints/orphan.ts.hbs',
};

/** A helper: what it writes, the type of what it takes (for the template's contract), and whether it reads the render's `async`. */
interface Helper {
  spell: Handlebars.HelperDelegate;
  takes?: string;
  readsAsync?: true;
}

/**
 * How templates spell a fact as code: a value as a literal or JSON, a name as an object key or a
 * property access, a value or a URL from where it comes from, and `await ` where the test database's
 * client is asynchronous (the render's `async`). Named `as...` so that no view field shadows them.
 * One table for the renderer and for the contracts (src/kit/template-contracts.ts).
 */
export const HELPERS: Record<string, Helper> = {
  asLiteral: { spell: (value: string | number | boolean | null) => literal(value), takes: 'string | number | boolean | null' },
  asKey: { spell: (name: string) => key(name), takes: 'string' },
  asAccess: { spell: (name: string) => access(name), takes: 'string' },
  asJson: { spell: (value: unknown) => JSON.stringify(value), takes: 'unknown' },
  asData: { spell: (value: PlainData) => dataLiteral(value), takes: 'unknown' },
  asPattern: { spell: (alias: { prefix: string; exact: boolean }) => patternCode(alias.prefix, alias.exact), takes: '{ prefix: string; exact: boolean }' },
  asSample: { spell: (sample: Sample) => sampleSource(sample), takes: 'unknown' },
  asExpected: { spell: (expected: Expectation) => expectationCode(expected), takes: 'Expectation' },
  asMatcher: { spell: (kind: 'string' | 'number' | 'any') => matcherCode(kind), takes: "'string' | 'number' | 'any'" },
  await: { spell: (options: Handlebars.HelperOptions) => (asyncRender(options) ? 'await ' : ''), readsAsync: true },
  asValue: { spell: (fact: ValueFact, options: Handlebars.HelperOptions) => valueCode(fact, asyncRender(options)), takes: 'ValueFact', readsAsync: true },
  asUrl: { spell: (url: UrlFact, options: Handlebars.HelperOptions) => urlCode(url, asyncRender(options)), takes: 'UrlFact', readsAsync: true },
  asMade: { spell: (value: MadeValue) => madeCode(value), takes: 'MadeValue' },
  asMockUrl: { spell: (url: MockUrl) => mockUrlCode(url), takes: 'MockUrl' },
  asImport: { spell: (binding: ModuleBinding) => importCode(binding), takes: 'ModuleBinding' },
  asRequire: { spell: (binding: ModuleBinding) => requireCode(binding), takes: 'ModuleBinding' },
};

function asyncRender(options: Handlebars.HelperOptions): boolean {
  return Boolean((options.data as { root: { async?: boolean } }).root.async);
}

export function renderTemplate(template: string, data: object): string {
  if (!Object.keys(handlebars.partials).length) {
    for (const [name, file] of Object.entries(PARTIALS)) handlebars.registerPartial(name, readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'));
    for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper.spell);
  }
  let render = compiled.get(template);
  if (!render) {
    const source = readFileSync(path.join(TEMPLATES_DIR, template), 'utf8');
    render = handlebars.compile(source, { noEscape: true, strict: true, preventIndent: true });
    compiled.set(template, render);
  }
  return tidy(render(data));
}

/** Templates with conditionals leave runs of blank lines; generated files should look hand-written. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n*$/, '\n');
}
