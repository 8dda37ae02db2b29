import type { KitContext } from './context.ts';
import { formatInProjectStyle } from './project-prettier.ts';
import { allDependencies } from '../detect/package-json.ts';

/**
 * The last step of a plan: files rendered from TypeScript templates for a JavaScript project become
 * JavaScript (the transform and its type stripper load only then), and where the project has a
 * Prettier configuration every file the kit owns takes the project's style.
 */
export async function finishPlan(kit: KitContext): Promise<void> {
  if ([...kit.tree.files.values()].some((file) => file.fromTypeScript)) {
    const { toJavaScript } = await import('./javascript.ts');
    await kit.tree.finish(toJavaScript);
  }
  const { prettier, root, packageJson } = kit.detection;
  if (prettier) await formatInProjectStyle(kit.tree, root, prettier, 'prettier' in allDependencies(packageJson.json));
}
