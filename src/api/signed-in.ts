import type { HeaderCredential, SessionCredential, TokenCredential } from '../detect/auth/header-credential.ts';
import type { SignInFlow } from '../detect/auth/sign-in-flow.ts';
import type { TokenMinting } from '../detect/auth/token-claims.ts';
import { allDependencies } from '../detect/package-json.ts';
import type { KitContext } from '../kit/context.ts';
import { formatEndpoint, type Route } from '../detect/routes/index.ts';
import { camel } from '../kit/names.ts';
import type { TestCase } from './cases.ts';
import { urlFact, type PathSegment } from './url.ts';

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

/** The ways tests get a signed-in user: the service's own registration and login, or a token signed as the service signs them. */
export interface SignInWays {
  flow?: SignInFlow;
  minting?: TokenMinting;
  /** The variable holding the secret token guards verify with, where jsonwebtoken can sign an expired token with it. */
  expiredWith?: string;
}

/** `STAFF_KEY` gives `staffKey()`; a literal or any token, the header's name (`apiKeyHeader()`). */
export function credentialName(credential: HeaderCredential): string {
  if ('env' in credential.value) return camel(credential.value.env.toLowerCase());
  if ('basic' in credential.value) return camel(`basic ${credential.value.basic.user}`);
  return `${camel(credential.header.replace(/^x-/, ''))}Header`;
}

/** How a test signs in to this route, where its guard checks a header the kit can send or a token the service's login issues. */
export function signedIn(route: Route, ways: SignInWays = {}): SignIn | undefined {
  const credential = route.credential;
  if (!credential || 'unknown' in credential) return undefined;
  // A verified token comes from a login that answers one, or is signed as the service signs them; a session from a login that starts one.
  if ('token' in credential) return ways.flow?.login.token || ways.minting ? { name: 'user', credential, user: true } : undefined;
  if ('session' in credential) return ways.flow?.login.session ? { name: 'user', credential, user: true } : undefined;
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
export function unknownSchemes(routes: readonly Route[], ways: SignInWays = {}): string[] {
  return [...new Set(routes.flatMap((route) => unknownReason(route, ways) ?? []))];
}

function unknownReason(route: Route, ways: SignInWays): string | undefined {
  const credential = route.credential;
  if (!credential) return undefined;
  if ('unknown' in credential) return credential.unknown;
  const flow = ways.flow;
  if ('token' in credential && !flow?.login.token && !ways.minting)
    return `${credential.source} verifies a bearer token, and the kit found neither registration and login routes to get one from nor a jsonwebtoken sign() call to sign one like`;
  if ('session' in credential && !flow?.login.session)
    return `${credential.source} needs a signed-in session, and the kit found no registration and login routes that start one`;
  return undefined;
}

/**
 * What a guarded route answers without its credential, and with a wrong one: the status its check
 * names (401/403, or either where the kit cannot read it). A guard that lets any token through
 * after a prefix has no wrong one.
 */
export function guardRefusals(route: Route, parts: PathSegment[], ways: SignInWays = {}): TestCase[] {
  const url = urlFact(parts);
  const known = signedIn(route, ways);
  const status = known?.credential.refusal;
  const shown = status ?? '401/403';
  const refusals: TestCase[] = [
    {
      partial: 'unauthorized',
      title: `refuses a request without credentials (${shown})`,
      method: route.method,
      url,
      signedInBelow: Boolean(known),
      ...(status ? { status } : {}),
    },
  ];
  if (known && !('value' in known.credential && 'any' in known.credential.value)) {
    const what = 'session' in known.credential ? 'session cookie' : known.credential.header === 'authorization' ? 'token' : known.credential.header;
    const by = known.user ? { user: true } : { credential: known.name };
    refusals.push({
      partial: 'unauthorized',
      title: `refuses a wrong ${what} (${shown})`,
      method: route.method,
      url,
      ...by,
      tampered: true,
      ...(status ? { status } : {}),
    });
  }
  // A token signed with the service's own secret that has expired: refused as a missing one is.
  if (known?.user && 'token' in known.credential && ways.expiredWith) {
    refusals.push({
      partial: 'unauthorized',
      title: `refuses an expired token (${shown})`,
      method: route.method,
      url,
      expired: true,
      authUses: ['expiredToken'],
      ...(status ? { status } : {}),
    });
  }
  return refusals;
}

/** The plan's note for routes whose guard the kit cannot pass: what it found, and how a team signs its tests in. */
export function unknownSchemeNote(reason: string, routes: readonly Route[], ways: SignInWays = {}): string {
  const guarded = routes.filter((route) => unknownReason(route, ways) === reason).map(formatEndpoint);
  return `Not tested signed in: ${guarded.join(', ')} (${reason}); their tests check the refusal without credentials. To test what they do, send a signed-in request's headers with api.as(headers).`;
}

/** The ways tests sign in that some guard needs: the user fixture and support/auth's signUp() or signedToken() are made for them. */
/** Every way the model found for tests to sign in, used or not: what decides whether a guard is named as one the kit cannot pass. */
export function signInWays(kit: Pick<KitContext, 'signIn' | 'minting'>): SignInWays {
  return { ...(kit.signIn ? { flow: kit.signIn } : {}), ...(kit.minting ? { minting: kit.minting } : {}) };
}

export function usedSignIn(kit: Pick<KitContext, 'signIn' | 'minting' | 'routes' | 'detection'>): SignInWays | undefined {
  const ways = signInWays(kit);
  const needed = kit.routes.routes.filter((route) => signedIn(route, ways)?.user);
  if (!needed.length) return undefined;
  // A token a login answers is the real flow: a minted one only stands in where there is none.
  const flowServes = needed.every((route) => signedIn(route, { ...(ways.flow ? { flow: ways.flow } : {}) })?.user);
  const used: SignInWays = flowServes ? { flow: ways.flow! } : { ...ways };
  const secret = needed.map((route) => (route.credential && 'token' in route.credential ? route.credential.secretEnv : undefined)).find(Boolean);
  // jsonwebtoken signs it: the service's own, or the one the harness adds to sign tokens it otherwise never sees.
  if (secret && (allDependencies(kit.detection.packageJson.json).jsonwebtoken || used.minting?.readOnly)) used.expiredWith = secret;
  return used;
}
