import type { KitContext } from '../../kit/context.ts';
import type { KitAction } from '../../kit/generator.ts';
import { supportFile } from './common.ts';

/** `--db none`: a service without a database still gets the harness and its API tests; the db module is a no-op. */
export function planNoDatabase(kit: KitContext): KitAction[] {
  return [{ type: 'itest:render', template: 'db/none/db.ts.hbs', path: supportFile(kit, 'db'), data: {} }];
}
