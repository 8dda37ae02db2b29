import type { KitContext } from "../../kit/context.ts";
import type { KitAction } from "../../kit/generator.ts";
export function planMysql(kit: KitContext): KitAction[] { void kit; return []; }
