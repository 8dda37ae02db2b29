import type { HeaderCredential, SessionCredential, TokenCredential } from '../detect/auth/header-credential.ts';
import type { SignInFlow } from '../detect/auth/sign-in-flow.ts';
import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import { quote } from '../kit/literals.ts';
import { camel } from '../kit/names.ts';
import type { TestCase } from './cases.ts';
import { urlLiteral, type PathSegment } from './url.ts';

/**
 * How tests pass a guard: a support/auth function returning the headers of a static credential, or
 * (`user`) the user fixture, registered and signed in through the service's own routes.
 */
export type SignIn = KeySignIn | { name: 'user'; credential: TokenCredential | SessionCredential; user: true };

/** A support/auth function returning a static credential's headers. */
export interface KeySignIn {
  name: string;
  credential: HeaderCredential;
  user?: undefined;
}

/** `STAFF_KEY` gives `staffKey()`; a literal or any token, the header's name (`apiKeyHeader()`). */
export function credentialName(credential: HeaderCredential): string {
  if ('env' in credential.value) return camel(credential.value.env.toLowerCase());
  return `${camel(credential.header.replace(/^x-/, ''))}Header`;
}

/** How a test signs in to this route, where its guard checks a header the kit can send or a token the service's login issues. */
export function signedIn(route: Route, flow?: SignInFlow): SignIn | undefined {
  const credential = route.credential;
  if (!credential || 'unknown' in credential) return undefined;
  // A verified token comes from a login that answers one; a session from a login that starts one.
  if ('token' in credential) return flow?.login.token ? { name: 'user', credential, user: true } : undefined;
  if ('session' in credential) return flow?.login.session ? { name: 'user', credential, user: true } : undefined;
  return { name: credentialName(credential), credential };
}

/** The static credentials the routes' guards check, one per function of support/auth. */
export function signIns(routes: readonly Route[]): KeySignIn[] {
  const byName = new Map<string, KeySignIn>();
  for (const route of routes) {
    const found = signedIn(route);
    if (found && !found.user && !byName.has(found.name)) byName.set(found.name, found);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Why the kit cannot sign in to some guarded routes, once per guard: for the plan's notes. */
export function unknownSchemes(routes: readonly Route[], flow?: SignInFlow): string[] {
  return [...new Set(routes.flatMap((route) => unknownReason(route, flow) ?? []))];
}

function unknownReason(route: Route, flow: SignInFlow | undefined): string | undefined {
  const credential = route.credential;
  if (!credential) return undefined;
  if ('unknown' in credential) return credential.unknown;
  if ('token' in credential && !flow?.login.token) return `${credential.source} verifies a bearer token, and the kit found no registration and login routes to get one from`;
  if ('session' in credential && !flow?.login.session) return `${credential.source} needs a signed-in session, and the kit found no registration and login routes that start one`;
  return undefined;
}

/**
 * What a guarded route answers without its credential, and with a wrong one: the status its check
 * names (401/403, or either where the kit cannot read it). A guard that lets any token through
 * after a prefix has no wrong one.
 */
export function guardRefusals(route: Route, parts: PathSegment[], flow?: SignInFlow): TestCase[] {
  const url = urlLiteral(parts);
  const known = signedIn(route, flow);
  const status = known?.credential.refusal;
  const shown = status ?? '401/403';
  const refusals: TestCase[] = [{ partial: 'unauthorized', title: quote(`refuses a request without credentials (${shown})`), method: route.method, url, signedInBelow: Boolean(known), ...(status ? { status } : {}) }];
  if (known && !('value' in known.credential && 'any' in known.credential.value)) {
    const what = 'session' in known.credential ? 'session cookie' : known.credential.header === 'authorization' ? 'token' : known.credential.header;
    const by = known.user ? { user: true } : { credential: known.name };
    refusals.push({ partial: 'unauthorized', title: quote(`refuses a wrong ${what} (${shown})`), method: route.method, url, ...by, tampered: true, ...(status ? { status } : {}) });
  }
  return refusals;
}

/** The plan's note for routes whose guard the kit cannot pass: what it found, and how a team signs its tests in. */
export function unknownSchemeNote(reason: string, routes: readonly Route[], flow?: SignInFlow): string {
  const guarded = routes.filter((route) => unknownReason(route, flow) === reason).map(formatEndpoint);
  return `Not tested signed in: ${guarded.join(', ')} (${reason}); their tests check the refusal without credentials. To test what they do, send a signed-in request's headers with api.as(headers).`;
}

/** The sign-in flow, where some guard verifies the token it gives: the user fixture and support/auth's signUp() are made for it. */
export function usedSignIn(kit: { signIn?: SignInFlow; routes: { routes: readonly Route[] } }): SignInFlow | undefined {
  const flow = kit.signIn;
  return flow && kit.routes.routes.some((route) => signedIn(route, flow)?.user) ? flow : undefined;
}
