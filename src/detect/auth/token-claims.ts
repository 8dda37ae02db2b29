import type { SourceFiles } from '../files.ts';
import type { Schema } from '../schema-sqlite.ts';
import { matchingBrace, objectEntries, stripComments } from '../routes/source.ts';
import type { Route } from '../routes/route.ts';

/** One claim of the tokens the service signs: its key and the users column its value comes from. */
export interface Claim {
  key: string;
  column: string;
}

/**
 * Where no login route gives tests a token, they sign one as the service does: with the secret its
 * guard verifies with (an environment variable the harness sets), in the claims shape of its own
 * `jwt.sign({ sub: user.id, email: user.email }, ...)`, for a users row the test inserts.
 */
export interface TokenMinting {
  secretEnv: string;
  claims: Claim[];
  /** The users table the claims' values come from, and its key. */
  users: { table: string; primaryKey: string };
  /** The file whose sign() call gave the claims. */
  source: string;
}

// jsonwebtoken's `jwt.sign({ ... }, secret ...)` (or `sign(` imported from it).
const SIGN = /\b(?:jwt\s*\.\s*)?sign\s*\(\s*\{/g;

/** The claims of the first jsonwebtoken `sign({...}, ...)` call in the project, as `key: <row>.<column>` pairs. */
/** A jsonwebtoken sign() call of the service: the claims it signs (key, from which property of the user) and where. */
export interface SignedClaims {
  claims: { key: string; property: string }[];
  file: string;
}

export function signedClaims(sources: SourceFiles): SignedClaims | undefined {
  for (const file of sources.files) {
    const source = stripComments(sources.read(file));
    if (!/jsonwebtoken/.test(source)) continue;
    for (const match of source.matchAll(SIGN)) {
      const open = match.index + match[0].length - 1;
      const entries = objectEntries(source.slice(open + 1, matchingBrace(source, open)));
      if (!entries?.length) continue;
      const claims = entries.map(({ key, value }) => ({ key, property: value === undefined ? key : (/^\w+\s*\.\s*(\w+)$/.exec(value)?.[1] ?? '') }));
      if (claims.every((claim) => claim.property)) return { claims, file };
    }
  }
  return undefined;
}

/**
 * How tests mint a token for routes whose guard verifies one with a secret from the environment, when
 * the service has jsonwebtoken, signs tokens itself, and every claim names a column of one table.
 */
export function tokenMinting(routes: readonly Route[], signed: SignedClaims | undefined, schema: Schema | undefined): TokenMinting | undefined {
  const secretEnv = routes.map((route) => (route.credential && 'token' in route.credential ? route.credential.secretEnv : undefined)).find(Boolean);
  if (!secretEnv || !signed || !schema) return undefined;
  // The table users are stored in comes first: one with a password column, or named for its users.
  const userLike = (table: Schema['tables'][number]) => table.columns.some((c) => /password/i.test(c.name)) || /user|account|member|customer/i.test(table.name);
  for (const table of [...schema.tables].sort((a, b) => Number(userLike(b)) - Number(userLike(a)))) {
    const primaryKey = table.columns.find((column) => column.primaryKey)?.name;
    const column = (property: string) =>
      table.columns.find((c) => c.name === property || c.name === property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`))?.name;
    if (!primaryKey || !signed.claims.every((claim) => column(claim.property))) continue;
    return {
      secretEnv,
      claims: signed.claims.map((claim) => ({ key: claim.key, column: column(claim.property)! })),
      users: { table: table.name, primaryKey },
      source: signed.file,
    };
  }
  return undefined;
}
