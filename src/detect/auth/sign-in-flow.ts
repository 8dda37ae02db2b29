import { formatEndpoint, type RequestField, type Route } from '../routes/index.ts';
import type { Schema } from '../schema-sqlite.ts';

/** A field of a registration or login body, by what it holds. */
export interface FlowField {
  name: string;
  role: 'identity' | 'password' | 'other';
  type?: RequestField['type'];
}

/**
 * How a client of the service becomes a signed-in user: registers, then logs in and gets a token.
 * Read from the routes (the bodies their handlers read, the keys they answer) and the schema.
 */
export interface SignInFlow {
  register: { path: string; status: number; fields: FlowField[]; duplicate?: number; invalid?: number };
  /** The login answers a token (under `token`), or starts a session whose cookie the client sends back. */
  login: { path: string; fields: FlowField[]; token?: string; session?: true; status: number; refusal: number };
  /** The table users are stored in and the column the identity is stored in: where a test finds the signed-in user's row. */
  users?: { table: string; column: string; primaryKey: string };
}

const PASSWORD = /^pass(?:word)?$|password/i;
const IDENTITY = /^(?:e-?mail(?:address)?|username|user_?name|login)$/i;
const TOKEN = /^(?:(?:access|id|auth)_?)?token$|^jwt$/i;
const LOGIN_PATH = /\/(?:log-?in|sign-?in|sessions?|tokens?|authenticate)$/i;
const REGISTER_PATH = /\/(?:register|sign-?up|users|accounts)$/i;

function roles(route: Route): FlowField[] | undefined {
  const fields = route.requestBody?.fields;
  if (!fields?.some((field) => PASSWORD.test(field.name)) || !fields.some((field) => IDENTITY.test(field.name))) return undefined;
  const identity = fields.find((field) => IDENTITY.test(field.name))!.name;
  return fields.map((field) => ({
    name: field.name,
    role: field.name === identity ? 'identity' : PASSWORD.test(field.name) ? 'password' : 'other',
    ...(field.type ? { type: field.type } : {}),
  }));
}

/** The registration and login routes a test signs up and in through, where the service has both. */
export function signInFlow(routes: readonly Route[], schema?: Schema): SignInFlow | undefined {
  const posts = routes.filter((route) => route.method === 'post' && !route.path.includes(':'));
  const issues = (route: Route) => route.startsSession || route.successBody?.some((entry) => TOKEN.test(entry.key));
  const login = posts.find((route) => LOGIN_PATH.test(route.path) && roles(route) && issues(route));
  const register = posts.find((route) => route !== login && REGISTER_PATH.test(route.path) && roles(route));
  if (!login || !register) return undefined;
  const loginFields = roles(login)!.filter((field) => field.role !== 'other');
  const registerFields = roles(register)!;
  const identity = loginFields.find((field) => field.role === 'identity')!.name;
  if (!registerFields.some((field) => field.name === identity)) return undefined;
  const status = (route: Route, fallback: number) => route.statuses.find((code) => code >= 200 && code < 300) ?? route.redirects ?? fallback;
  const token = login.successBody?.find((entry) => TOKEN.test(entry.key))?.key;
  const refusal = login.statuses.find((code) => code === 401) ?? login.statuses.find((code) => code === 403 || code === 400) ?? 401;
  const duplicate = register.statuses.find((code) => code === 409);
  const invalid = register.statuses.find((code) => code === 400 || code === 422);
  return {
    register: {
      path: register.path,
      status: status(register, 201),
      fields: registerFields,
      ...(duplicate ? { duplicate } : {}),
      ...(invalid ? { invalid } : {}),
    },
    login: { path: login.path, fields: loginFields, ...(token ? { token } : { session: true as const }), status: status(login, 200), refusal },
    ...usersTable(schema, identity),
  };
}

/** The table with the identity's column and a password column: users. */
function usersTable(schema: Schema | undefined, identity: string): Pick<SignInFlow, 'users'> {
  const snake = identity.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  for (const table of schema?.tables ?? []) {
    const column = table.columns.find((c) => c.name === identity || c.name === snake);
    const primaryKey = table.columns.find((c) => c.primaryKey)?.name;
    if (column && primaryKey && table.columns.some((c) => PASSWORD.test(c.name))) return { users: { table: table.name, column: column.name, primaryKey } };
  }
  return {};
}

/** `POST /auth/register, POST /auth/login`: for notes. */
export function flowRoutes(flow: SignInFlow): string {
  return [formatEndpoint({ method: 'post', path: flow.register.path }), formatEndpoint({ method: 'post', path: flow.login.path })].join(', ');
}
