import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProjectPrettier } from '../detect/prettier.ts';
import type { Tree } from '../plan/tree.ts';

/** The part of Prettier's API (2 and 3 alike) the kit uses. */
interface PrettierApi {
  format(source: string, options: Record<string, unknown>): string | Promise<string>;
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
  getFileInfo(file: string, options: { ignorePath?: string }): Promise<{ ignored: boolean; inferredParser: string | null }>;
}

/** Code and JSON the kit plans: Markdown (CHECKLIST.md) keeps the kit's layout, which `itest-kit check` rewrites. */
const FORMATTED = /\.(?:[cm]?[jt]s|json)$/;

/**
 * Formats the files the kit owns with the project's own Prettier (its version, its options, its
 * .prettierignore), so generated code reads like the team's. A configuration without an installed
 * prettier leaves the kit's style, and says so.
 */
export async function formatInProjectStyle(tree: Tree, root: string, prettier: ProjectPrettier, declared: boolean): Promise<void> {
  // Looked up now, not at detection: on a fresh clone the kit's own install brings the prettier the project declares,
  // and the plan made after the first run formats what the first plan wrote.
  const api = await loadPrettier(root);
  if (!api) {
    if (!declared)
      tree.note(
        `The project has a Prettier configuration (${prettier.config}) but no prettier installed: generated files keep the kit's style. Install prettier and run the kit again to have them in yours.`,
      );
    return;
  }
  for (const file of [...tree.files.values()]) {
    if (file.merge || !FORMATTED.test(file.path)) continue;
    const absolute = path.join(root, file.path);
    const info = await api.getFileInfo(absolute, { ignorePath: path.join(root, '.prettierignore') });
    if (info.ignored || !info.inferredParser) continue;
    const options = (await api.resolveConfig(absolute)) ?? {};
    tree.files.set(file.path, { ...file, content: await api.format(file.content, { ...options, filepath: absolute }) });
  }
}

async function loadPrettier(root: string): Promise<PrettierApi | undefined> {
  let entry: string;
  try {
    entry = createRequire(path.join(root, 'package.json')).resolve('prettier');
  } catch {
    return undefined;
  }
  const loaded = (await import(pathToFileURL(entry).href)) as PrettierApi & { default?: PrettierApi };
  // Prettier 2 is CommonJS: its API is the default export (the named ones Node finds are only some of it).
  return typeof loaded.default?.getFileInfo === 'function' ? loaded.default : loaded;
}
