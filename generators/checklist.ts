import path from 'node:path';
import { CHECKLIST } from '../src/checklist/items.ts';
import { DEFAULT_COVERAGE_THRESHOLD } from '../src/check/checklist-marks.ts';
import type { KitGenerator } from '../src/kit/generator.ts';

/**
 * CHECKLIST.md: the integration-testing checklist with the items the other
 * generators claimed ticked and linked to the files that satisfy them. Runs last.
 */
export const checklist: KitGenerator = {
  name: 'checklist',
  description: 'CHECKLIST.md with the items this harness satisfies ticked and linked',
  plan(kit) {
    const dir = path.posix.dirname(kit.paths.checklist);
    const sections: { title: string; items: { done: boolean; text: string; links: string; hint: string }[] }[] = [];
    for (const item of CHECKLIST) {
      const claims = kit.claims.filter((claim) => claim.id === item.id);
      const files = [...new Set(claims.flatMap((claim) => claim.files))];
      const links = files.map((file) => `[${path.posix.relative(dir, file)}](${path.posix.relative(dir, file)})`).join(', ');
      let section = sections.at(-1);
      if (section?.title !== item.section) sections.push((section = { title: item.section, items: [] }));
      section.items.push({ done: claims.length > 0, text: item.text, links, hint: item.hint });
    }
    const done = sections.reduce((sum, s) => sum + s.items.filter((i) => i.done).length, 0);
    return [
      {
        type: 'itest:render',
        template: 'checklist/CHECKLIST.md.hbs',
        path: kit.paths.checklist,
        data: { sections, done, total: CHECKLIST.length, coverageThreshold: startingThreshold(kit.lineCoverage) },
      },
    ];
  },
};

/**
 * The coverage threshold CHECKLIST.md starts with: the last run's line coverage rounded down to
 * ten, so the tick holds today and a real drop fails `check --strict`; 50% before any run.
 */
export function startingThreshold(lineCoverage: number | undefined): number {
  return lineCoverage === undefined ? DEFAULT_COVERAGE_THRESHOLD : Math.floor(lineCoverage / 10) * 10;
}
