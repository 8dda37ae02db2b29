/**
 * Where a value a generated test sends or expects comes from; valueCode() spells it as code.
 * - `values`: a column of the values function's fresh row (`values.title`);
 * - `row`: a field of a row the test holds (`author.id`, the signed-in `user.id`);
 * - `inserted`: a field of a row inserted for it alone (`(await insertAuthor(db)).id`);
 * - `missing`: an id no row of the table has (`await missingId(db, 'authors', 'id')`);
 * - `example`: a value of the type a reader checks (`'ada@example.com'`).
 */
export type ValueFact =
  | { values: string }
  | { row: string; field: string }
  | { inserted: string; field: string }
  | { missing: { table: string; pk: string } }
  | { example: string | number | boolean };

/** A field of a body or row a test builds: its name, and where its value comes from. */
export interface FieldValue {
  name: string;
  value: ValueFact;
}

/** The signed-in user's id: where a row points at users, the row is the user's own. */
export const USER_ID: ValueFact = { row: 'user', field: 'id' };

/** The value is read from the row the test holds in `variable` (or from `values`, for the values function's row). */
export function readsFrom(fact: ValueFact, variable: string): boolean {
  return variable === 'values' ? 'values' in fact : 'row' in fact && fact.row === variable;
}

/** A request URL: its path's segments as text, with the values it takes (ids of rows the test holds). */
export interface UrlFact {
  pieces: ({ text: string } | { value: ValueFact })[];
}
