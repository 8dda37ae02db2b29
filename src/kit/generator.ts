import type { KitContext } from './context.ts';

/** Render a template from templates/ into the plan. */
export interface RenderAction {
  type: 'itest:render';
  template: string;
  path: string;
  data: object;
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

export type KitAction = RenderAction | PackageJsonAction | ClaimAction;

/**
 * One capability of the kit: `generators/<name>.ts` with its templates in
 * `templates/<name>/`. `plan` decides what to write from the context; the plop
 * action types in src/kit/plop.ts turn the result into planned files.
 */
export interface KitGenerator {
  name: string;
  description: string;
  plan(context: KitContext): KitAction[];
}
