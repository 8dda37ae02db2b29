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
  /** The file whose sign() call gave the claims, or that reads them from the payload. */
  source: string;
  /** The service signs no token itself: the claims are those its code reads. */
  readOnly?: true;
}

// jsonwebtoken's `jwt.sign({ ... }, secret ...)` (or `sign(` imported from it).
const SIGN = /\b(?:jwt\s*\.\s*)?sign\s*\(\s*\{/g;

/**
 * The claims shape of the service's tokens: those its jsonwebtoken sign() call signs (key, from which
 * property of the user), or, where it signs none (an identity provider does), those its code reads
 * from a verified token's payload. `file` is where they were read.
 */
export interface SignedClaims {
  claims: { key: string; property: string }[];
  file: string;
  /** The service only reads these claims: tokens come from elsewhere. */
  readOnly?: true;
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

// A verified token's payload as the guard packages hand it to handlers: koa-jwt's `ctx.state.user`, express-jwt's `req.auth`, @fastify/jwt's `request.user`, hono/jwt's `c.get('jwtPayload')`.
const PAYLOAD_READ = /\b(?:ctx\s*\.\s*state\s*\.\s*user|req\s*\.\s*auth|request\s*\.\s*user|c\s*\.\s*get\s*\(\s*['"]jwtPayload['"]\s*\))\s*\??\.\s*(\w+)\b/g;

/** The claims the service's code reads from a verified token's payload, where it signs no token itself. */
export function payloadClaims(sources: SourceFiles): SignedClaims | undefined {
  const claims: SignedClaims['claims'] = [];
  let file: string | undefined;
  for (const candidate of sources.files) {
    for (const match of stripComments(sources.read(candidate)).matchAll(PAYLOAD_READ)) {
      if (claims.some((claim) => claim.key === match[1])) continue;
      claims.push({ key: match[1]!, property: match[1]! });
      file ??= candidate;
    }
  }
  return file ? { claims, file, readOnly: true } : undefined;
}

/**
 * How tests mint a token for routes whose guard verifies one with a secret from the environment, when
 * every claim names a column of one table: the claims the service's own jsonwebtoken sign() call
 * signs, or, where it issues no token, those its handlers read from the payload.
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
      ...(signed.readOnly ? { readOnly: true as const } : {}),
    };
  }
  return undefined;
}
