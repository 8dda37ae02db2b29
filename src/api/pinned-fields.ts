import type { ContradictedFields } from '../detect/findings.ts';
import type { PinnedFields } from '../detect/pinned-statuses.ts';
import type { TestCase } from './cases.ts';

/**
 * A field of the answer a read asserts: `name` in the answer, from the stored row's field `from`
 * (its API name, as asApi gives it); compared with that value, or with a JSON type where the service
 * answered another value in the kit's run.
 */
export interface AnswerField {
  name: string;
  from: string;
  /** `String`, `Number`...: the test asserts the type the service answered, not the stored value. */
  type?: string;
}

export function answerField(name: string, from: string): AnswerField {
  return { name, from };
}

/** Cases that compare an answer with a stored row, field by field where the kit's run showed it must. */
const READS_A_ROW = new Set(['read', 'list', 'nested-list']);
/** Cases whose answer must echo the body they send (those two where the handler's answer names the request's fields). */
const ECHOES = new Set(['create', 'nested-create', 'update']);
const ECHOES_WHERE_READ = new Set(['create-request', 'update-request']);

/**
 * Where the status held but the answers did not hold what the test expected, the next plan asserts
 * what they held: a read's fields as answered, a write's echo of the fields it sent as answered.
 */
export function pinAnswers(item: TestCase, fullName: string, answered: number | undefined, pinned: PinnedFields | undefined): void {
  if (!pinned || answered !== item.status) return;
  pinFields(item, fullName, pinned.fields);
  pinEcho(item, fullName, pinned.echo);
}

/**
 * A write whose answer echoed the body it sent otherwise (a field left out, renamed, or with another
 * value): the test expects the echo of the fields as answered, each equal to the one sent, renamed
 * ones under their answered name, re-valued ones by JSON type.
 */
function pinEcho(item: TestCase, fullName: string, echo: ContradictedFields | undefined): void {
  if (!echo || !(ECHOES.has(item.partial) || (ECHOES_WHERE_READ.has(item.partial) && item.echoesRequest))) return;
  const renamedTo = new Set(Object.values(echo.renamed));
  const revalued = Object.keys(echo.types).filter((name) => !renamedTo.has(name));
  const sent = [...new Set([...echo.held, ...Object.keys(echo.renamed), ...revalued, ...echo.absent])];
  const { fields, said } = asAnswered(
    sent.map((name) => answerField(name, name)),
    echo,
    'the value sent',
  );
  if (!said) return;
  item.echoFields = fields;
  item.note = `${fullName}: of the body sent, the service ${said} in the kit's run; the test expects the echo as answered (observed).`;
}

/**
 * Where the service answered the status a read expects but not the row as the test expected it
 * (a field left out, renamed, or with another value), the test asserts the fields as the service
 * answered them: each kept field from the stored row, renamed ones under their answered name, the
 * others by JSON type; a note says what changed. The status must have held: otherwise the answer
 * was not the row at all.
 */
function pinFields(item: TestCase, fullName: string, contradicted: ContradictedFields | undefined): void {
  if (!contradicted || !READS_A_ROW.has(item.partial)) return;
  const selected = item.selectedFields as AnswerField[] | undefined;
  const { fields, said } = asAnswered(selected ?? (item.expectedFields as AnswerField[]), contradicted, 'the stored value');
  if (!said) return;
  item.selectedFields = fields;
  item.containing = !selected;
  item.observedFields = true;
  item.note = `${fullName}: the service ${said} in the kit's run; the test asserts the fields as answered (observed).`;
}

/** The fields as the answer held them, and what changed in words (`answered a as b and left out c`), none where nothing did. */
function asAnswered(fields: AnswerField[], contradicted: ContradictedFields, expected: string): { fields: AnswerField[]; said?: string } {
  const dropped: string[] = [];
  const changes: string[] = [];
  const pinned = fields.flatMap((field): AnswerField[] => {
    const name = contradicted.renamed[field.from] ?? field.name;
    const type = contradicted.types[name];
    if (contradicted.absent.includes(field.from) || type === 'null') {
      dropped.push(field.name);
      return [];
    }
    const value = type ? ` (${withArticle(type)}, not ${expected})` : '';
    if (name !== field.name || type) changes.push(`${name !== field.name ? `${field.from} as ${name}` : name}${value}`);
    return [{ ...answerField(name, field.from), ...(type ? { type } : {}) }];
  });
  if (!dropped.length && !changes.length) return { fields };
  const said = [...(changes.length ? [`answered ${changes.join(', ')}`] : []), ...(dropped.length ? [`left out ${dropped.join(', ')}`] : [])];
  return { fields: pinned, said: said.join(' and ') };
}

function withArticle(type: string): string {
  return /^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`;
}
