import nodePlop from 'node-plop';
import { GENERATORS } from '../../generators/index.ts';
import { KitError } from '../cli/errors.ts';
import type { KitContext } from './context.ts';
import { registerKit } from './plop.ts';

/**
 * Runs every generator through node-plop into the context's in-memory tree.
 * Nothing is written: the caller shows the plan or applies it.
 */
export async function planKit(kit: KitContext): Promise<void> {
  const plop = await nodePlop(undefined, { destBasePath: kit.detection.root, force: false });
  registerKit(plop, GENERATORS, () => []);
  for (const generator of GENERATORS) {
    let thrown: unknown;
    const { failures } = await plop.getGenerator(generator.name).runActions({ kit }, {}).catch((error: unknown) => {
      thrown = error;
      return { failures: [], changes: [] };
    });
    if (thrown) throw thrown;
    const failure = failures[0];
    if (failure) {
      const error = (failure as { error?: unknown }).error;
      if (error instanceof KitError) throw error;
      throw new Error(`generator ${generator.name} failed at ${failure.type} ${failure.path}: ${failure.error}`);
    }
  }
}
