import type { KitGenerator } from '../src/kit/generator.ts';
import { api } from './api.ts';
import { checklist } from './checklist.ts';
import { db } from './db.ts';
import { harness } from './harness.ts';

/** Every generator, in the order the full kit runs them: the checklist reads what the others claimed. */
export const GENERATORS: readonly KitGenerator[] = [harness, db, api, checklist];
