import type { SignInFlow } from '../detect/auth/sign-in-flow.ts';
import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import type { TableView } from '../db/seed-view.ts';
import type { TestCase } from './cases.ts';
import { signedIn, type SignInWays } from './signed-in.ts';
import { segments, urlFact, type PathSegment } from './url.ts';
import { readsFrom, USER_ID, type FieldValue, type UrlFact } from '../kit/value-facts.ts';

/**
 * Cases behind a guard the user fixture signs in to: each sent as that user, on rows it owns where the
 * table points at users; where the handler reads who asks, a list holds only the user's rows and
 * another user's row is refused (the status the handler names: 403, else 404).
 */
export function ownedCases(behind: TestCase[], route: Route, tables: readonly TableView[], ways: SignInWays): TestCase[] {
  const users = ways.flow?.users?.table ?? ways.minting?.users.table;
  const cases: TestCase[] = [];
  const own = ownRowCase(route, tables, users);
  for (const item of behind) {
    item.user = true;
    const table = tables.find((candidate) => candidate.name === item.table);
    const owner = users ? table?.parents.find((parent) => parent.table === users) : undefined;
    cases.push(item);
    if (table && table.name === users && route.readsUser && item.partial === 'delete') {
      cases.push(ownRowOnly(item, table, route));
      continue;
    }
    if (!table || !owner) continue;
    item.owner = owner.column;
    ownedByUser(item, owner.column, owner.insertFn);
    // A handler that takes the owner from who asks: the row it stores is the user's.
    if (route.readsUser && Array.isArray(item.stored) && !(item.stored as FieldValue[]).some((field) => field.name === owner.column))
      item.stored = [...(item.stored as FieldValue[]), { name: owner.column, value: USER_ID }];
    if (!route.readsUser) continue;
    const pk = table.primaryKey ?? 'id';
    const shared = { variable: item.variable, insertFn: table.insertFn, owner: owner.column, user: true, speculative: true };
    if (item.partial === 'list' && (!route.selected || route.selected.some((field) => field.column === pk))) {
      cases.push({
        partial: 'list-owned',
        title: `lists only the ${table.name} of the signed-in user`,
        ...shared,
        url: item.url,
        ...(item.envelope ? { envelope: item.envelope } : {}),
        pk,
        pkApiField: table.apiFields[pk] ?? pk,
        status: 200,
        uses: [table.insertFn],
      });
    }
    if (item.partial === 'read' || item.partial === 'delete') cases.push(foreignRowCase(item, table, route, { owner: owner.column }));
  }
  return own ? [...cases, own] : cases;
}

/**
 * Another user's row, read or deleted by the signed-in user: refused with the status the handler
 * names (403, else 404), and a row it was asked to delete kept. `whose` says how the row is another
 * user's: it points at its owner, or it is another user's own row of the users table.
 */
function foreignRowCase(item: TestCase, table: TableView, route: Route, whose: { owner: string } | { usersTable: true }): TestCase {
  const pk = table.primaryKey ?? 'id';
  const status = route.statuses.includes(403) ? 403 : 404;
  const deletes = item.partial === 'delete';
  const title = deletes ? `refuses to delete another user's ${table.singular} (${status})` : `answers ${status} for another user's ${table.singular}`;
  const kept = deletes ? { keeps: true, table: table.name, pk, key: { row: String(item.variable), field: pk } } : {};
  return {
    partial: 'foreign-row',
    title,
    variable: item.variable,
    insertFn: table.insertFn,
    ...whose,
    user: true,
    speculative: true,
    method: route.method,
    url: item.url,
    status,
    ...kept,
    uses: [table.insertFn, ...(deletes ? ['findRow'] : [])],
  };
}

/**
 * A delete on the users table whose handler reads who asks (`ctx.state.user.email !== member.email`
 * answers 403): users remove their own row, so the test deletes the signed-in user's, and another
 * user's row is refused and kept.
 */
function ownRowOnly(item: TestCase, table: TableView, route: Route): TestCase {
  const variable = String(item.variable);
  const foreign = foreignRowCase(item, table, route, { usersTable: true });
  const url = item.url as UrlFact;
  item.signedInUsersRow = true;
  item.title = `deletes the signed-in user's own ${table.singular}`;
  item.url = { pieces: url.pieces.map((piece) => ('value' in piece && readsFrom(piece.value, variable) ? { value: USER_ID } : piece)) };
  item.key = USER_ID;
  item.uses = ['findRow'];
  return foreign;
}

/**
 * `GET /me`, `GET /profile`: a handler that reads who asks and selects that user's row answers the
 * signed-in user's own row, its key the user's id.
 */
function ownRowCase(route: Route, tables: readonly TableView[], users: string | undefined): TestCase | undefined {
  const table = tables.find((candidate) => candidate.name === users);
  if (!table || route.method !== 'get' || !route.readsUser || route.selectsFrom !== users || segments(route.path).some((part) => part.param)) return undefined;
  const pk = table.primaryKey ?? 'id';
  if (route.selected && !route.selected.some((field) => field.column === pk)) return undefined;
  return {
    partial: 'own-row',
    title: `answers the signed-in user's own row (${table.name})`,
    url: urlFact(segments(route.path)),
    pkApiField: table.apiFields[pk] ?? pk,
    user: true,
    status: 200,
    speculative: true,
  };
}

/**
 * The registration and login routes of the sign-in flow, tested as a client uses them: a new user is
 * registered and stored, a second registration of the same identity refused; a registered user signs
 * in and its token passes a guard, a wrong password and an unknown identity are refused.
 */
export function flowCases(
  route: Route,
  parts: PathSegment[],
  flow: SignInFlow | undefined,
  ways: SignInWays,
  routes: readonly Route[],
): TestCase[] | undefined {
  if (!flow || route.method !== 'post') return undefined;
  const identity = flow.login.fields.find((field) => field.role === 'identity')!.name;
  const issued = flow.login.token ? { token: flow.login.token } : { session: true };
  const facts = { url: urlFact(parts), identity, ...issued };
  if (route.path === flow.register.path) {
    const users = flow.users ? { users: { table: flow.users.table, column: flow.users.column } } : {};
    const cases: TestCase[] = [
      {
        partial: 'register',
        title: 'registers a user',
        ...facts,
        ...users,
        status: flow.register.status,
        authUses: ['registration'],
        uses: flow.users ? ['findRow'] : [],
      },
    ];
    if (flow.register.duplicate) {
      cases.push({
        partial: 'register-duplicate',
        title: `refuses a second registration of the same ${identity} (${flow.register.duplicate})`,
        ...facts,
        user: true,
        status: flow.register.duplicate,
        authUses: ['registration'],
      });
    }
    if (flow.register.invalid) {
      const required = flow.register.fields.map((field) => field.name).join(', ');
      cases.push({
        partial: 'request-refused',
        title: `rejects an empty body with ${flow.register.invalid}`,
        method: 'post',
        url: facts.url,
        status: flow.register.invalid,
        requestSource: route.requestBody?.source ?? 'its handler',
        required,
      });
    }
    return cases;
  }
  if (route.path !== flow.login.path) return undefined;
  const guarded = routes.find((other) => other.method === 'get' && !segments(other.path).some((part) => part.param) && signedIn(other, ways)?.user);
  const status = flow.login.refusal;
  return [
    {
      partial: 'sign-in',
      title: `signs in a registered user, whose ${flow.login.session ? 'session' : 'token'} the service accepts`,
      ...facts,
      user: true,
      status: flow.login.status,
      ...(flow.login.session ? { authUses: ['sessionCookie'] } : {}),
      ...(guarded ? { guarded: { endpoint: formatEndpoint(guarded), method: guarded.method, url: urlFact(segments(guarded.path)) } } : {}),
    },
    { partial: 'sign-in-refused', title: `refuses a wrong password (${status})`, ...facts, user: true, wrongPassword: true, status },
    {
      partial: 'sign-in-refused',
      title: `refuses an unknown ${identity} (${status})`,
      ...facts,
      user: true,
      wrongPassword: false,
      status,
      authUses: ['registration'],
    },
  ];
}

/**
 * A create's rows and values point at the signed-in user where they would point at a new users row:
 * the users row its values function or request body needs is the user's own, not inserted.
 */
function ownedByUser(item: TestCase, ownerColumn: string, usersInsert: string): void {
  const rows = (item.parentRows as { variable: string; insertFn: string }[] | undefined) ?? [];
  const mine = rows.find((row) => row.insertFn === usersInsert);
  const toUser = (fields: unknown) =>
    (fields as FieldValue[]).map((field) =>
      field.name === ownerColumn || (mine && readsFrom(field.value, mine.variable)) ? { ...field, value: USER_ID } : field,
    );
  for (const field of ['parentArgs', 'valuesArgs', 'payload', 'stored'] as const) if (Array.isArray(item[field])) item[field] = toUser(item[field]);
  if (mine) item.parentRows = rows.filter((row) => row !== mine);
  if (Array.isArray(item.uses)) item.uses = (item.uses as string[]).filter((used) => used !== usersInsert);
}
