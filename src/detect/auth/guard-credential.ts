import { conditionChecks } from '../routes/handler-facts.ts';
import { namedFunction } from '../routes/handler-source.ts';
import { AUTH_MIDDLEWARE, resolveImport, type ScannedProject } from '../routes/source.ts';
import { headerCredential, type HeaderCredential, type SessionCredential, type TokenCredential, type UnknownCredential } from './header-credential.ts';
import { bearerTokenGuard } from './jwt.ts';

/** What a guard needs from a request: a header the tests can send, a token the service issues, or something the kit cannot make yet. */
export type Credential = HeaderCredential | TokenCredential | SessionCredential | UnknownCredential;

/** A guard in front of routes (a middleware, a mount's, a hook, a Nest guard class): what it checks, where that could be read. */
export interface Guard {
  credential?: Credential;
}

export function guardWith(credential: Credential | undefined): Guard {
  return credential ? { credential } : {};
}

// A session's signed-in user: `req.session.userId`, `request.session.get('user')`, `ctx.session.user`, Passport's `req.isAuthenticated()`.
const SESSION_READ = /\b(?:req|request|ctx)\s*\.\s*session\b|\bisAuthenticated\s*\(\s*\)/;

// Schemes a static value cannot pass: a verified token, a session, a strategy.
const VERIFIED = /\bverify\w*\s*\(|\bjwt\b|\bjose\b|\bsession\b|\bpassport\b|\bgetServerSession\b|\bcurrentUser\b/i;

/**
 * The credential a guard's own code checks: its first `if (...)` that answers 401/403 and reads a
 * request header. `body` is the guard's text (a handler, a hook, a middleware function).
 */
export function checkedCredential(body: string, file: string): Credential | undefined {
  const token = bearerTokenGuard(body, file);
  if (token) return token;
  for (const check of conditionChecks(body)) {
    if (check.status !== 401 && check.status !== 403) continue;
    if (SESSION_READ.test(check.condition)) return { session: true, refusal: check.status, source: file };
    const found = headerCredential(check.condition, file, body);
    if (!found) continue;
    if ('unknown' in found) return found;
    if (VERIFIED.test(body)) return { unknown: `the guard in ${file} verifies the ${found.header} header (a signed token or a session)` };
    return { ...found, refusal: check.status };
  }
  return undefined;
}

/**
 * The credential of a guard named in a registration or a `use(...)`: `requireAuth`, `auth()`, an
 * inline hook `async (request, reply) => { ... }`. A named one is followed to its function, in this
 * file or the module it is imported from.
 */
export function guardCredential(project: ScannedProject, file: string, source: string, text: string): Credential | undefined {
  const inline = packageGuard(text, file) ?? checkedCredential(text, file);
  if (inline) return withConfigSecret(project, inline, file, source, text);
  const name = AUTH_MIDDLEWARE.exec(text)?.[0];
  if (!name || !/^\w+$/.test(name)) return name ? { unknown: `${name.replace(/\s+/g, '')} (${file}) signs requests in` } : undefined;
  const found = namedFunction(project, file, source, name) ?? decorated(project, name);
  if (!found) return { unknown: `the kit could not read what ${name} (${file}) checks` };
  const credential = checkedCredential(found.body, found.file);
  if (!credential) return { unknown: `${name} (${found.file}) checks something other than a header the kit can send` };
  return withConfigSecret(project, credential, found.file, project.read(found.file), found.body);
}

// The secret a token guard verifies with, named as a setting of the service's config: `secret: config.jwtSecret`, `jwt.verify(token, config.auth.secret)`.
const CONFIG_SECRET = /\b(?:secret\s*:|verify\w*\s*\([^,()]+,)\s*(\w+)((?:\s*\.\s*\w+)+)/;

/**
 * A token guard whose secret is a setting of the service's own config module rather than
 * `process.env.X`: the environment variable that setting reads (`jwtSecret: process.env.JWT_SECRET || 'dev'`),
 * which the harness sets before the service loads its config.
 */
function withConfigSecret(project: ScannedProject, credential: Credential, file: string, source: string, text: string): Credential {
  if (!('token' in credential) || credential.secretEnv) return credential;
  const reference = CONFIG_SECRET.exec(text);
  if (!reference) return credential;
  const module = resolveImport(project, file, source, reference[1]!);
  const setting = reference[2]!.split('.').at(-1)!.trim();
  const read = module && new RegExp(`\\b${setting}\\s*:\\s*process\\s*\\.\\s*env\\s*\\.\\s*(\\w+)`).exec(project.read(module));
  return read ? { ...credential, secretEnv: read[1]! } : credential;
}

/** Fastify's `fastify.decorate('authenticate', async (request, reply) => { ... })`, in whichever plugin adds it. */
function decorated(project: ScannedProject, name: string): { file: string; body: string } | undefined {
  const declaration = new RegExp(`\\.\\s*decorate\\s*\\(\\s*['"]${name}['"]\\s*,`);
  for (const file of project.files()) {
    const source = project.read(file);
    const match = declaration.exec(source);
    if (match) return { file, body: source.slice(match.index, match.index + 1500) };
  }
  return undefined;
}

/**
 * A middleware of a registration whose name says nothing (`app.get('/stats', requireKey, handler)`)
 * but whose code refuses a request without a header: a guard all the same. The handler (the last
 * argument) is not one.
 */
export function checkingMiddleware(project: ScannedProject, file: string, source: string, args: string): Credential | undefined {
  for (const match of args.matchAll(/,\s*(\w+)\s*(?=,)/g)) {
    const middleware = namedFunction(project, file, source, match[1]!);
    const found = middleware && checkedCredential(middleware.body, middleware.file);
    if (found) return found;
  }
  return undefined;
}

/**
 * Guards from packages, configured where they are used: koa-jwt, express-jwt and hono/jwt
 * (`jwt({ secret: process.env.JWT_SECRET })`) verify a bearer token; express-basic-auth
 * (`basicAuth({ users: { admin: process.env.ADMIN_PASSWORD } })`) checks HTTP Basic credentials.
 */
function packageGuard(text: string, file: string): Credential | undefined {
  // The secret from the environment is read here; one from the service's config, by withConfigSecret().
  const jwt = /\b(?:jwt|expressjwt|expressJwt|koaJwt)\s*\(\s*\{[^}]*?\bsecret\s*:\s*(?:process\s*\.\s*env\s*\.\s*(\w+))?/.exec(text);
  if (jwt) return { header: 'authorization', prefix: 'Bearer ', token: 'jwt', ...(jwt[1] ? { secretEnv: jwt[1] } : {}), refusal: 401, source: file };
  const basic = /\bbasicAuth\s*\(\s*\{[^]*?\busers\s*:\s*\{\s*(?:([\w]+)|(['"])([\w.@-]+)\2)\s*:\s*process\s*\.\s*env\s*\.\s*(\w+)/.exec(text);
  if (basic)
    return { header: 'authorization', prefix: 'Basic ', value: { basic: { user: basic[1] ?? basic[3]!, passwordEnv: basic[4]! } }, refusal: 401, source: file };
  return undefined;
}
