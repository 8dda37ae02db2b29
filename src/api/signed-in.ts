import type { HeaderCredential } from '../detect/auth/header-credential.ts';
import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import { quote } from '../kit/literals.ts';
import { camel } from '../kit/names.ts';
import type { TestCase } from './cases.ts';
import { urlLiteral, type PathSegment } from './url.ts';

/** A credential support/auth exports as a function returning the headers it sends. */
export interface SignIn {
  name: string;
  credential: HeaderCredential;
}

/** `STAFF_KEY` gives `staffKey()`; a literal or any token, the header's name (`apiKeyHeader()`). */
export function credentialName(credential: HeaderCredential): string {
  if ('env' in credential.value) return camel(credential.value.env.toLowerCase());
  return `${camel(credential.header.replace(/^x-/, ''))}Header`;
}

/** How a test signs in to this route, where its guard checks a header the kit can send. */
export function signedIn(route: Route): SignIn | undefined {
  const credential = route.credential;
  if (!credential || 'unknown' in credential) return undefined;
  return { name: credentialName(credential), credential };
}

/** The credentials the routes' guards check that tests can send, one per function of support/auth. */
export function signIns(routes: readonly Route[]): SignIn[] {
  const byName = new Map<string, SignIn>();
  for (const route of routes) {
    const found = signedIn(route);
    if (found && !byName.has(found.name)) byName.set(found.name, found);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Why the kit cannot sign in to some guarded routes, once per guard: for the plan's notes. */
export function unknownSchemes(routes: readonly Route[]): string[] {
  const reasons = routes.flatMap((route) => (route.credential && 'unknown' in route.credential ? [route.credential.unknown] : []));
  return [...new Set(reasons)];
}

/**
 * What a guarded route answers without its credential, and with a wrong one: the status its check
 * names (401/403, or either where the kit cannot read it). A guard that lets any token through
 * after a prefix has no wrong one.
 */
export function guardRefusals(route: Route, parts: PathSegment[]): TestCase[] {
  const url = urlLiteral(parts);
  const known = signedIn(route);
  const status = known?.credential.refusal;
  const shown = status ?? '401/403';
  const refusals: TestCase[] = [{ partial: 'unauthorized', title: quote(`refuses a request without credentials (${shown})`), method: route.method, url, signedInBelow: Boolean(known), ...(status ? { status } : {}) }];
  if (known && !('any' in known.credential.value)) {
    const what = known.credential.header === 'authorization' ? 'token' : known.credential.header;
    refusals.push({ partial: 'unauthorized', title: quote(`refuses a wrong ${what} (${shown})`), method: route.method, url, credential: known.name, tampered: true, ...(status ? { status } : {}) });
  }
  return refusals;
}

/** The plan's note for routes whose guard the kit cannot pass: what it found, and how a team signs its tests in. */
export function unknownSchemeNote(reason: string, routes: readonly Route[]): string {
  const guarded = routes.filter((route) => route.credential && 'unknown' in route.credential && route.credential.unknown === reason).map(formatEndpoint);
  return `Not tested signed in: ${guarded.join(', ')} (${reason}); their tests check the refusal without credentials. To test what they do, send a signed-in request's headers with api.as(headers).`;
}
