import nodePlop from 'node-plop';
import { GENERATORS } from '../../generators/index.ts';
import type { KitContext } from './context.ts';
import { registerKit } from './plop.ts';
import { finishPlan } from './finish-plan.ts';

/**
 * Runs every generator through node-plop into the context's in-memory tree.
 * Nothing is written: the caller shows the plan or applies it.
 */
export async function planKit(kit: KitContext): Promise<void> {
  const plop = await nodePlop(undefined, { destBasePath: kit.detection.root, force: false });
  registerKit(plop, GENERATORS, () => []);
  for (const generator of GENERATORS) {
    let thrown: unknown;
    const { failures } = await plop
      .getGenerator(generator.name)
      .runActions({ kit }, {})
      .catch((error: unknown) => {
        thrown = error;
        return { failures: [], changes: [] };
      });
    if (thrown) throw thrown;
    const failure: unknown = failures[0];
    // A synchronous action that throws reaches us as the Error itself; node-plop wraps only rejections.
    if (failure instanceof Error) throw failure;
    if (failure) {
      const { type, error } = failure as { type?: string; error?: string };
      throw new Error(`generator ${generator.name} failed in its ${type ?? 'unknown'} action: ${error ?? JSON.stringify(failure)}`);
    }
  }
  await finishPlan(kit);
}
