import type { NodePlopAPI } from 'node-plop';
import type { KitContext } from './context.ts';
import type { ClaimAction, KitGenerator, PackageJsonAction, RenderAction } from './generator.ts';
import { applyTree } from '../plan/apply.ts';
import { mergePackageJson } from './package-json.ts';
import { renderTemplate } from './templates.ts';

/** Plop answers carry the kit context; the prompts (CLI or plop's) put it there. */
export interface KitAnswers {
  kit: KitContext;
}

/**
 * Registers the kit's action types and generators on a plop instance. The same
 * function serves `npx create-itest-kit`, `npx plop` here, and `plop.load()` elsewhere.
 * Every action writes into the in-memory tree; nothing touches the disk until apply.
 */
export function registerKit(plop: NodePlopAPI, generators: readonly KitGenerator[], prompts: (generator: KitGenerator) => NodePlopPrompts): void {
  plop.setActionType('itest:render', (answers, config) => {
    const { kit } = answers as KitAnswers;
    const action = config as unknown as RenderAction;
    kit.tree.write(action.path, renderTemplate(action.template, action.data), String(config.generator));
    return action.path;
  });
  plop.setActionType('itest:package-json', (answers, config) => {
    const { kit } = answers as KitAnswers;
    const changed = mergePackageJson(kit.tree, config as unknown as PackageJsonAction, String(config.generator));
    return `package.json${changed.length ? ` (${changed.join(', ')})` : ''}`;
  });
  plop.setActionType('itest:claim', (answers, config) => {
    const { kit } = answers as KitAnswers;
    const action = config as unknown as ClaimAction;
    for (const id of action.items) kit.claims.push({ id, files: action.files, by: String(config.generator) });
    return `checklist: ${action.items.join(', ')}`;
  });
  plop.setActionType('itest:apply', async (answers) => {
    const { kit } = answers as KitAnswers;
    if (!kit.standalone) return 'planned';
    const result = await applyTree(kit.tree, { manifestPath: kit.paths.manifest, policy: kit.standalone.policy });
    return `wrote ${result.written.length} file(s), kept ${result.kept.length}`;
  });

  for (const generator of generators) {
    plop.setGenerator(generator.name, {
      description: generator.description,
      prompts: prompts(generator),
      actions: (answers) => {
        const kit = (answers as KitAnswers).kit;
        return [...generator.plan(kit).map((action) => ({ ...action, generator: generator.name, abortOnFail: true })), { type: 'itest:apply' }];
      },
    });
  }
}

export type NodePlopPrompts = Parameters<NodePlopAPI['setGenerator']>[1]['prompts'];
