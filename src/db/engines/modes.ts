import type { KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { quote } from '../../kit/literals.ts';

export type DatabaseMode = 'container' | 'url' | 'embedded';

/** The modes a harness supports and its default, as the info module and the README state them. */
export function modeData(kit: KitContext, modes: DatabaseMode[]) {
  const defaultMode = kit.answers['db-mode'] ?? 'container';
  return {
    defaultMode,
    modes,
    modeList: modes.map(quote).join(', '),
    modeUnion: modes.map(quote).join(' | '),
    modePipe: modes.join('|'),
  };
}

/** test/integration/README.md: how to run the suite in each mode. */
export function databaseDocs(kit: KitContext, engine: string, modes: ReturnType<typeof modeData>): KitAction {
  return {
    type: 'itest:render',
    template: 'db/shared/README.md.hbs',
    path: `${kit.paths.dir}/README.md`,
    data: { engine, ...modes, embedded: modes.modes.includes('embedded'), scheme: engine === 'MySQL' ? 'mysql' : 'postgres', port: engine === 'MySQL' ? 3306 : 5432 },
  };
}

/** JavaScript projects cannot augment Vitest's types in a .js file: a declaration file does it. */
export function providedTypes(kit: KitContext, modes: ReturnType<typeof modeData>): KitAction[] {
  if (kit.paths.ext === 'ts') return [];
  return [{ type: 'itest:render', template: 'db/shared/provided.d.ts.hbs', path: `${kit.paths.support}/database/provided.d.ts`, data: modes }];
}
