import type { Tree } from '../plan/tree.ts';

/**
 * The last step of a plan: files rendered from TypeScript templates for a JavaScript project become
 * JavaScript. The transform (and its type stripper) loads only when a JavaScript file is planned.
 */
export async function finishPlan(tree: Tree): Promise<void> {
  if (![...tree.files.values()].some((file) => file.fromTypeScript)) return;
  const { toJavaScript } = await import('./javascript.ts');
  await tree.finish(toJavaScript);
}
