import { describe, expect, test } from 'vitest';
import { planApiTests } from '../../src/api/cases.ts';
import { mapRequestFields } from '../../src/api/request-cases.ts';
import { segments, urlFact } from '../../src/api/url.ts';
import { urlCode } from '../../src/kit/spelling.ts';
import type { TableView } from '../../src/db/seed-view.ts';
import { USERS } from '../support/table-views.ts';
import type { Route } from '../../src/detect/routes/index.ts';
import { quote, unquote } from '../../src/kit/literals.ts';

const route = (method: Route['method'], path: string, statuses: number[] = []): Route => ({ method, path, file: 'app.ts', statuses });

const users: TableView = { ...USERS, editable: ['email'] };
const notes: TableView = {
  ...users,
  name: 'notes',
  singular: 'note',
  rowType: 'NoteRow',
  valuesFn: 'noteValues',
  insertFn: 'insertNote',
  parents: [{ column: 'user_id', table: 'users', insertFn: 'insertUser', references: 'id' }],
};

describe('URL literals survive any route string', () => {
  test.each([
    ['/users/:id', { id: { row: 'user', field: 'id' } }, '`/users/${user.id}`'],
    ["/it's", {}, "'/it\\'s'"],
    ['/a`b/:id', { id: { row: 'x', field: 'id' } }, '`/a\\`b/${x.id}`'],
    ['/files/*path', {}, "'/files/example'"],
    ['/n/:id(\\d+)', { id: { row: 'x', field: 'id' } }, '`/n/${x.id}`'],
    ['/users/:id', { id: { missing: { table: 'users', pk: 'id' } } }, "`/users/${missingId(db, 'users', 'id')}`"],
    ['/opt{/:page}', {}, "'/opt'"],
    ['/caf\u00e9/\u{1F600}', {}, "'/caf\u00e9/\u{1F600}'"],
  ])('%s', (path, values, expected) => {
    expect(urlCode(urlFact(segments(path), values), false)).toBe(expected);
  });

  test('quote escapes what would end or corrupt a string, and unquote gives it back', () => {
    expect(quote("a'b\\c\n")).toBe("'a\\'b\\\\c\\n'");
    expect(unquote(quote("a'b\\c\n\u2028"))).toBe("a'b\\c\n\u2028");
  });
});

describe('planApiTests', () => {
  test("a validator's names are matched to columns, foreign keys and the referenced row's columns", () => {
    const author: TableView = {
      ...users,
      name: 'author',
      singular: 'author',
      primaryKey: 'author_id',
      insertFn: 'insertAuthor',
      columns: [
        { name: 'author_id', tsType: 'number' },
        { name: 'first_name', tsType: 'string' },
      ],
    };
    const book: TableView = {
      ...users,
      name: 'book',
      singular: 'book',
      primaryKey: 'book_id',
      insertFn: 'insertBook',
      valuesFn: 'bookValues',
      columns: ['book_id', 'title', 'author_id'].map((name) => ({ name, tsType: 'string' })),
      parents: [{ column: 'author_id', table: 'author', insertFn: 'insertAuthor', references: 'author_id' }],
    };
    const fields = (names: [string, boolean][]) => ({ source: 'v.js s', fields: names.map(([name, optional]) => ({ name, optional })) });
    expect(
      mapRequestFields(
        fields([
          ['title', false],
          ['authorFirstName', false],
          ['note', true],
        ]),
        book,
        [author, book],
      ),
    ).toEqual([
      { name: 'title', column: 'title', optional: false },
      { name: 'authorFirstName', parent: book.parents[0], column: 'first_name', optional: false },
    ]);
    expect(mapRequestFields(fields([['authorId', false]]), book, [author, book])).toEqual([{ name: 'authorId', column: 'author_id', optional: false }]);
    // A required field that names nothing: no body the validator would accept can be built.
    expect(mapRequestFields(fields([['isbn', false]]), book, [author, book])).toBeUndefined();
  });

  test('each body the service refused moves a write on to the next shape: read names, column names, camelCase, then only no 5xx', () => {
    const tags: TableView = {
      ...users,
      name: 'tags',
      singular: 'tag',
      insertFn: 'insertTag',
      valuesFn: 'tagValues',
      columns: ['id', 'display_name'].map((name) => ({ name, tsType: 'string' })),
      required: [{ name: 'display_name', value: { only: 'x' }, unique: false }],
      editable: ['display_name'],
    };
    const create: Route = {
      ...route('post', '/tags', [201, 400]),
      requestBody: {
        source: 'the handler in app.ts',
        fields: [
          { name: 'label', optional: false },
          { name: 'display_name', optional: false },
        ],
      },
    };
    const plan = (refused: number) => {
      const [file] = planApiTests([create], [tags], { refusedShapes: new Map([['POST /tags', refused]]) });
      const [first] = file!.routes[0]!.cases;
      return { partial: first!.partial, source: first!.requestSource, note: first!.note };
    };
    // `label` names no column: the handler's names give no body; the column names come first.
    expect(plan(0)).toEqual({ partial: 'create', source: undefined, note: undefined });
    expect(plan(1)).toEqual({
      partial: 'create-request',
      source: 'the columns, in camelCase',
      note: expect.stringContaining('POST /tags: the service refused the column names (400/422)'),
    });
    expect(plan(2)).toEqual({ partial: 'status', source: undefined, note: expect.stringContaining('refused every body the kit could build') });
  });

  test('a case in which the service answered 5xx in the last run is a known failure; the rest stay tests', () => {
    const findings = [
      { file: 'test/integration/api/users.test.ts', test: 'GET /api/users/:id > returns the stored user', request: 'GET /api/users/1', status: 500 },
    ];
    const [file] = planApiTests([route('get', '/api/users/:id', [404])], [users], { findings });
    const cases = file!.routes[0]!.cases;
    expect(cases.map((item) => [item.partial, item.testCall, item.finding])).toEqual([
      ['read', 'test.fails', "GET /api/users/1 answered 500 in the kit's run"],
      ['missing', 'test', undefined],
    ]);
  });

  test('a create whose reader requires fields is refused without each one; a field the service does without is left out, with a note', () => {
    const posts: TableView = {
      ...users,
      name: 'posts',
      singular: 'post',
      insertFn: 'insertPost',
      valuesFn: 'postValues',
      columns: ['id', 'title', 'body', 'summary'].map((name) => ({ name, tsType: 'string' })),
      required: ['title', 'body'].map((name) => ({ name, value: { only: 'x' }, unique: false })),
      editable: ['title', 'body', 'summary'],
    };
    const fields = [
      { name: 'title', optional: false },
      { name: 'body', optional: false },
      { name: 'summary', optional: true },
    ];
    const create: Route = { ...route('post', '/posts', [201, 400]), requestBody: { source: 'NewPost (app.ts)', fields } };
    const plan = (pinnedStatuses = new Map<string, number>()) => planApiTests([create], [posts], { pinnedStatuses })[0]!;
    const missing = plan().routes[0]!.cases.filter((item) => item.partial === 'create-missing');
    expect(missing.map((item) => [item.title, item.status, (item.payload as { name: string }[]).map((entry) => entry.name)])).toEqual([
      ['rejects a post without title with 400', 400, ['body']],
      ['rejects a post without body with 400', 400, ['title']],
    ]);
    const accepted = plan(new Map([['POST /posts > rejects a post without body with 400', 201]]));
    expect(accepted.routes[0]!.cases.map((item) => item.title)).not.toContain('rejects a post without body with 400');
    expect(accepted.notes).toEqual([
      expect.stringContaining(
        'POST /posts > rejects a post without body with 400: the service accepted the body without body (201) although NewPost (app.ts) requires it',
      ),
    ]);
  });

  test('a write no table stands behind sends the fields its reader requires, typed; unknown types or a refusal leave it to the fallback', () => {
    const echo: Route = {
      ...route('post', '/echo', [201, 400]),
      requestBody: {
        source: 'the handler in app.ts',
        fields: [
          { name: 'message', optional: false, type: 'string' },
          { name: 'count', optional: false, type: 'number' },
          { name: 'note', optional: true },
        ],
      },
      successBody: [{ key: 'message', from: 'message' }],
    };
    const [accepted] = planApiTests([echo], [], {})[0]!.routes[0]!.cases;
    expect(accepted).toMatchObject({
      partial: 'request-accepted',
      status: 201,
      payload: [
        { name: 'message', value: { example: 'example message' } },
        { name: 'count', value: { example: 1 } },
      ],
      echoed: [{ name: 'message', from: 'message' }],
    });
    const untyped: Route = { ...echo, requestBody: { source: 'x', fields: [{ name: 'message', optional: false }] } };
    expect(planApiTests([untyped], [], {})[0]!.routes[0]!.cases.map((item) => item.partial)).toEqual(['status']);
    const refused = planApiTests([echo], [], { refusedShapes: new Map([['POST /echo', 1]]) })[0]!.routes[0]!.cases;
    expect(refused.map((item) => [item.partial, item.note])).toEqual([
      ['status', expect.stringContaining('POST /echo: the service refused the body built from the handler in app.ts')],
    ]);
  });

  test('a create that answers 404 itself is sent a foreign key naming no parent row, and must answer 404', () => {
    const create: Route = {
      ...route('post', '/notes', [201, 400, 404]),
      requestBody: {
        source: 'the handler in app.ts',
        fields: [
          { name: 'user_id', optional: false },
          { name: 'title', optional: false },
        ],
      },
    };
    const withTitle: TableView = {
      ...notes,
      columns: ['id', 'user_id', 'title'].map((name) => ({ name, tsType: 'string' })),
      required: [{ name: 'title', value: { only: 'x' }, unique: false }],
    };
    const cases = planApiTests([create], [users, withTitle], {})[0]!.routes[0]!.cases;
    const orphan = cases.find((item) => item.parent);
    expect(orphan).toMatchObject({
      partial: 'create-missing',
      status: 404,
      title: 'answers 404 when the user does not exist, and stores nothing',
      missing: 'user_id',
      needsValues: true,
    });
    expect(orphan!.payload).toContainEqual({ name: 'user_id', value: { missing: { table: 'users', pk: 'id' } } });
  });

  test("a delete whose handler deletes the row's children stores one under it and expects both gone", () => {
    const remove: Route = { ...route('delete', '/users/:id', [204, 404]), deletes: ['notes', 'users'] };
    const [file] = planApiTests([remove], [users, notes], {});
    const [deleted] = file!.routes[0]!.cases;
    expect(deleted).toMatchObject({
      partial: 'delete',
      status: 204,
      url: { pieces: [{ text: 'users' }, { value: { row: 'note', field: 'user_id' } }] },
      key: { row: 'note', field: 'user_id' },
      child: { table: 'notes', insertFn: 'insertNote', key: { row: 'note', field: 'id' } },
    });
    // Without the handler's word, the row is deleted alone.
    const [alone] = planApiTests([route('delete', '/users/:id', [204, 404])], [users, notes], {})[0]!.routes[0]!.cases;
    expect(alone).toMatchObject({ partial: 'delete', key: { row: 'user', field: 'id' } });
    expect(alone!.child).toBeUndefined();
  });

  test('a status the service contradicted is pinned where it means the same (a success for a success, a refusal for a refusal), and said', () => {
    const pinnedStatuses = new Map([
      ['POST /users > creates a user', 200],
      ['GET /users/:id > answers 404 for an unknown user', 400],
      ['GET /users/:id > returns the stored user', 404],
    ]);
    const [file] = planApiTests([route('post', '/users', [201]), route('get', '/users/:id', [404])], [users], { pinnedStatuses });
    const cases = file!.routes.flatMap((tests) => tests.cases);
    expect(cases.map((item) => [item.partial, item.status, item.title, item.pinned])).toEqual([
      ['create', 200, 'creates a user', "the kit read 201 from the source; the service answered 200 in the kit's run"],
      ['read', 200, 'returns the stored user', undefined],
      ['missing', 400, 'answers 400 for an unknown user', "the kit read 404 from the source; the service answered 400 in the kit's run"],
    ]);
    expect(cases[0]!.note).toBe(
      "POST /users > creates a user: the kit read 201 from the source; the service answered 200 in the kit's run, and the test asserts 200 (observed).",
    );
  });

  test('a read whose answer held the row otherwise is pinned to the fields as answered, only where its status held', () => {
    const tags: TableView = {
      ...users,
      name: 'tags',
      singular: 'tag',
      insertFn: 'insertTag',
      columns: ['id', 'display_name', 'created_at', 'secret'].map((name) => ({ name, tsType: 'string' })),
    };
    const fields = { held: ['id'], absent: ['secret'], renamed: { display_name: 'displayName', created_at: 'createdAt' }, types: { createdAt: 'String' } };
    const plan = (answered: number) =>
      planApiTests([route('get', '/tags/:id', [404])], [tags], {
        pinnedStatuses: new Map([['GET /tags/:id > returns the stored tag', answered]]),
        pinnedFields: new Map([['GET /tags/:id > returns the stored tag', { fields }]]),
      })[0]!.routes[0]!.cases[0]!;
    const read = plan(200);
    expect(read.selectedFields).toEqual([
      { name: 'id', from: 'id' },
      { name: 'displayName', from: 'display_name' },
      { name: 'createdAt', from: 'created_at', type: 'String' },
    ]);
    expect(read).toMatchObject({ containing: true, observedFields: true });
    expect(read.note).toBe(
      "GET /tags/:id > returns the stored tag: the service answered display_name as displayName, created_at as createdAt (a String, not the stored value) and left out secret in the kit's run; the test asserts the fields as answered (observed).",
    );
    // Another status: the answer was not the row, its fields say nothing.
    expect(plan(500).selectedFields).toBeUndefined();
  });

  test('a create whose answer echoed the body otherwise expects the echo as answered', () => {
    const echo = { held: ['email'], absent: ['password'], renamed: { full_name: 'fullName' }, types: { createdAt: 'String' } };
    const [create] = planApiTests([route('post', '/users', [201])], [users], {
      pinnedStatuses: new Map([['POST /users > creates a user', 201]]),
      pinnedFields: new Map([['POST /users > creates a user', { echo }]]),
    })[0]!.routes[0]!.cases;
    expect(create!.echoFields).toEqual([
      { name: 'email', from: 'email' },
      { name: 'fullName', from: 'full_name' },
      { name: 'createdAt', from: 'createdAt', type: 'String' },
    ]);
    expect(create!.note).toBe(
      "POST /users > creates a user: of the body sent, the service answered full_name as fullName, createdAt (a String, not the value sent) and left out password in the kit's run; the test expects the echo as answered (observed).",
    );
  });

  test('a read that answers 400 gets an id that cannot be one: pinned to another refusal, left out where the service never answered', () => {
    const plan = (answered?: number) =>
      planApiTests([route('get', '/users/:id', [400, 404])], [users], {
        pinnedStatuses: new Map(answered === undefined ? [] : [['GET /users/:id > rejects an invalid id with 400', answered]]),
      })[0]!;
    const invalid = (file: ReturnType<typeof plan>) => file.routes[0]!.cases.find((item) => item.title.includes('invalid id'));
    expect(invalid(plan())).toMatchObject({
      partial: 'missing',
      status: 400,
      url: { pieces: [{ text: 'users' }, { text: 'example' }] },
      noDb: true,
      speculative: true,
    });
    expect(invalid(plan(422))).toMatchObject({ status: 422 });
    const unanswered = plan(0);
    expect(invalid(unanswered)).toBeUndefined();
    expect(unanswered.notes).toEqual([
      'GET /users/:id > rejects an invalid id with 400: the service did not answer before the test timed out, where the kit read 400; the test is left out. A possible defect: a request the service cannot serve should still get an answer.',
    ]);
  });

  test('a request the kit believes valid left unanswered is a known failure that says so', () => {
    const findings = [
      { file: 'test/integration/api/users.test.ts', test: 'GET /users/:id > returns the stored user', request: 'GET /users/1', status: 0, contradicted: true },
    ];
    const [read] = planApiTests([route('get', '/users/:id')], [users], {
      findings,
      pinnedStatuses: new Map([['GET /users/:id > returns the stored user', 0]]),
    })[0]!.routes[0]!.cases;
    expect(read).toMatchObject({
      partial: 'read',
      testCall: 'test.fails',
      status: 200,
      finding: "GET /users/1 did not answer before the test timed out in the kit's run",
    });
  });

  test('one file per resource; CRUD routes become data-aware cases', () => {
    const files = planApiTests(
      [
        route('get', '/api/users'),
        route('post', '/api/users', [201, 400]),
        route('get', '/api/users/:id', [404]),
        route('delete', '/api/users/:id', [204]),
        route('get', '/health'),
      ],
      [users],
    );
    expect(files.map((f) => f.name)).toEqual(['health', 'users']);
    const usersFile = files[1]!;
    expect(usersFile.routes.map((r) => r.cases.map((c) => c.partial))).toEqual([['list'], ['create', 'create-invalid'], ['read', 'missing'], ['delete']]);
    expect(usersFile.routes[1]!.cases[0]).toMatchObject({ status: 201 });
    expect(usersFile.routes[3]!.cases[0]).toMatchObject({
      status: 204,
      url: { pieces: [{ text: 'api' }, { text: 'users' }, { value: { row: 'user', field: 'id' } }] },
    });
    expect(usersFile.seedImportList).toBe('asApi, countRows, findRow, insertUser, missingId, userValues');
  });

  test('nested routes use the foreign key to the parent', () => {
    const [file] = planApiTests([route('get', '/users/:userId/notes'), route('post', '/users/:userId/notes', [201])], [users, notes]);
    expect(file!.routes[0]!.cases[0]).toMatchObject({
      partial: 'nested-list',
      url: { pieces: [{ text: 'users' }, { value: { row: 'note', field: 'user_id' } }, { text: 'notes' }] },
    });
    expect(file!.routes[1]!.cases[0]).toMatchObject({
      partial: 'nested-create',
      url: { pieces: [{ text: 'users' }, { value: { row: 'user', field: 'id' } }, { text: 'notes' }] },
      status: 201,
    });
  });

  test('routes without a table fall back to what the handler shows, never to nothing', () => {
    const files = planApiTests([{ ...route('get', '/health'), jsonLiteral: { status: 'ok' } }, route('post', '/webhooks/:source')], []);
    expect(files.flatMap((f) => f.routes.flatMap((r) => r.cases.map((c) => c.partial)))).toEqual(['literal', 'status']);
  });
});

describe('routes the kit cannot read, by what they answered in the last run', () => {
  const observed = (method: Route['method'], path: string, statuses: number[], json = true): Route => ({
    ...route(method, path),
    observed: { statuses, json },
  });
  const partials = (r: Route) => planApiTests([r], []).flatMap((file) => file.routes.flatMap((x) => x.cases.map((c) => [c.partial, c.title, c.status])));

  test('a GET that succeeded, a write that refused an empty body, an unknown id: pinned, to confirm', () => {
    expect(partials(observed('get', '/reports', [200]))).toEqual([['observed', 'answers 200', 200]]);
    expect(partials(observed('post', '/login', [400]))).toEqual([['observed', 'rejects a request without a body with 400', 400]]);
    expect(partials(observed('get', '/files/:name', [404]))).toEqual([['observed', 'answers 404 for an unknown name', 404]]);
  });

  test('only 401/403 seen: guarded, whatever the scan saw; mixed or server errors stay "no 5xx"', () => {
    expect(partials(observed('delete', '/tasks/:id', [401]))).toEqual([['unauthorized', 'refuses a request without credentials (401/403)', undefined]]);
    expect(partials(observed('get', '/a', [200, 404]))[0]?.[0]).toBe('status');
    expect(partials(observed('get', '/b', [500]))[0]?.[0]).toBe('status');
  });
});
