import type { KitGenerator } from '../src/kit/generator.ts';
import { api } from './api.ts';
import { clients } from './clients.ts';
import { checklist } from './checklist.ts';
import { db } from './db.ts';
import { factories } from './factories.ts';
import { harness } from './harness.ts';
import { mocks } from './mocks.ts';
import { openapi } from './openapi.ts';

/**
 * Every generator, in the order the full kit runs them. Each builds only on those
 * before it (the app fixture imports the test database, the setup file the network guard;
 * the checklist reads every claim),
 * so `npx plop <name>` plans the ones before it too.
 */
export const GENERATORS: readonly KitGenerator[] = [db, factories, mocks, harness, openapi, api, clients, checklist];
