import type { KitGenerator } from '../src/kit/generator.ts';
import { api } from './api.ts';
import { checklist } from './checklist.ts';
import { db } from './db.ts';
import { harness } from './harness.ts';
import { openapi } from './openapi.ts';

/**
 * Every generator, in the order the full kit runs them. Each builds only on those
 * before it (the app fixture imports the test database; the checklist reads every claim),
 * so `npx plop <name>` plans the ones before it too.
 */
export const GENERATORS: readonly KitGenerator[] = [db, harness, openapi, api, checklist];
