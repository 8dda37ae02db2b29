import path from 'node:path';
import { isFile } from '../detect/files.ts';
import { readPackageJson } from '../detect/package-json.ts';
import { readWorkspace } from '../detect/workspaces.ts';
import { KitError } from '../kit/errors.ts';
import { inquirerAsker } from './prompts.ts';

/**
 * The folder the harness goes into. At a workspace root (npm, yarn or pnpm workspaces) that is
 * the one package that is a service, without asking; with several, the one chosen (or --cwd);
 * elsewhere, the folder itself.
 */
export async function serviceRoot(root: string, interactive: boolean, say: (text: string) => void): Promise<string> {
  if (!isFile(path.join(root, 'package.json'))) return root;
  const workspace = readWorkspace(root, readPackageJson(root).json);
  if (!workspace) return root;
  const [only, ...others] = workspace.services;
  if (!only) {
    throw new KitError(
      `${root} is a workspace root (${workspace.source}) and none of its ${workspace.packages.length} package(s) is a web service (none depends on express, fastify, koa, hono or @nestjs/core): run the kit in the service's folder, or pass --cwd <folder>.`,
    );
  }
  if (!others.length) {
    say(`Workspace (${workspace.source}): ${only} is its one service; the harness goes there.`);
    return path.join(root, only);
  }
  if (!interactive) {
    throw new KitError(
      `${root} is a workspace with ${workspace.services.length} services (${workspace.services.join(', ')}): pick one with --cwd, e.g. --cwd ${workspace.services[0]}.`,
    );
  }
  const asker = await inquirerAsker();
  const choice = await asker.choose(
    {
      name: 'cwd',
      type: 'choice',
      description: 'the workspace package to equip',
      question: 'This is a workspace: which service gets the harness?',
      choices: workspace.services.map((dir) => ({ value: dir, label: dir })),
      fromDetection: () => undefined,
      fallback: only,
    },
    only,
  );
  return path.join(root, choice);
}
