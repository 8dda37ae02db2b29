import { test } from 'vitest';
import { expectPlansToTypeCheck } from '../support/planned-types.ts';

// The fast tier of issue #18, JavaScript fixtures: checkJs, and no TypeScript left in them.
test('the code the kit plans for every JavaScript fixture service type-checks', () => expectPlansToTypeCheck('js', 15), 240_000);
