import { test } from 'vitest';
import { expectPlansToTypeCheck } from '../support/planned-types.ts';

// The fast tier of issue #18, TypeScript fixtures (JavaScript ones in planned-code-js.test.ts, so the two run on two workers).
test('the code the kit plans for every TypeScript fixture service type-checks', () => expectPlansToTypeCheck('ts', 20), 240_000);
