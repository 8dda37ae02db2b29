import type { Credential } from '../auth/guard-credential.ts';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Route {
  method: HttpMethod;
  /** Full path including mount prefixes, in the framework's syntax (`/users/:id`). */
  path: string;
  /** File that declares the handler. */
  file: string;
  /** Status codes the handler's source mentions (res.status(404), reply.code(201), ctx.throw(400), NotFoundException). */
  statuses: number[];
  /** The first literal object the handler sends (res.json({...}), return {...}, ctx.body = {...}), when it is simple. */
  jsonLiteral?: Record<string, string | number | boolean | null>;
  /** Middleware that looks like authentication guards the route (`auth()`, `requireAuth`, `passport.authenticate`, `@UseGuards`). */
  guarded?: boolean;
  /** The table its handler's first SELECT reads (`SELECT id, email FROM users WHERE id = ?`). */
  selectsFrom?: string;
  /** Its handler signs the client in: stores a user in the session (`req.session.userId = user.id`, `req.login(user)`). */
  startsSession?: boolean;
  /** The status it redirects with (`res.redirect('/tasks')` is 302), where it does. */
  redirects?: number;
  /** Its handler reads the signed-in user (`req.user`, `ctx.state.user`): what it answers may depend on who asks. */
  readsUser?: boolean;
  /** What its guard checks, where the kit read it: a header a test can send, or why it cannot sign in. */
  credential?: Credential;
  /** Headers the handler sets to literal values (`res.set('Cache-Control', 'no-store')`, `@Header(...)`), names lower-cased; content type aside. */
  headers?: Record<string, string>;
  /** What the route answered the suite's requests in the last whole run (statuses, JSON or not): for routes the kit cannot read. */
  observed?: { statuses: number[]; json: boolean };
  /** The body the handler sends with an error status, where its source spells it out: `res.status(404).json({ error: '...' })`. */
  errorBodies?: Partial<Record<number, ErrorBody>>;
  /** The fields its request body is validated against (a zod object schema): the names a request must use. */
  requestBody?: RequestBody;
  /** The object literal it answers a success with, key by key (`{ message: 'Author has been added.', authorId: info.lastInsertRowid }`). */
  successBody?: SuccessField[];
  /** The fields its SELECT names (`SELECT id, full_name AS fullName`), where it does not select `*`. */
  selected?: SelectedField[];
  /** Fields its ORM query leaves out of the answer (`attributes: { exclude: ['password'] }`). */
  excluded?: string[];
  /** The fields of the row its INSERT/UPDATE ... RETURNING gives back, where the handler answers with that row. */
  returned?: SelectedField[];
  /** Tables its SQL deletes rows from (`DELETE FROM books WHERE author_id = ?`), beside the one the route is about. */
  deletes?: string[];
  /** The key its success answer holds the rows under (`res.json({ posts: rows })`), where it wraps them. */
  envelope?: string;
  /** Where the function the route runs is written (its own file, lines 1-based, both included): its coverage is the route's. */
  handler?: HandlerLines;
}

/** A handler's place in the source: the file and the first and last line of its function (or inline registration). */
export interface HandlerLines {
  file: string;
  from: number;
  to: number;
}

/** One field of a SELECT list: the name the answer uses, and the table's column behind it where it is one column of a single-table SELECT. */
export interface SelectedField {
  name: string;
  column?: string;
}

/** A request body's fields as its validator declares them, and where that was read. */
export interface RequestBody {
  source: string;
  fields: RequestField[];
}

/** A request field: its name, whether the request may leave it out, and its JSON type where the reader says. */
export interface RequestField {
  name: string;
  optional: boolean;
  type?: 'string' | 'number' | 'boolean';
}

/** One key of a literal success body: its literal value, when the source writes one. */
export interface SuccessField {
  key: string;
  literal?: string | number | boolean;
  /** The variable the value is (`{ email }`, `{ title: title }`): a request field, where the handler read one by that name. */
  from?: string;
}

/** A JSON object's keys and what kind of value each holds, or a literal text body. */
export type ErrorBody = { json: Record<string, 'string' | 'number' | 'any'> } | { text: string };

export interface RouteScan {
  routes: Route[];
  /** Registrations the scan saw but could not resolve (computed paths, unknown routers). */
  skipped: string[];
  /** Mount paths whose handlers the scan could not follow: they may answer any path below them. */
  opaqueMounts: string[];
  /** An authentication middleware the app uses for every path: an unknown one is refused before it is found missing. */
  guardsUnknown?: boolean;
}

/** `GET /users/:id`: how an endpoint is written in endpoints.json, the run-time cache and messages, and what identifies it. */
export function formatEndpoint(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** "POST /orders/:id" as a route from `file`, or undefined when it is not a method and a path. */
export function endpointFromText(text: string, file: string): Route | undefined {
  const [method = '', endpointPath = '', ...rest] = text.trim().split(/\s+/);
  const lower = method.toLowerCase() as HttpMethod;
  if (!HTTP_METHODS.includes(lower) || !endpointPath.startsWith('/') || rest.length) return undefined;
  return { method: lower, path: endpointPath, file, statuses: [] };
}

/** The first registration of each endpoint; later duplicates (a route registered twice) are dropped. */
export function uniqueRoutes(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = formatEndpoint(route);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function joinPath(prefix: string, route: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${route.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : '/';
}
