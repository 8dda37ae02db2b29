import { describe, expect, test } from 'vitest';
import { planEveryFixture, typeCheckPlans } from '../support/planned-types.ts';

/**
 * The fast tier of issue #18: every fixture service planned in process and its planned code
 * type-checked (JavaScript with checkJs), in well under a minute, beside the e2e that installs and
 * runs. Fixtures the kit refuses as they stand (an ungenerated Prisma client, node:sqlite on Node 20)
 * are named; the e2e covers them with their installs.
 */
describe('the code the kit plans for every fixture service', () => {
  test('type-checks, TypeScript and JavaScript alike, with no TypeScript left in JavaScript', async () => {
    const { planned, refused } = await planEveryFixture();
    // Refused as they stand, each for its reason: an ungenerated Prisma client, node:sqlite on a Node before 22.13, a workspace root.
    for (const line of refused) expect(line).toMatch(/Prisma client is not generated|node:sqlite|No web framework found/);
    expect(planned.length).toBeGreaterThanOrEqual(40);
    expect(planned.some((fixture) => fixture.ext === 'js')).toBe(true);
    expect(typeCheckPlans(planned)).toEqual([]);
  }, 240_000);
});
