import { CHECKLIST } from '../checklist/items.ts';
import { paint } from '../cli/paint.ts';
import type { Verdict } from './verdict.ts';

const STATUS = { holds: 'holds', open: 'open', unknown: '?' } as const;

/** The table `check` prints: item, status and evidence, a section at a time. */
export function verdictTable(verdicts: readonly Verdict[], ticked: ReadonlySet<string>): string {
  const lines: string[] = [];
  let section = '';
  for (const verdict of verdicts) {
    const item = CHECKLIST.find((entry) => entry.id === verdict.id)!;
    if (item.section !== section) lines.push('', paint.bold((section = item.section)));
    const broken = ticked.has(verdict.id) && verdict.status !== 'holds';
    const status = STATUS[verdict.status].padEnd(5);
    const colored = verdict.status === 'holds' ? paint.green(status) : broken ? paint.red(status) : paint.yellow(status);
    lines.push(`  ${colored} ${item.text}${broken ? paint.red(' (ticked, no longer holds)') : ''}`, `        ${verdict.evidence}`);
  }
  const held = verdicts.filter((verdict) => verdict.status === 'holds').length;
  lines.push('', `${held} of ${verdicts.length} items hold.`);
  return lines.join('\n');
}

/** `--json`: the verdicts with the item's words, and what CHECKLIST.md ticked. */
export function verdictJson(verdicts: readonly Verdict[], ticked: ReadonlySet<string>): string {
  const items = verdicts.map((verdict) => ({ ...verdict, text: CHECKLIST.find((item) => item.id === verdict.id)!.text, ticked: ticked.has(verdict.id) }));
  return `${JSON.stringify({ items, holds: items.filter((item) => item.status === 'holds').length, total: items.length }, null, 2)}\n`;
}
