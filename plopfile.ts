import type { NodePlopAPI } from 'node-plop';
import { GENERATORS } from './generators/index.ts';
import { plopPrompts } from './src/kit/plop-prompts.ts';
import { registerKit } from './src/kit/plop.ts';
import { registerEndpointGenerator } from './src/kit/plop-endpoint.ts';

/**
 * `npx plop` here, or `plop.load('create-itest-kit')` in another repo's plopfile:
 * every generator of the kit, one per capability. Each asks what detection
 * leaves open, plans into memory, then applies like the CLI (keeping your edits).
 */
export default function plopfile(plop: NodePlopAPI): void {
  registerKit(plop, GENERATORS, (generator) => plopPrompts(plop, generator));
  registerEndpointGenerator(plop);
}
