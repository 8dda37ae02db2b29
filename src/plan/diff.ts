import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './changes.ts';
import { paint } from '../cli/paint.ts';

export function unifiedDiff(change: FileChange): string {
  const patch = createTwoFilesPatch(`a/${change.path}`, `b/${change.path}`, change.before ?? '', change.after, '', '', { context: 3 });
  // The first two lines are a separator and an Index header that add nothing here.
  return patch
    .split('\n')
    .slice(2)
    .map((line) =>
      line.startsWith('+') && !line.startsWith('+++') ? paint.green(line) : line.startsWith('-') && !line.startsWith('---') ? paint.red(line) : line,
    )
    .join('\n');
}

const LABEL: Record<FileChange['status'], string> = {
  create: 'new',
  update: 'changed',
  unchanged: 'unchanged',
  conflict: 'conflict',
};

export function describeChange(change: FileChange): string {
  const label = LABEL[change.status].padEnd(9);
  const color = change.status === 'create' ? paint.green : change.status === 'update' ? paint.yellow : change.status === 'conflict' ? paint.red : paint.dim;
  return `  ${color(label)} ${change.path}`;
}
