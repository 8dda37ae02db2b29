import type { ContradictedFields } from '../detect/findings.ts';
import { access, key } from '../kit/literals.ts';
import type { TestCase } from './cases.ts';

/**
 * A field of the answer a read asserts: `name` in the answer, from the stored row's field `from`
 * (its API name, as asApi gives it); compared with that value, or with a JSON type where the service
 * answered another value in the kit's run.
 */
export interface AnswerField {
  name: string;
  from: string;
  /** As written in the test: the object key, and the access to the stored row's value. */
  key: string;
  access: string;
  /** `String`, `Number`...: the test asserts the type the service answered, not the stored value. */
  type?: string;
}

export function answerField(name: string, from: string): AnswerField {
  return { name, from, key: key(name), access: access(from) };
}

/** Cases that compare an answer with a stored row, field by field where the kit's run showed it must. */
const READS_A_ROW = new Set(['read', 'list', 'nested-list']);

/**
 * Where the service answered the status a read expects but not the row as the test expected it
 * (a field left out, renamed, or with another value), the test asserts the fields as the service
 * answered them: each kept field from the stored row, renamed ones under their answered name, the
 * others by JSON type; a note says what changed. The status must have held: otherwise the answer
 * was not the row at all.
 */
export function pinFields(item: TestCase, fullName: string, answered: number | undefined, contradicted: ContradictedFields | undefined): void {
  if (!contradicted || answered !== item.status || !READS_A_ROW.has(item.partial)) return;
  const selected = item.selectedFields as AnswerField[] | undefined;
  const fields = selected ?? (item.expectedFields as AnswerField[]);
  const dropped: string[] = [];
  const changes: string[] = [];
  const pinned = fields.flatMap((field): AnswerField[] => {
    const name = contradicted.renamed[field.from] ?? field.name;
    const type = contradicted.types[name];
    if (contradicted.absent.includes(field.from) || type === 'null') {
      dropped.push(field.name);
      return [];
    }
    const value = type ? ` (${withArticle(type)}, not the stored value)` : '';
    if (name !== field.name || type) changes.push(`${name !== field.name ? `${field.from} as ${name}` : name}${value}`);
    return [{ ...answerField(name, field.from), ...(type ? { type } : {}) }];
  });
  if (!dropped.length && !changes.length) return;
  item.selectedFields = pinned;
  item.containing = !selected;
  item.observedFields = true;
  const said = [...(changes.length ? [`answered ${changes.join(', ')}`] : []), ...(dropped.length ? [`left out ${dropped.join(', ')}`] : [])];
  item.note = `${fullName}: the service ${said.join(' and ')} in the kit's run; the test asserts the fields as answered (observed).`;
}

function withArticle(type: string): string {
  return /^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}
