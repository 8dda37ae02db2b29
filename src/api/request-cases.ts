import type { RequestBody, Route, SuccessField } from '../detect/routes/index.ts';
import type { TableView } from '../db/seed-view.ts';
import { camel, singular } from '../kit/names.ts';
import { readsFrom, type FieldValue, type ValueFact } from '../kit/value-facts.ts';

/** Where one request field's value comes from: a column of the new row, or a column of a parent row it references. */
export type FieldSource =
  { name: string; column: string; optional: boolean } | { name: string; parent: TableView['parents'][number]; column: string; optional: boolean };

/** `firstName`, `first_name` and `FirstName` name the same thing. */
function normal(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/**
 * The request's fields matched to the table: `firstName` to `first_name`, `authorId` to the
 * foreign key `author_id`, `authorFirstName` to `first_name` of the author the row references.
 * Undefined when a required field matches nothing: the kit cannot build a body the validator accepts.
 */
export function mapRequestFields(body: RequestBody, table: TableView, tables: readonly TableView[]): FieldSource[] | undefined {
  const mapped: FieldSource[] = [];
  for (const field of body.fields) {
    const own = table.columns.find((column) => normal(column.name) === normal(field.name) && column.name !== table.primaryKey);
    const viaParent = own
      ? undefined
      : table.parents.flatMap((parent) => {
          const parentTable = tables.find((candidate) => candidate.name === parent.table);
          const column = parentTable?.columns.find((candidate) => normal(`${singular(parent.table)}${candidate.name}`) === normal(field.name));
          return column ? [{ name: field.name, parent, column: column.name, optional: field.optional }] : [];
        })[0];
    // An optional field over a column the values function leaves empty is not sent: the kit has no value for it.
    const valued = own && (table.required.some((column) => column.name === own.name) || table.parents.some((parent) => parent.column === own.name));
    if (own && field.optional && !valued) continue;
    if (own) mapped.push({ name: field.name, column: own.name, optional: field.optional });
    else if (viaParent) mapped.push(viaParent);
    else if (!field.optional) return undefined;
  }
  return mapped.length ? mapped : undefined;
}

/** A value the success answer holds: as written in the handler, a field of the request sent, or any. */
type AnswerValue = { literal: string | number | boolean | null } | { sent: string } | { anything: true };

/** The success answer a write expects: these fields (and, `containing`, maybe others). */
export interface Answer {
  containing: boolean;
  fields: { name: string; value: AnswerValue }[];
}

/**
 * The success answer as an expectation: literal values as written, a request field the handler echoes
 * (`{ email }`) as the value sent, the rest present with any value.
 */
function answerExpectation(route: Route, sent: readonly string[]): Answer | undefined {
  const fields = route.successBody;
  if (!fields) return undefined;
  const read = route.requestBody?.fields.map((field) => field.name) ?? [];
  const value = (field: SuccessField): AnswerValue => {
    if (field.literal !== undefined) return { literal: field.literal };
    return field.from && sent.includes(field.from) ? { sent: field.from } : { anything: true };
  };
  // A field the request may leave out, echoed back: its value is the handler's default (null, or nothing), so only the others are known.
  const known = fields.filter((field) => !(field.from && field.literal === undefined && read.includes(field.from) && !sent.includes(field.from)));
  return { containing: known.length < fields.length, fields: known.map((field) => ({ name: field.key, value: value(field) })) };
}

/**
 * The request names the row's own API fields (`{ name }` for column name): a handler that answers
 * with the row it stored echoes what was sent, which is what the kit expects where nothing says otherwise.
 */
function namedAsColumns(table: TableView, fields: readonly FieldSource[]): boolean {
  return fields.every((field) => !('parent' in field) && (table.apiFields[field.column] ?? field.column) === field.name);
}

/**
 * The row an INSERT ... RETURNING answers with, exactly: the sent values where a field is one of the
 * request's columns, present where the column cannot be empty. Undefined where one could be NULL.
 */
function returnedExpectation(route: Route, table: TableView, fields: readonly FieldSource[]): Answer | undefined {
  if (!route.returned) return undefined;
  const filled = (column: string) =>
    column === table.primaryKey || table.required.some((required) => required.name === column) || table.parents.some((parent) => parent.column === column);
  const entries: Answer['fields'] = [];
  for (const field of route.returned) {
    const sent = fields.find((candidate) => !('parent' in candidate) && candidate.column === field.column);
    if (sent) entries.push({ name: field.name, value: { sent: sent.name } });
    else if (field.column && filled(field.column)) entries.push({ name: field.name, value: { anything: true } });
    else return undefined;
  }
  return { containing: false, fields: entries };
}

/** A create through the names the validator declares: the parent rows it names, the body, and the stored row's expected columns. */
export function createRequestView(route: Route, table: TableView, fields: FieldSource[], source: string) {
  const parentRows = table.parents.map((parent) => ({ variable: camel(singular(parent.table)), insertFn: parent.insertFn, parent }));
  // A foreign key is read from the parent row it was given (JavaScript's inferred values type does not hold it).
  const valueOf = (column: string): ValueFact => {
    const row = parentRows.find((candidate) => candidate.parent.column === column);
    return row ? { row: row.variable, field: row.parent.references } : { values: column };
  };
  const payload: FieldValue[] = fields.map((field) => ({
    name: field.name,
    value: 'parent' in field ? { row: camel(singular(field.parent.table)), field: field.column } : valueOf(field.column),
  }));
  const stored: FieldValue[] = [
    ...fields.filter((field) => !('parent' in field)).map((field) => ({ name: field.column, value: valueOf(field.column) })),
    ...parentRows
      .filter((row) => fields.some((field) => 'parent' in field && field.parent === row.parent))
      .map((row) => ({ name: row.parent.column, value: valueOf(row.parent.column) })),
  ];
  const lookup = fields.find((field) => !('parent' in field) && !table.parents.some((parent) => parent.column === field.column));
  const answer =
    answerExpectation(
      route,
      fields.map((field) => field.name),
    ) ?? returnedExpectation(route, table, fields);
  return {
    parentRows: parentRows.map((row) => ({ variable: row.variable, insertFn: row.insertFn })),
    valuesArgs: parentRows.map((row): FieldValue => ({ name: row.parent.column, value: valueOf(row.parent.column) })),
    payload,
    requestSource: source,
    answer,
    echoesRequest: !answer && namedAsColumns(table, fields),
    // Every field from a parent row (or its key): no values of the new row are needed.
    needsValues: Boolean(lookup),
    stored,
    ...(lookup ? { lookupColumn: lookup.column } : {}),
    uses: [...(lookup ? [table.valuesFn, 'findRow'] : []), 'countRows', ...parentRows.map((row) => row.insertFn)],
  };
}

/** A create's view sending another body: only the parent rows and values that body still reads are declared. */
function withPayload(view: ReturnType<typeof createRequestView>, payload: FieldValue[]) {
  const uses = (variable: string) => payload.some((entry) => readsFrom(entry.value, variable));
  const needsValues = uses('values');
  return {
    payload,
    needsValues,
    parentRows: view.parentRows.filter((row) => needsValues || uses(row.variable)),
    valuesArgs: view.valuesArgs,
    requestSource: view.requestSource,
  };
}

/**
 * For each field the request requires (its validator, or the handler's own 400 check, says so): the
 * create's body without it, with only the rows and values that body still uses.
 */
export function missingFieldViews(view: ReturnType<typeof createRequestView>, fields: readonly FieldSource[]) {
  return fields.flatMap((field) => {
    if (field.optional) return [];
    const payload = view.payload.filter((entry) => entry.name !== field.name);
    // One field alone: without it the body is the empty one, already tested.
    if (payload.length === view.payload.length || !payload.length) return [];
    return [{ missing: field.name, ...withPayload(view, payload) }];
  });
}

/**
 * The create's body with its foreign key pointing at no row of the parent table: what a handler that
 * looks the parent up (`if (!user) return res.status(404)`) refuses. Undefined where the body does not
 * send the key itself.
 */
export function missingParentView(view: ReturnType<typeof createRequestView>, fields: readonly FieldSource[], table: TableView, tables: readonly TableView[]) {
  for (const link of table.parents) {
    const field = fields.find((candidate) => !('parent' in candidate) && candidate.column === link.column);
    const parent = tables.find((candidate) => candidate.name === link.table);
    if (!field || !parent) continue;
    const missing: ValueFact = { missing: { table: parent.name, pk: parent.primaryKey ?? 'id' } };
    const payload = view.payload.map((entry) => (entry.name === field.name ? { name: entry.name, value: missing } : entry));
    return { parent: parent.singular, missing: field.name, ...withPayload(view, payload) };
  }
  return undefined;
}

/**
 * An update through the names the validator declares: fresh values for its own columns, the row's
 * own foreign keys kept. Undefined where a required field names a parent's column (the kit does not
 * hold that row).
 */
export function updateRequestView(route: Route, table: TableView, fields: FieldSource[], variable: string, source: string) {
  if (fields.some((field) => 'parent' in field && !field.optional)) return undefined;
  const own = fields.filter((field) => !('parent' in field));
  const valueOf = (column: string): ValueFact =>
    table.parents.some((parent) => parent.column === column) ? { row: variable, field: column } : { values: column };
  const answer = answerExpectation(
    route,
    own.map((field) => field.name),
  );
  return {
    changes: own.map((field): FieldValue => ({ name: field.name, value: valueOf(field.column) })),
    stored: own.map((field): FieldValue => ({ name: field.column, value: valueOf(field.column) })),
    requestSource: source,
    answer,
    echoesRequest: !answer && namedAsColumns(table, fields),
    uses: [table.insertFn, table.valuesFn, 'findRow'],
  };
}
