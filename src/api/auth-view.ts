import { key, quote } from '../kit/literals.ts';
import type { Route } from '../detect/routes/index.ts';
import { signedIn, type SignIn } from './signed-in.ts';

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
}

/** A request support/auth's comment shows: a guarded route, signed in with its credential. */
export function exampleRequest(routes: readonly Route[]): { name: string; method: string; path: string } | undefined {
  for (const route of routes) {
    const found = signedIn(route);
    if (found) return { name: found.name, method: route.method, path: route.path };
  }
  return undefined;
}

/** Facts for templates/harness/auth.ts.hbs, one per credential the guards check. */
export function credentialViews(signIns: readonly SignIn[]): CredentialView[] {
  return signIns.map(({ name, credential }) => {
    const { header, prefix, value, source } = credential;
    const base = { name, header: key(header), prefix };
    if ('env' in value) return { ...base, env: value.env, description: `The ${header} header ${source} checks: ${prefix ? `"${prefix.trim()}" and ` : ''}${value.env}, which setup gives a test value where the environment has none.` };
    if ('literal' in value) return { ...base, value: quote(`${prefix}${value.literal}`), description: `${header} with the value ${source} compares it with.` };
    return { ...base, value: quote(`${prefix}itest-token`), description: `${header}: ${source} lets any value after "${prefix.trim()}" through.` };
  });
}
