import type { NodePlopAPI } from 'node-plop';
import { applyTree } from '../plan/apply.ts';
import type { KitContext } from './context.ts';
import type { KitAction, KitGenerator } from './generator.ts';
import { mergePackageJson } from './package-json.ts';
import { renderTemplate } from './templates.ts';
import { finishPlan } from './finish-plan.ts';
import { withoutJsOnlyLines } from './jsdoc-types.ts';

/** Plop answers carry the kit context; the prompts (CLI or plop's) put it there. */
export interface KitAnswers {
  kit: KitContext;
}

export type NodePlopPrompts = Parameters<NodePlopAPI['setGenerator']>[1]['prompts'];

/** Carries out one planned action on the in-memory tree and says what it changed. */
export function executeAction(kit: KitContext, action: KitAction, generator: string): string {
  switch (action.type) {
    case 'itest:render':
      // Templates are TypeScript: a JavaScript project's file is stripped of its types when the plan is finished.
      if (/\.[cm]?js$/.test(action.path)) kit.tree.write(action.path, renderTemplate(action.template, action.data), generator, { fromTypeScript: true });
      else kit.tree.write(action.path, withoutJsOnlyLines(renderTemplate(action.template, action.data)), generator);
      return action.path;
    case 'itest:package-json': {
      const changed = mergePackageJson(kit.tree, action, generator, kit.answers.pm);
      return `package.json${changed.length ? ` (${changed.join(', ')})` : ''}`;
    }
    case 'itest:claim':
      for (const id of action.items) kit.claims.push({ id, files: action.files, by: generator });
      return `checklist: ${action.items.join(', ')}`;
    case 'itest:note':
      kit.tree.note(action.text);
      return 'note';
  }
}

/** Runs a generator's whole plan without plop, for generators a standalone plop run builds on. */
export async function planGenerator(kit: KitContext, generator: KitGenerator): Promise<void> {
  for (const action of generator.plan(kit)) executeAction(kit, action, generator.name);
  await finishPlan(kit);
}

/**
 * Registers the kit's action types and generators on a plop instance. The same
 * function serves `npx create-itest-kit`, `npx plop` here, and `plop.load()` elsewhere.
 * Every action writes into the in-memory tree; nothing touches the disk until apply.
 */
export function registerKit(plop: NodePlopAPI, generators: readonly KitGenerator[], prompts: (generator: KitGenerator) => NodePlopPrompts): void {
  for (const type of ['itest:render', 'itest:package-json', 'itest:claim', 'itest:note'] as const) {
    plop.setActionType(type, (answers, config) => executeAction((answers as KitAnswers).kit, config as unknown as KitAction, String(config.generator)));
  }
  plop.setActionType('itest:apply', async (answers) => {
    const { kit } = answers as KitAnswers;
    if (!kit.standalone) return 'planned';
    await finishPlan(kit);
    const result = await applyTree(kit.tree, { manifestPath: kit.paths.manifest, policy: kit.standalone.policy });
    return `wrote ${result.written.length} file(s), kept ${result.kept.length}`;
  });

  for (const generator of generators) {
    plop.setGenerator(generator.name, {
      description: generator.description,
      prompts: prompts(generator),
      actions: (answers) => [...plopActions(generator, (answers as KitAnswers).kit), { type: 'itest:apply' }],
    });
  }
}

/** A generator's plan as plop actions, each tagged with the generator it comes from. */
export function plopActions(generator: KitGenerator, kit: KitContext) {
  return generator.plan(kit).map((action) => ({ ...action, generator: generator.name, abortOnFail: true }));
}
