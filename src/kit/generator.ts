import type { KitContext } from './context.ts';
import type { TemplateData, TemplateName } from './template-data.ts';

/** Render a template from templates/ into the plan, with the data its contract (src/kit/template-data.ts) names. */
export type RenderAction = { [T in TemplateName]: { type: 'itest:render'; template: T; path: string; data: TemplateData[T] } }[TemplateName];

/** A template and its data, for a caller to place (an ORM's migrations module, at the harness's path). */
export type TemplateRender = { [T in TemplateName]: { template: T; data: TemplateData[T] } }[TemplateName];

export function renderAt(chosen: TemplateRender, path: string): RenderAction {
  return { type: 'itest:render', ...chosen, path } as RenderAction;
}

/** Every member of a union at once: what data for "one of these templates" must be, to suit whichever it is. */
type AllOf<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/**
 * A render of a template chosen at plan time (`db/${engine}/server.ts.hbs`): its data must suit each
 * template the name can be. A literal name is checked as plainly by an object literal.
 */
export function render<T extends TemplateName>(template: T, path: string, data: AllOf<TemplateData[T]>): RenderAction {
  return { type: 'itest:render', template, path, data } as RenderAction;
}

/** Merge scripts and devDependencies into package.json, keeping what the user set. */
export interface PackageJsonAction {
  type: 'itest:package-json';
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
  /**
   * Added dependencies whose install script must run (native addons). npm 11, pnpm 10
   * and bun run them only when package.json allows it, each in its own field.
   */
  buildScripts?: string[];
}

/** Declare the checklist items the generator satisfies and the files that do. */
export interface ClaimAction {
  type: 'itest:claim';
  items: string[];
  files: string[];
}

/** Tell the user something about the plan: a choice the kit made, a test it could not write, a possible defect. */
export interface NoteAction {
  type: 'itest:note';
  text: string;
}

export function note(text: string): NoteAction {
  return { type: 'itest:note', text };
}

export type KitAction = RenderAction | PackageJsonAction | ClaimAction | NoteAction;

/**
 * One capability of the kit: `generators/<name>.ts` with its templates in
 * `templates/<name>/`. `plan` decides what to write, note and claim from the context, and
 * changes nothing; the plop action types in src/kit/plop.ts carry the result out on the plan's tree.
 */
export interface KitGenerator {
  name: string;
  description: string;
  plan(context: KitContext): KitAction[];
}
