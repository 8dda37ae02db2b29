import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import { documentsStatus, type OpenApiOperation } from '../detect/openapi.ts';
import type { TableView } from '../db/seed-view.ts';
import { camel, fileSlug, plural, singular, withArticle } from '../kit/names.ts';
import { answerText, type Finding } from '../detect/findings.ts';
import { pinnable } from '../detect/pinned-statuses.ts';
import { createRequestView, mapRequestFields, missingFieldViews, missingParentView, updateRequestView, type FieldSource } from './request-cases.ts';
import { segments, urlFact, type PathSegment } from './url.ts';
import { guardRefusals, signedIn, type SignInWays } from './signed-in.ts';
import { exampleValue } from './example-values.ts';
import { flowCases, ownedCases } from './owned-cases.ts';
import { answerField, pinAnswers, type AnswerField } from './pinned-fields.ts';
import type { PinnedFields } from '../detect/pinned-statuses.ts';
import type { FieldValue, UrlFact, ValueFact } from '../kit/value-facts.ts';

/** One generated test: `partial` names the template in templates/api/cases/. */
export interface TestCase {
  partial: string;
  title: string;
  /** `test`, or `test.fails` for a known failure: the service answered 5xx in the last run. */
  testCall?: 'test' | 'test.fails';
  /** What the service did, for the known failure's comment: `GET /posts/1 answered 500`. */
  finding?: string;
  /** What the plan changed or gave up because of what the service answered, for the plan's notes. */
  note?: string;
  /** Where the status asserted is the one the service answered, not the one the kit read: what each was. */
  pinned?: string;
  /** Built from what the kit read alone: left out, with a note, where the service answers otherwise. */
  speculative?: boolean;
  [field: string]: unknown;
}

export interface RouteTests {
  describe: string;
  cases: TestCase[];
}

export interface TestFile {
  /** File stem under test/integration/api/. */
  name: string;
  routes: RouteTests[];
  /** Names imported from support/seed. */
  seedImports: string[];
  /** The same, as written in the import statement. */
  seedImportList: string;
  /** Some case validates its response against the OpenAPI document (support/openapi). */
  usesSchema: boolean;
  /** Some case replaces part of the data layer with vi.spyOn. */
  usesVi: boolean;
  /** Names imported from support/auth: the credentials its cases send, and `tampered`. */
  authImports: string[];
  /** What the plan left out of this file because of what the service answered, for the plan's notes. */
  notes: string[];
}

/** Cases that compare rows with bodies, or send rows as bodies: they go through asApi(). */
const USES_API_SHAPE = new Set(['list', 'read', 'create', 'update', 'nested-list', 'nested-create']);
const PREFIX_SEGMENTS = /^(api|v\d+|rest|public|internal)$/i;
const LOCALS = new Set(['db', 'api', 'res', 'payload', 'changes', 'before', 'expect', 'test', 'describe']);
/** Where tests sign in through the service, `user` is the signed-in user fixture. */
const SIGNED_IN_LOCALS = new Set([...LOCALS, 'user']);

/** The test database's method every query of the app goes through, replaced by one that throws (or rejects, for a promise API). */
export interface DatabaseFailure {
  method: 'prepare' | 'query';
  rejects: boolean;
}

export interface ApiTestOptions {
  /** The OpenAPI operation of each documented route, keyed by `METHOD /path`. */
  documented?: ReadonlyMap<string, OpenApiOperation>;
  /**
   * How a test makes every query on the test database fail, when the kit knows a way that reaches the
   * app's queries and the framework turns the error into a 500 (not a hung request).
   */
  failDatabase?: DatabaseFailure;
  /** Tests in which the service answered 5xx in the last run: written as known failures. */
  findings?: readonly Finding[];
  /** Per write endpoint (`POST /users`), how many request bodies the service refused in the kit's runs. */
  refusedShapes?: ReadonlyMap<string, number>;
  /** Per test (`POST /users > creates a user`), the status the service answered where the test expected another. */
  pinnedStatuses?: ReadonlyMap<string, number>;
  /** Per test, how the service's answers differed from the row the test expected and the body it sent, in the kit's runs. */
  pinnedFields?: ReadonlyMap<string, PinnedFields>;
  /** How tests get a signed-in user (the service's registration and login routes, or a token signed as it signs them), where guards need one. */
  signIn?: SignInWays;
}

/** Statuses the case templates write themselves; every other case that asserts one carries it as `status`. */
const TEMPLATE_STATUS: Record<string, number> = { list: 200, read: 200, update: 200, 'nested-list': 200, missing: 404 };

/** The status a case asserts, where it fixes one: what the OpenAPI document must describe for the body to be checked. */
function caseStatus(item: TestCase): number | undefined {
  return typeof item.status === 'number' ? item.status : TEMPLATE_STATUS[item.partial];
}

/**
 * A status the service answered in the kit's run where the test expected another that means the same
 * (201 for 200, 400 for 404): asserted from now on, with a comment and a note saying what the kit had read.
 */
function pinStatus(item: TestCase, fullName: string, answered: number | undefined): void {
  const read = item.status;
  if (answered === undefined || typeof read !== 'number' || !pinnable(read, answered)) return;
  item.status = answered;
  item.title = item.title.replace(new RegExp(`\\b${read}\\b`), String(answered));
  item.pinned = `the kit read ${read} from the source; the service answered ${answered} in the kit's run`;
  item.note = `${fullName}: ${item.pinned}, and the test asserts ${answered} (observed).`;
}

/** Groups routes into one test file per resource, with the cases each route gets. */
export function planApiTests(routes: Route[], tables: TableView[], options: ApiTestOptions = {}): TestFile[] {
  const files = new Map<string, TestFile>();
  for (const route of routes) {
    const parts = segments(route.path);
    const name = fileSlug(parts.find((p) => !p.param && !PREFIX_SEGMENTS.test(p.text))?.text ?? 'root');
    const file = files.get(name) ?? { name, routes: [], seedImports: [], seedImportList: '', usesSchema: false, usesVi: false, authImports: [], notes: [] };
    files.set(name, file);
    const operation = options.documented?.get(formatEndpoint(route));
    const cases =
      flowCases(route, parts, options.signIn?.flow, options.signIn ?? {}, routes) ??
      casesFor(route, parts, tables, operation, options.failDatabase, options.refusedShapes?.get(formatEndpoint(route)) ?? 0, options.signIn);
    if (operation) file.usesSchema = withSchemaChecks(cases, operation) || file.usesSchema;
    if (route.headers) withHeaderChecks(cases, route.headers);
    for (const item of [...cases]) {
      const fullName = `${route.method.toUpperCase()} ${route.path} > ${item.title}`;
      const answered = options.pinnedStatuses?.get(fullName);
      // A case the kit built from what it read, answered otherwise in its run: the test goes, the note says why.
      if (item.speculative && answered !== undefined && typeof item.status === 'number' && !pinnable(item.status, answered)) {
        cases.splice(cases.indexOf(item), 1);
        file.notes.push(leftOutNote(item, fullName, answered));
        continue;
      }
      const found = options.findings?.find((finding) => finding.test === fullName && /(?:^|\/)([^/]+)\.test\.[cm]?[jt]s$/.exec(finding.file)?.[1] === name);
      item.testCall = found ? 'test.fails' : 'test';
      if (found) item.finding = `${found.request} ${answerText(found.status)} in the kit's run`;
      item.status ??= TEMPLATE_STATUS[item.partial];
      pinStatus(item, fullName, answered);
      pinAnswers(item, fullName, answered, options.pinnedFields?.get(fullName));
    }
    file.usesVi ||= cases.some((item) => item.partial === 'server-error');
    file.routes.push({ describe: `${route.method.toUpperCase()} ${route.path}`, cases });
    for (const item of cases) {
      const uses = [...((item.uses as string[] | undefined) ?? []), ...(USES_API_SHAPE.has(item.partial) ? ['asApi'] : [])];
      for (const used of uses) if (!file.seedImports.includes(used)) file.seedImports.push(used);
      const auth = [
        ...(typeof item.credential === 'string' ? [item.credential] : []),
        ...(item.tampered ? ['tampered'] : []),
        ...((item.authUses as string[] | undefined) ?? []),
      ];
      for (const used of auth) if (!file.authImports.includes(used)) file.authImports.push(used);
    }
  }
  for (const file of files.values()) {
    file.seedImportList = file.seedImports.sort().join(', ');
    file.authImports.sort();
  }
  return [...files.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Why a case built from what the kit read alone is left out: what the service answered instead. */
function leftOutNote(item: TestCase, fullName: string, answered: number): string {
  if (answered === 0)
    return `${fullName}: the service did not answer before the test timed out, where the kit read ${String(item.status)}; the test is left out. A possible defect: a request the service cannot serve should still get an answer.`;
  if (item.partial === 'missing')
    return `${fullName}: the service answered ${answered} to an id that cannot be one, where the kit read ${String(item.status)}; the test is left out.`;
  if (item.partial === 'create-missing' && item.parent)
    return `${fullName}: the service answered ${answered} to a body whose ${String(item.missing)} names no ${String(item.parent)}; the test is left out.`;
  if (item.partial === 'create-missing')
    return `${fullName}: the service accepted the body without ${String(item.missing)} (${answered}) although ${String(item.requestSource)} requires it; the test is left out. A possible defect, or a default the kit did not read.`;
  return `${fullName}: the service answered ${answered} to the body built from ${String(item.requestSource)}; the test is left out. Write the request it expects in a test of your own.`;
}

/** An endpoint that creates rows of a table (`POST /courses`, `POST /lists/:id/todos`): where the table's edge values go through the API. */
export interface CreateEndpoint {
  /** `POST /courses`. */
  label: string;
  table: TableView;
  /** The URL; nested under a parent row held in `parent.variable`. */
  url: UrlFact;
  parent?: { variable: string; insertFn: string };
  /** Arguments of the values function: the rows a flat create references. */
  parentArgs: FieldValue[];
  /** Names imported from support/seed. */
  uses: string[];
}

/** The create endpoints the API tests exercise (the same ones the `create` and `nested-create` cases cover). */
export function createEndpoints(routes: Route[], tables: TableView[]): CreateEndpoint[] {
  return routes.flatMap((route) => {
    if (route.method !== 'post' || route.guarded) return [];
    const parts = segments(route.path);
    const target = resolveTable(parts, tables);
    if (!target || target.item) return [];
    const { table, parent } = target;
    const label = formatEndpoint(route);
    if (parent) {
      if (!table.parents.some((p) => p.table === parent.table.name)) return [];
      const variable = localName(parent.table.singular, LOCALS);
      const url = urlFact(parts, { [parent.param]: { row: variable, field: parent.table.primaryKey ?? 'id' } });
      return [{ label, table, url, parent: { variable, insertFn: parent.table.insertFn }, parentArgs: [], uses: [parent.table.insertFn, table.valuesFn] }];
    }
    const parentArgs = parentArgsOf(table);
    return [{ label, table, url: urlFact(parts), parentArgs, uses: [table.valuesFn, ...table.parents.map((p) => p.insertFn)] }];
  });
}

/** Cases whose response is the handler's success answer to a GET: where the headers it sets are checked. */
const READS = new Set(['list', 'read', 'literal', 'documented', 'nested-list', 'observed']);

/** The headers the handler sets (Cache-Control and the like), asserted on its successful reads. */
function withHeaderChecks(cases: TestCase[], headers: Record<string, string>): void {
  const checks = Object.entries(headers).map(([name, value]) => ({ name, value }));
  for (const item of cases) if (READS.has(item.partial)) item.headerChecks = checks;
}

/** Adds the OpenAPI check to each case whose status the operation documents; true when any got one. */
function withSchemaChecks(cases: TestCase[], operation: OpenApiOperation): boolean {
  let any = false;
  for (const item of cases) {
    const status = caseStatus(item);
    if (status === undefined || !documentsStatus(operation, status)) continue;
    item.schemaCheck = `${operation.method.toUpperCase()} ${operation.specPath}`;
    any = true;
  }
  return any;
}

function casesFor(
  route: Route,
  parts: PathSegment[],
  tables: TableView[],
  operation: OpenApiOperation | undefined,
  failDatabase: DatabaseFailure | undefined,
  refused: number,
  signIn?: SignInWays,
): TestCase[] {
  // A guarded route refuses a request without its credential; what it does behind the guard is tested signed in, where the kit can.
  // A route that answered nothing else in the last run is guarded too, whatever the scan saw.
  const denied = route.observed?.statuses.length && route.observed.statuses.every((status) => status === 401 || status === 403);
  if (route.guarded || denied) {
    const refusals = guardRefusals(route, parts, signIn);
    const credential = signedIn(route, signIn);
    if (!credential) return refusals;
    // Behind the guard: the route as if open; the refusals the run saw (the tests above) say nothing about it.
    const { guarded: _guarded, credential: _credential, observed, ...open } = route;
    const signedInStatuses = observed?.statuses.filter((status) => status !== 401 && status !== 403) ?? [];
    const behind = casesFor(
      observed && signedInStatuses.length ? { ...open, observed: { ...observed, statuses: signedInStatuses } } : open,
      parts,
      tables,
      operation,
      failDatabase,
      refused,
      // Signed in as the user fixture: a row variable must not take its name (a `user` table's row is `userRow`).
      credential.user ? signIn : undefined,
    );
    if (credential.user) return [...refusals, ...ownedCases(behind, route, tables, signIn!)];
    for (const item of behind) item.credential = credential.name;
    return [...refusals, ...behind];
  }
  const target = resolveTable(parts, tables);
  if (!target) {
    const fallback = fallbackCases(route, parts, operation);
    const accepted = acceptedCase(route, parts);
    if (!accepted) return fallback;
    if (refused) {
      fallback[0]!.note = `${formatEndpoint(route)}: the service refused the body built from ${accepted.requestSource} (400/422) in the kit's run; write the request it expects in a test of your own.`;
      return fallback;
    }
    // The refusal the source names for a body without them, beside the success.
    const invalid = route.statuses.find((code) => code === 400 || code === 422);
    const required = route.requestBody!.fields.filter((field) => !field.optional).map((field) => field.name);
    const refusal: TestCase[] = invalid
      ? [
          {
            partial: 'request-refused',
            title: `rejects an empty body with ${invalid}`,
            method: route.method,
            url: accepted.url,
            status: invalid,
            requestSource: accepted.requestSource,
            required: required.join(', '),
            speculative: true,
          },
        ]
      : [];
    return [accepted, ...refusal, ...fallback.filter((item) => item.partial !== 'status' && !(item.partial === 'observed' && item.status === invalid))];
  }
  const { table, item, parent } = target;
  const local = (name: string) => localName(name, signIn ? SIGNED_IN_LOCALS : LOCALS);
  const variable = local(table.singular);
  const pk = table.primaryKey ?? 'id';
  // A status the handler's source names, or the route's OpenAPI operation documents (a handler in another module, constants the scan cannot read).
  const has = (status: number) => route.statuses.includes(status) || Boolean(operation?.statuses.includes(String(status)));
  const base = { table: table.name, insertFn: table.insertFn, valuesFn: table.valuesFn, variable, timestamps: table.timestamps };
  // A handler that SELECTs named columns answers only those: the others are left out of what a read expects.
  const selectedNames = route.selected?.flatMap((field) => [field.name, ...(field.column ? [field.column] : [])]);
  const unselectedColumns = table.columns
    .map((column) => column.name)
    .filter(
      (column) =>
        (selectedNames && !selectedNames.some((name) => namesColumn(table, name, column))) || route.excluded?.some((name) => namesColumn(table, name, column)),
    );
  // Every field asApi gives the stored row, for a read whose answer the kit's run showed to differ from it.
  const expectedFields = table.columns
    .filter((column) => !unselectedColumns.includes(column.name))
    .map((column) => answerField(table.apiFields[column.name] ?? column.name, table.apiFields[column.name] ?? column.name));
  const reads = {
    unselected: unselectedColumns,
    selectedFields: selectedFields(route, table),
    expectedFields,
    ...(route.envelope ? { envelope: route.envelope } : {}),
  };

  if (parent) {
    const fk = table.parents.find((p) => p.table === parent.table.name);
    if (!fk) return fallbackCases(route, parts, operation);
    const parentVar = local(parent.table.singular);
    if (route.method === 'get' && !item) {
      const url = urlFact(parts, { [parent.param]: { row: variable, field: fk.column } });
      return [
        {
          partial: 'nested-list',
          title: `lists only the ${plural(table.name)} of that ${parent.table.singular}`,
          ...base,
          ...reads,
          url,
          uses: [table.insertFn],
        },
      ];
    }
    if (route.method === 'post' && !item) {
      const url = urlFact(parts, { [parent.param]: { row: parentVar, field: parent.table.primaryKey ?? 'id' } });
      return [
        {
          partial: 'nested-create',
          title: `creates ${withArticle(table.singular)} under the ${parent.table.singular}`,
          ...base,
          url,
          parentVar,
          parentInsert: parent.table.insertFn,
          fkApiField: table.apiFields[fk.column] ?? fk.column,
          parentPk: parent.table.primaryKey ?? 'id',
          status: has(201) ? 201 : 200,
          uses: [parent.table.insertFn, table.valuesFn, 'countRows'],
        },
      ];
    }
  }

  const itemUrl = urlFact(parts, item ? { [item]: { row: variable, field: pk } } : {});
  const missingUrl = urlFact(parts, item ? { [item]: { missing: { table: table.name, pk } } } : {});
  const collectionUrl = urlFact(parts);
  const parentArgs = parentArgsOf(table);
  const parentUses = table.parents.map((p) => p.insertFn);
  // An update of an unknown row sends the update test's valid changes: the 404 is then about the id, not a body the validator refuses first.
  const missing = (verb: string): TestCase[] => {
    if (!has(404)) return [];
    const update = verb === 'put' || verb === 'patch';
    const changes = update ? { changes: true, table: base.table, valuesFn: base.valuesFn, timestamps: base.timestamps } : { changes: false };
    const uses = ['missingId', ...(update ? [base.valuesFn, 'asApi'] : [])];
    return [
      {
        partial: 'missing',
        title: `answers 404 for an unknown ${table.singular}`,
        method: verb,
        url: missingUrl,
        bodyCheck: bodyCheck(route, 404),
        ...changes,
        uses,
      },
    ];
  };

  // A read or delete whose handler answers 400 checks its id: one that cannot be an id is refused so. Where the
  // service answers otherwise (pinned: another 4xx; left out: a success, or no answer before the test timed out).
  const invalidId = (verb: string): TestCase[] => {
    if (!item || !has(400)) return [];
    return [
      {
        partial: 'missing',
        title: `rejects an invalid ${item} with 400`,
        method: verb,
        url: collectionUrl,
        status: 400,
        bodyCheck: bodyCheck(route, 400),
        changes: false,
        noDb: true,
        speculative: true,
        uses: [],
      },
    ];
  };

  // An empty create is refused with the status the handler answers a bad body with (400, or express-validator's usual 422).
  const invalid = has(400) ? 400 : has(422) ? 422 : undefined;
  const invalidBody = (): TestCase[] =>
    invalid
      ? [
          {
            partial: 'create-invalid',
            title: `rejects an empty body with ${invalid} and stores nothing`,
            ...base,
            url: collectionUrl,
            status: invalid,
            bodyCheck: bodyCheck(route, invalid),
            uses: ['countRows'],
          },
        ]
      : [];

  if (!item && route.method === 'get') {
    const list: TestCase = { partial: 'list', title: `lists stored ${plural(table.name)}`, ...base, ...reads, url: collectionUrl, uses: [table.insertFn] };
    // The collection route is where a failing data layer is tried: one 500 case per resource.
    return failDatabase ? [list, { partial: 'server-error', title: 'answers 500 when the database fails', url: collectionUrl, failDatabase }] : [list];
  }
  const purpose = !item && route.method === 'post' ? 'create' : item && (route.method === 'put' || route.method === 'patch') ? 'update' : undefined;
  const shape = purpose ? requestShape(route, table, tables, purpose, refused) : undefined;
  if (shape?.kind === 'none') {
    const seed = item ? { seed: { variable, insertFn: table.insertFn } } : {};
    return [
      {
        partial: 'status',
        title: 'answers without a server error',
        method: route.method,
        url: item ? itemUrl : collectionUrl,
        ...seed,
        note: shape.note,
        uses: item ? [table.insertFn] : [],
      },
    ];
  }
  const requestFields = shape?.kind === 'request' ? shape.fields : undefined;
  const repaired = shape?.note ? { note: shape.note } : {};
  if (!item && route.method === 'post' && shape?.kind === 'request') {
    const view = createRequestView(route, table, shape.fields, shape.source);
    const cases: TestCase[] = [
      {
        partial: 'create-request',
        title: `creates ${withArticle(table.singular)}`,
        ...base,
        url: collectionUrl,
        status: has(201) ? 201 : 200,
        ...view,
        ...repaired,
      },
    ];
    cases.push(...invalidBody());
    // What the handler reads says which fields it requires: a body without each one is refused as an empty one is.
    if (invalid && shape.source === route.requestBody?.source) {
      for (const missing of missingFieldViews(view, shape.fields)) {
        cases.push({
          partial: 'create-missing',
          title: `rejects ${withArticle(table.singular)} without ${missing.missing} with ${invalid}`,
          ...base,
          url: collectionUrl,
          status: invalid,
          ...missing,
          speculative: true,
          uses: ['countRows'],
        });
      }
    }
    // A create that answers 404 itself looks its parent up: a key naming no row is refused so, and nothing stored.
    const orphan = has(404) ? missingParentView(view, shape.fields, table, tables) : undefined;
    if (orphan) {
      cases.push({
        partial: 'create-missing',
        title: `answers 404 when the ${orphan.parent} does not exist, and stores nothing`,
        ...base,
        url: collectionUrl,
        status: 404,
        ...orphan,
        speculative: true,
        uses: ['countRows', 'missingId'],
      });
    }
    return cases;
  }
  if (!item && route.method === 'post') {
    const documentedValues = documentedBodyValues(table, operation);
    const cases: TestCase[] = [
      {
        partial: 'create',
        title: `creates ${withArticle(table.singular)}`,
        ...base,
        url: collectionUrl,
        parentArgs,
        documentedValues,
        status: has(201) ? 201 : 200,
        uses: [table.valuesFn, 'countRows', ...parentUses],
        ...repaired,
      },
    ];
    cases.push(...invalidBody());
    return cases;
  }
  if (item && route.method === 'get')
    return [
      { partial: 'read', title: `returns the stored ${table.singular}`, ...base, ...reads, url: itemUrl, uses: [table.insertFn] },
      ...missing('get'),
      ...invalidId('get'),
    ];
  const updateView =
    item && (route.method === 'put' || route.method === 'patch') && shape?.kind === 'request'
      ? updateRequestView(route, table, shape.fields, variable, shape.source)
      : undefined;
  if (updateView) {
    const status = route.statuses.includes(200) || !has(204) ? 200 : 204;
    // The unknown row gets the same body: own columns from fresh values, foreign keys to a parent inserted for it.
    const parentValue = (column: string) => parentArgs.find((arg) => arg.name === column)?.value;
    const requestChanges = (requestFields ?? []).flatMap((field): FieldValue[] =>
      'parent' in field ? [] : [{ name: field.name, value: parentValue(field.column) ?? { values: field.column } }],
    );
    const unknownRow = missing(route.method).map((item) => ({ ...item, requestChanges, uses: ['missingId', table.valuesFn, ...parentUses] }));
    // Fields the reader requires of an update: a stored row sent an empty body is refused, and stays as it was.
    const required =
      shape?.kind === 'request' && route.requestBody?.source === shape.source
        ? (requestFields ?? []).filter((field) => !field.optional).map((field) => field.name)
        : [];
    const refusal: TestCase[] =
      invalid && required.length
        ? [
            {
              partial: 'request-refused',
              title: `rejects an empty body with ${invalid}`,
              method: route.method,
              url: itemUrl,
              status: invalid,
              requestSource: route.requestBody!.source,
              required: required.join(', '),
              stored: { table: table.name, insertFn: table.insertFn, pk, key: { row: variable, field: pk }, variable },
              speculative: true,
              uses: [table.insertFn, 'findRow'],
            },
          ]
        : [];
    return [
      {
        partial: 'update-request',
        title: `updates the ${table.singular}`,
        ...base,
        method: route.method,
        url: itemUrl,
        pk,
        status,
        ...updateView,
        echoesRequest: updateView.echoesRequest && status !== 204,
        ...repaired,
      },
      ...unknownRow,
      ...refusal,
    ];
  }
  if (item && (route.method === 'put' || route.method === 'patch')) {
    if (!table.editable.length)
      return [
        {
          partial: 'status',
          title: 'answers without a server error',
          method: route.method,
          url: itemUrl,
          seed: { variable, insertFn: table.insertFn },
          uses: [table.insertFn],
        },
      ];
    return [
      {
        partial: 'update',
        title: `updates the ${table.singular}`,
        ...base,
        method: route.method,
        url: itemUrl,
        pk,
        uses: [table.insertFn, table.valuesFn, 'findRow'],
        ...repaired,
      },
      ...missing(route.method),
    ];
  }
  if (item && route.method === 'delete') {
    const deleted = { ...base, url: itemUrl, pk, key: { row: variable, field: pk } satisfies ValueFact, status: has(204) ? 204 : 200 };
    // Where the handler deletes the row's children itself (`DELETE FROM books WHERE author_id = ?`), the row deleted has one, which must go too.
    const child = tables.find(
      (other) => other.name !== table.name && route.deletes?.includes(other.name) && other.parents.some((p) => p.table === table.name && p.references === pk),
    );
    if (child) {
      const link = child.parents.find((p) => p.table === table.name)!;
      const childVariable = local(child.singular) === variable ? `${variable}Child` : local(child.singular);
      const key: ValueFact = { row: childVariable, field: link.column };
      const removed = {
        table: child.name,
        insertFn: child.insertFn,
        variable: childVariable,
        pk: child.primaryKey ?? 'id',
        key: { row: childVariable, field: child.primaryKey ?? 'id' },
        plural: plural(child.name),
      };
      return [
        {
          partial: 'delete',
          title: `deletes the ${table.singular} and its ${plural(child.name)}`,
          ...deleted,
          url: urlFact(parts, { [item]: key }),
          key,
          child: removed,
          uses: [child.insertFn, 'findRow'],
        },
        ...missing('delete'),
      ];
    }
    return [{ partial: 'delete', title: `deletes the ${table.singular}`, ...deleted, uses: [table.insertFn, 'findRow'] }, ...missing('delete')];
  }
  return fallbackCases(route, parts, operation);
}

/**
 * Routes the schema does not explain: the literal JSON the handler sends; else, for a GET the
 * OpenAPI document describes, its documented status and body; at least no 5xx.
 */
function fallbackCases(route: Route, parts: PathSegment[], operation?: OpenApiOperation): TestCase[] {
  const url = urlFact(parts);
  if (route.method === 'get' && route.jsonLiteral) {
    const status = route.statuses.find((s) => s >= 200 && s < 300) ?? 200;
    return [
      {
        partial: 'literal',
        title: `answers ${status} with its JSON body`,
        url,
        status,
        body: Object.entries(route.jsonLiteral).map(([name, value]) => ({ name, value })),
      },
    ];
  }
  if (route.method === 'get' && operation?.successStatus && !parts.some((part) => part.param)) {
    return [
      { partial: 'documented', title: `answers ${operation.successStatus} with the body its OpenAPI schema describes`, url, status: operation.successStatus },
    ];
  }
  const observed = observedCase(route, parts, url);
  if (observed) return [observed];
  return [{ partial: 'status', title: 'answers without a server error', method: route.method, url }];
}

/**
 * A write no table stands behind (`POST /echo`, `POST /bookings` calling another service): the fields
 * its reader requires, each of a type the reader checks, sent with example values; the success status
 * its source names, and the fields its answer echoes. Left out where a field's type is unknown.
 */
function acceptedCase(route: Route, parts: PathSegment[]): TestCase | undefined {
  if (!['post', 'put', 'patch'].includes(route.method) || parts.some((part) => part.param) || !route.requestBody) return undefined;
  const fields = route.requestBody.fields.filter((field) => !field.optional);
  const status = route.statuses.find((code) => code >= 200 && code < 300);
  if (!fields.length || !status || fields.some((field) => !field.type)) return undefined;
  const payload = fields.map((field): FieldValue => ({ name: field.name, value: { example: exampleValue(field.name, field.type!) } }));
  const echoed = (route.successBody ?? []).flatMap((entry) =>
    entry.from && fields.some((field) => field.name === entry.from) ? [{ name: entry.key, from: entry.from }] : [],
  );
  const title = `answers ${status} to a body with the fields it requires`;
  return {
    partial: 'request-accepted',
    title,
    method: route.method,
    url: urlFact(parts),
    status,
    payload,
    requestSource: route.requestBody.source,
    echoed,
    speculative: true,
  };
}

/**
 * What the route answered this same request in the last run, where that is a clear promise: a GET
 * that succeeds, a write that rejects an empty request, an unknown or invalid id. The test
 * says it pins observed behaviour, for the team to confirm or tighten.
 */
function observedCase(route: Route, parts: PathSegment[], url: UrlFact): TestCase | undefined {
  const [status, ...others] = route.observed?.statuses ?? [];
  if (status === undefined || others.length) return undefined;
  const json = route.observed!.json;
  const param = parts.find((part) => part.param)?.param;
  if (route.method === 'get' && status >= 200 && status < 300)
    return { partial: 'observed', title: `answers ${status}`, method: route.method, url, status, json };
  if (route.method !== 'get' && route.method !== 'delete' && (status === 400 || status === 422)) {
    return { partial: 'observed', title: `rejects a request without a body with ${status}`, method: route.method, url, status, json };
  }
  if (status === 404 && param) return { partial: 'observed', title: `answers 404 for an unknown ${param}`, method: route.method, url, status, json };
  if ((status === 400 || status === 422) && param)
    return { partial: 'observed', title: `rejects an invalid ${param} with ${status}`, method: route.method, url, status, json };
  return undefined;
}

interface Target {
  table: TableView;
  /** Name of the path param that selects one row, for item routes. */
  item?: string;
  parent?: { table: TableView; param: string };
}

/** `/users` and `/users/:id` map to table users; `/users/:id/notes` to notes under a user. */
function resolveTable(parts: PathSegment[], tables: TableView[]): Target | undefined {
  const find = (segment: PathSegment | undefined) =>
    segment && !segment.param
      ? tables.find((t) => t.name.toLowerCase() === segment.text.toLowerCase() || singular(t.name.toLowerCase()) === singular(segment.text.toLowerCase()))
      : undefined;
  const last = parts.at(-1);
  const beforeLast = parts.at(-2);
  const collection = find(last);
  const itemTable = last?.param ? find(beforeLast) : undefined;
  const table = collection ?? itemTable;
  if (!table) return undefined;
  const tableIndex = collection ? parts.length - 1 : parts.length - 2;
  const parentParam = parts[tableIndex - 1];
  const parentTable = parentParam?.param ? find(parts[tableIndex - 2]) : undefined;
  return {
    table,
    ...(itemTable && last?.param ? { item: last.param } : {}),
    ...(parentTable && parentParam?.param ? { parent: { table: parentTable, param: parentParam.param } } : {}),
  };
}

/** How a create or update builds its body: through request names, or the columns' API names; or no way the service accepted. */
type RequestShape =
  { kind: 'request'; fields: FieldSource[]; source: string; note?: string } | { kind: 'columns'; note?: string } | { kind: 'none'; note: string };

/**
 * The body a write sends: the names the handler reads where the kit found them, else the columns'
 * API names, then the columns in camelCase. Each body the service refused with 400/422 in the kit's
 * runs (`refused` of them) moves on to the next; when none is left, the test only asks for no 5xx.
 */
function requestShape(route: Route, table: TableView, tables: readonly TableView[], purpose: 'create' | 'update', refused: number): RequestShape {
  const candidates: { shape: RequestShape; label: string }[] = [];
  const read = route.requestBody && mapRequestFields(route.requestBody, table, tables);
  if (read)
    candidates.push({ shape: { kind: 'request', fields: read, source: route.requestBody!.source }, label: `the names ${route.requestBody!.source} reads` });
  candidates.push({ shape: { kind: 'columns' }, label: 'the column names' });
  const columns = purpose === 'create' ? [...table.required.map((column) => column.name), ...table.parents.map((parent) => parent.column)] : table.editable;
  if (columns.some((column) => (table.apiFields[column] ?? column).includes('_'))) {
    const camelBody = { source: 'the columns, in camelCase', fields: columns.map((column) => ({ name: camel(column), optional: false })) };
    const fields = mapRequestFields(camelBody, table, tables);
    if (fields) candidates.push({ shape: { kind: 'request', fields, source: camelBody.source }, label: 'camelCase names' });
  }
  const tried = candidates.slice(0, refused).map((candidate) => candidate.label);
  const endpoint = formatEndpoint(route);
  const chosen = candidates[refused];
  if (!chosen) {
    return {
      kind: 'none',
      note: `${endpoint}: the service refused every body the kit could build (${tried.join('; ')}), so its test only checks for no server error; write the request the service expects in that test.`,
    };
  }
  if (!refused) return chosen.shape;
  return { ...chosen.shape, note: `${endpoint}: the service refused ${tried.join(' and ')} (400/422) in the kit's run; the test sends ${chosen.label}.` };
}

/** A query names a column by its name in the table or by the ORM's field name for it. */
function namesColumn(table: TableView, name: string, column: string): boolean {
  return name === column || name === table.apiFields[column];
}

/**
 * The answer's exact fields where a single-table SELECT names them all (`full_name AS fullName`): each
 * key with the stored row's column it comes from. Undefined where one is computed or joined in.
 */
function selectedFields(route: Route, table: TableView): AnswerField[] | undefined {
  if (!route.selected) return undefined;
  const columnOf = (name: string) => table.columns.find((column) => namesColumn(table, name, column.name))?.name;
  const fields = route.selected.map((field) => {
    const column = field.column && columnOf(field.column);
    return column ? answerField(field.name, table.apiFields[column] ?? column) : undefined;
  });
  return fields.every((field) => field !== undefined) ? fields : undefined;
}

/** The error body the handler spells out, for its assertion: its exact text, or its keys and their kinds. */
function bodyCheck(route: Route, status: number): { text: string } | { json: { name: string; kind: string }[] } | undefined {
  const body = route.errorBodies?.[status];
  if (!body) return undefined;
  if ('text' in body) return { text: body.text };
  return { json: Object.entries(body.json).map(([name, kind]) => ({ name, kind })) };
}

/** The values function's arguments for a table's required parents: a row inserted for each. */
function parentArgsOf(table: TableView): FieldValue[] {
  return table.parents.map((p) => ({ name: p.column, value: { inserted: p.insertFn, field: p.references } }));
}

function localName(name: string, taken: ReadonlySet<string>): string {
  const candidate = camel(name);
  return taken.has(candidate) ? `${candidate}Row` : candidate;
}

/**
 * Fields the operation's request body requires that the values function leaves to the database
 * (a column with a default), each with the value the document's schema gives: sent explicitly.
 */
function documentedBodyValues(table: TableView, operation: OpenApiOperation | undefined): { name: string; value: unknown }[] {
  const sent = new Set(
    [...table.required.map((column) => column.name), ...table.parents.map((parent) => parent.column)].map((column) => table.apiFields[column] ?? column),
  );
  return (operation?.requiredBody ?? [])
    .filter((field) => !sent.has(field.name) && field.value !== undefined)
    .map((field) => ({ name: field.name, value: field.value }));
}
