import { CHECKLIST } from '../checklist/items.ts';
import type { Verdict } from './verdict.ts';

/** The line of an item: `- [x] Text: links` or `- [ ] Text (next: hint)`. */
const ITEM_LINE = /^(\s*[-*]\s+\[)([ xX])(\]\s+)(.*)$/;

/** The coverage threshold the team keeps in CHECKLIST.md (`Coverage threshold: 60%`). */
export const DEFAULT_COVERAGE_THRESHOLD = 50;

/** The items CHECKLIST.md ticks, by id. */
export function tickedItems(markdown: string): Set<string> {
  const ticked = new Set<string>();
  for (const line of markdown.split('\n')) {
    const match = ITEM_LINE.exec(line);
    const item = match && itemOf(match[4]!);
    if (item && match[2] !== ' ') ticked.add(item);
  }
  return ticked;
}

export function coverageThreshold(markdown: string | undefined): number {
  const found = /coverage threshold:\s*(\d+(?:\.\d+)?)\s*%/i.exec(markdown ?? '')?.[1];
  return found === undefined ? DEFAULT_COVERAGE_THRESHOLD : Number(found);
}

/**
 * The same markdown with each item's mark set by its verdict: ticked where it holds, cleared where
 * it is open, left where the run did not tell. Only the mark changes: the item's words and the
 * notes the team wrote under it stay as they are.
 */
export function rewriteMarks(markdown: string, verdicts: readonly Verdict[]): { text: string; changed: string[] } {
  const changed: string[] = [];
  const lines = markdown.split('\n').map((line) => {
    const match = ITEM_LINE.exec(line);
    const id = match && itemOf(match[4]!);
    const verdict = id && verdicts.find((entry) => entry.id === id);
    if (!match || !verdict || verdict.status === 'unknown') return line;
    const mark = verdict.status === 'holds' ? 'x' : ' ';
    if ((match[2] === ' ') === (mark === ' ')) return line;
    changed.push(verdict.id);
    return `${match[1]}${mark}${match[3]}${match[4]}`;
  });
  return { text: lines.join('\n'), changed };
}

/** The checklist item an item line is about: its text starts with the item's. */
function itemOf(rest: string): string | undefined {
  return CHECKLIST.find((item) => rest.startsWith(item.text))?.id;
}
