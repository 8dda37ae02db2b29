import type { TokenCredential } from './header-credential.ts';

// jsonwebtoken's `jwt.verify(token, secret)`, jose's `jwtVerify(token, key)`, a bare `verify(token, secret)` imported from either.
const VERIFY = /\b(?:jwt\s*\.\s*verify|jwtVerify|verify)\s*\(\s*([\w.[\]'"]+)\s*,\s*([^,)]+)/;

/**
 * A guard that takes a bearer token from the Authorization header and verifies its signature: the
 * status it refuses with (its first 401/403), and the variable its secret comes from.
 */
export function bearerTokenGuard(body: string, file: string): TokenCredential | undefined {
  const verify = VERIFY.exec(body);
  if (!verify || !/\bauthorization\b/i.test(body) || !/Bearer/.test(body)) return undefined;
  const secretEnv = /process\s*\.\s*env\s*\.\s*(\w+)/.exec(verify[2]!)?.[1];
  const refusal = /\b(?:status|sendStatus|code|throw)\s*\(\s*(40[13])\b/.exec(body)?.[1] ?? (/\.\s*unauthorized\s*\(|Unauthorized/.test(body) ? '401' : undefined);
  return { header: 'authorization', prefix: 'Bearer ', token: 'jwt', ...(secretEnv ? { secretEnv } : {}), ...(refusal ? { refusal: Number(refusal) } : {}), source: file };
}
