import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

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

export function renderTemplate(template: string, data: object): string {
  let render = compiled.get(template);
  if (!render) {
    const source = readFileSync(path.join(TEMPLATES_DIR, template), 'utf8');
    render = handlebars.compile(source, { noEscape: true, strict: true, preventIndent: true });
    compiled.set(template, render);
  }
  return tidy(render(data));
}

/** Registers partials once: a generator's templates may include `{{> name}}` from its folder. */
export function registerPartial(name: string, template: string): void {
  if (!handlebars.partials[name]) handlebars.registerPartial(name, readFileSync(path.join(TEMPLATES_DIR, template), 'utf8'));
}

/** Templates with conditionals leave runs of blank lines; generated files should look hand-written. */
function tidy(text: string): string {
  return text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\n*$/, '\n');
}
