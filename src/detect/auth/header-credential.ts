/**
 * A guard that compares a request header with a value the tests can know: a static API key or token
 * from the environment (`request.headers['x-api-key'] !== process.env.STAFF_KEY`), a literal, or any
 * value under a scheme (`req.headers.authorization?.startsWith('Bearer ')`). Tests send it to pass.
 */
export interface HeaderCredential {
  /** The header, lower-cased (`authorization`, `x-api-key`). */
  header: string;
  /** Text the value starts with (`Bearer `). */
  prefix: string;
  /** Where the expected value comes from: an environment variable, a literal, any value at all after the prefix, or HTTP Basic's user and password. */
  value: { env: string } | { literal: string } | { any: true } | { basic: { user: string; passwordEnv: string } };
  /** The status a request without it gets, where the check says (401, 403). */
  refusal?: number;
  /** Where the check was read (a file). */
  source: string;
}

/**
 * A guard that verifies a signed bearer token (`jwt.verify(token, process.env.JWT_SECRET)`): tests pass
 * it with a token the service itself issues, through its own registration and login routes.
 */
export interface TokenCredential {
  header: 'authorization';
  prefix: 'Bearer ';
  token: 'jwt';
  /** The environment variable holding the secret it verifies with, where the call names one. */
  secretEnv?: string;
  refusal?: number;
  source: string;
}

/** A guard that lets a request through when its session holds a signed-in user (`if (!req.session.userId) return 401`). */
export interface SessionCredential {
  session: true;
  refusal?: number;
  source: string;
}

/** The guard checks something the kit cannot supply (a verified JWT, a session, a key from config). */
export interface UnknownCredential {
  unknown: string;
}

// `req.get('x-api-key')`, `req.header(...)`, `ctx.get(...)`, `c.req.header(...)`: a header read by a call.
const CALL_READ = /\b(?:req|request|ctx|c\s*\.\s*req)\s*\.\s*(?:get|header)\s*\(\s*(['"`])([\w-]+)\1\s*\)/;
// `req.headers['x-api-key']`, `request.headers.authorization`, `ctx.request.headers[...]`, `ctx.header.authorization`.
const PROPERTY_READ = /\b(?:req|request|ctx(?:\s*\.\s*request)?)\s*\.\s*headers?\s*(?:\?\.\s*|\.\s*)?(?:\[\s*(['"`])([\w-]+)\1\s*\]|(?<=\.\s*)(\w+))/;
const ENV = String.raw`process\s*\.\s*env\s*(?:\.\s*(\w+)|\[\s*['"](\w+)['"]\s*\])`;
const COMPARISON = /^\s*(?:!==?|===?)\s*/;

/** Each header `text` reads, with where the read starts and ends, in order. */
function headerReads(text: string): { header: string; start: number; end: number }[] {
  const reads = [...text.matchAll(new RegExp(CALL_READ, 'g')), ...text.matchAll(new RegExp(PROPERTY_READ, 'g'))];
  return reads
    .map((match) => ({ header: (match[2] ?? match[3] ?? '').toLowerCase(), start: match.index, end: match.index + match[0].length }))
    .filter((read) => read.header !== '')
    .sort((a, b) => a.start - b.start);
}

/** A value the header is compared with, at the start of `text`: `process.env.X`, `` `Bearer ${process.env.X}` ``, `'Bearer ' + process.env.X`, `'literal'`. */
function comparedValue(text: string): (Pick<HeaderCredential, 'prefix' | 'value'> & { length: number }) | undefined {
  const env = new RegExp(`^${ENV}`).exec(text);
  if (env) return { prefix: '', value: { env: env[1] ?? env[2]! }, length: env[0].length };
  const template = new RegExp(String.raw`^\x60([\w-]+ )?\$\{\s*${ENV}\s*\}\x60`).exec(text);
  if (template) return { prefix: template[1] ?? '', value: { env: template[2] ?? template[3]! }, length: template[0].length };
  const joined = new RegExp(String.raw`^(['"])([\w-]+ )\1\s*\+\s*${ENV}`).exec(text);
  if (joined) return { prefix: joined[2]!, value: { env: joined[3] ?? joined[4]! }, length: joined[0].length };
  const literal = /^(['"`])([\w.~+/=-]+)\1/.exec(text);
  if (literal) return { prefix: '', value: { literal: literal[2]! }, length: literal[0].length };
  return undefined;
}

/** The same, where the value is written before the comparison (`process.env.KEY !== req.get('x-api-key')`): it ends `text`. */
function comparedValueBefore(text: string): Pick<HeaderCredential, 'prefix' | 'value'> | undefined {
  const trimmed = text.trimEnd();
  for (let start = trimmed.length - 1; start >= 0; start--) {
    const found = /[p`'"]/.test(trimmed[start]!) ? comparedValue(trimmed.slice(start)) : undefined;
    if (found && start + found.length === trimmed.length) return { prefix: found.prefix, value: found.value };
  }
  return undefined;
}

/**
 * The credential an `if (...)` condition checks, read from its text: the header on one side of a
 * comparison and what it must equal on the other, or a `startsWith('Bearer ')` any token passes.
 * A read named first in the body (`const key = req.headers['x-api-key']`) counts too.
 */
export function headerCredential(condition: string, source: string, body = ''): Omit<HeaderCredential, 'refusal'> | UnknownCredential | undefined {
  const text = inlineAliases(condition, body);
  const reads = headerReads(text);
  if (!reads.length) return undefined;
  let present: Omit<HeaderCredential, 'refusal'> | undefined;
  for (const read of reads) {
    const after = text.slice(read.end);
    const prefixed = /^\s*\??\s*\.\s*startsWith\s*\(\s*(['"`])([\w-]+ )\1\s*\)/.exec(after);
    if (prefixed) return { header: read.header, prefix: prefixed[2]!, value: { any: true }, source };
    const right = COMPARISON.exec(after);
    const left = /(?:!==?|===?)\s*$/.exec(text.slice(0, read.start));
    const compared = right ? comparedValue(after.slice(right[0].length)) : left ? comparedValueBefore(text.slice(0, left.index)) : undefined;
    if (compared) return { header: read.header, prefix: compared.prefix, value: compared.value, source };
    // `!req.headers['x-api-key']` alone: any value passes, unless another part of the condition compares it.
    if (/!\s*$/.test(text.slice(0, read.start)) && /^\s*(?:$|\|\||&&|\))/.test(after))
      present ??= { header: read.header, prefix: '', value: { any: true }, source };
  }
  return present ?? { unknown: `${source} compares the ${reads[0]!.header} header with a value the kit cannot read` };
}

/** `const key = req.headers['x-api-key']` before the check: `key` in the condition is replaced by the read. */
function inlineAliases(condition: string, body: string): string {
  let text = condition;
  for (const match of body.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*([^;\n]+)/g)) {
    const [, name, value] = match;
    if (!headerReads(value!).length || !new RegExp(`\\b${name}\\b`).test(text)) continue;
    text = text.replace(new RegExp(`(?<![\\w.])${name}\\b`, 'g'), value!.trim());
  }
  return text;
}
