import type { SignInFlow } from '../detect/auth/sign-in-flow.ts';
import type { TableView } from '../db/seed-view.ts';
import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import { exampleValue } from './example-values.ts';
import { signedIn, type KeySignIn, type SignInWays } from './signed-in.ts';
import type { TokenMinting } from '../detect/auth/token-claims.ts';

/** One function of support/auth: its name, the header it sets, and where the value comes from. */
export interface CredentialView {
  name: string;
  description: string;
  /** The header as an object key. */
  header: string;
  /** The environment variable the value comes from, after `prefix`; or the whole value, quoted. */
  env?: string;
  prefix: string;
  value?: string;
  /** HTTP Basic: the user name, and the variable its password comes from. */
  basic?: { user: string; passwordEnv: string };
}

/** A request support/auth's comment shows: a guarded route, signed in with its credential. */
export function exampleRequest(
  routes: readonly Route[],
  ways: SignInWays = {},
): { signedIn: { user: true } | { credential: string }; method: string; path: string } | undefined {
  for (const route of routes) {
    const found = signedIn(route, ways);
    if (found) return { signedIn: found.user ? { user: true } : { credential: found.name }, method: route.method, path: route.path };
  }
  return undefined;
}

/** Facts for templates/harness/auth.ts.hbs, one per credential the guards check. */
export function credentialViews(signIns: readonly KeySignIn[]): CredentialView[] {
  return signIns.map(({ name, credential }): CredentialView => {
    const { header, prefix, value, source } = credential;
    const base = { name, header, prefix };
    if ('env' in value)
      return {
        ...base,
        env: value.env,
        description: `The ${header} header ${source} checks: ${prefix ? `"${prefix.trim()}" and ` : ''}${value.env}, which setup gives a test value where the environment has none.`,
      };
    if ('literal' in value) return { ...base, value: `${prefix}${value.literal}`, description: `${header} with the value ${source} compares it with.` };
    if ('basic' in value)
      return {
        ...base,
        basic: value.basic,
        description: `HTTP Basic as ${source} checks it: the user ${value.basic.user}, the password ${value.basic.passwordEnv} holds (setup gives it a test value where the environment has none).`,
      };
    return { ...base, value: `${prefix}itest-token`, description: `${header}: ${source} lets any value after "${prefix.trim()}" through.` };
  });
}

/** The password every test user registers with: long and mixed enough for the usual rules. */
export const TEST_PASSWORD = 'itest-Passw0rd!';

/** Facts for support/auth's sign-up: the routes, the registration body, where the token and the user's row are. */
export function flowView(flow: SignInFlow, tables: readonly TableView[]) {
  const identity = flow.login.fields.find((field) => field.role === 'identity')!.name;
  // The identity is new for every registration (an email where it names one); the rest are examples.
  const registerBody = flow.register.fields.map((field) => ({
    name: field.name,
    ...(field.role === 'identity'
      ? { unique: { email: /mail/i.test(identity) } }
      : { example: field.role === 'password' ? TEST_PASSWORD : exampleValue(field.name, field.type ?? 'string') }),
  }));
  return {
    identity,
    registerBody,
    registerPath: flow.register.path,
    registerStatus: flow.register.status,
    registerEndpoint: formatEndpoint({ method: 'post', path: flow.register.path }),
    loginPath: flow.login.path,
    loginStatus: flow.login.status,
    loginEndpoint: formatEndpoint({ method: 'post', path: flow.login.path }),
    ...(flow.login.token ? { token: flow.login.token } : { session: true }),
    ...usersView(flow, tables),
  };
}

/** The users table as support/auth reads the signed-in user's row: its row type and key. */
function usersView(flow: SignInFlow, tables: readonly TableView[]) {
  const users = flow.users;
  const table = users && tables.find((candidate) => candidate.name === users.table);
  if (!users || !table) return {};
  return { users: { ...users, rowType: table.rowType } };
}

/** Facts for support/auth's signedToken(): the secret's variable, the claims from a users row, and that row's seed helper. */
export function mintingView(minting: TokenMinting, tables: readonly TableView[]) {
  const table = tables.find((candidate) => candidate.name === minting.users.table);
  return {
    secretEnv: minting.secretEnv,
    source: minting.source,
    claims: minting.claims,
    claimKeys: minting.claims.map((claim) => claim.key).join(', '),
    table: minting.users.table,
    insertFn: table?.insertFn ?? 'insertRow',
    rowType: table?.rowType ?? 'Record<string, unknown>',
    primaryKey: minting.users.primaryKey,
  };
}
