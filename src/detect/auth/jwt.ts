import { matchingBrace, topLevelEntries } from '../routes/source.ts';
import type { TokenCredential } from './header-credential.ts';

// jsonwebtoken's `jwt.verify(token, secret)`, jose's `jwtVerify(token, key)`, @nestjs/jwt's `verifyAsync(token, { secret })`, a bare `verify(token, secret)`.
const VERIFY = /\b(?:jwt\s*\.\s*verify|jwtVerify|verify|verifyAsync)\s*\(/;

/**
 * A guard that takes a bearer token from the Authorization header and verifies its signature: the
 * status it refuses with (its first 401/403), and the variable its secret comes from.
 */
export function bearerTokenGuard(body: string, file: string): TokenCredential | undefined {
  // @fastify/jwt's `request.jwtVerify()` reads the bearer token itself; its secret is the plugin's.
  const plugin = /\.\s*jwtVerify\s*\(\s*\)/.test(body);
  const verify = VERIFY.exec(body);
  if (!plugin && (!verify || !/\bauthorization\b/i.test(body) || !/Bearer/.test(body))) return undefined;
  // The call's second argument: the secret (`process.env.JWT_SECRET`) or options holding it (`{ secret: process.env.JWT_SECRET }`).
  const open = verify ? verify.index + verify[0].length - 1 : -1;
  const args = verify ? topLevelEntries(body.slice(open + 1, matchingBrace(body, open))) : [];
  const secretEnv = /process\s*\.\s*env\s*\.\s*(\w+)/.exec(args[1] ?? '')?.[1];
  const refusal =
    /\b(?:status|sendStatus|code|throw)\s*\(\s*(40[13])\b/.exec(body)?.[1] ?? (/\.\s*unauthorized\s*\(|Unauthorized/.test(body) ? '401' : undefined);
  return {
    header: 'authorization',
    prefix: 'Bearer ',
    token: 'jwt',
    ...(secretEnv ? { secretEnv } : {}),
    ...(refusal ? { refusal: Number(refusal) } : {}),
    source: file,
  };
}
