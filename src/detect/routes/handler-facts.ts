import type { HandlerSource } from './handler-source.ts';
import { checkedCredential } from '../auth/guard-credential.ts';
import type { RequestBody, RequestField, Route, SelectedField, SuccessField } from './route.ts';
import { matchingBrace, objectEntries, resolveImport, topLevelEntries, type ScannedProject } from './source.ts';

/** What a handler's own source says about the request it takes and the answer it gives, beyond statuses. */
export function handlerFacts(
  project: ScannedProject,
  handler: HandlerSource,
  registration = '',
): Pick<
  Route,
  | 'requestBody'
  | 'successBody'
  | 'selected'
  | 'excluded'
  | 'returned'
  | 'envelope'
  | 'guarded'
  | 'credential'
  | 'readsUser'
  | 'selectsFrom'
  | 'startsSession'
  | 'redirects'
  | 'deletes'
> {
  const checks = conditionChecks(handler.body);
  const requestBody =
    validatedBody(project, handler) ?? schemaBody(project, handler) ?? validatorChains(registration, handler.file) ?? destructuredBody(handler, checks);
  const successBody = successBodyOf(handler.body, checks);
  const selected = selectedColumns(handler.body);
  const excluded = excludedFields(handler.body);
  const returned = returnedColumns(handler.body);
  const envelope = successBody && envelopeOf(handler.body, successBody);
  const deletes = [...new Set([...handler.body.matchAll(/\bDELETE\s+FROM\s+["`]?(\w+)["`]?/gi)].map((match) => match[1]!))];
  // A check written inline in the handler (`if (req.get('authorization') !== ...) return res.status(401)`) guards it as a middleware would.
  const guarded = checks.some((check) => (check.status === 401 || check.status === 403) && CREDENTIAL_READ.test(check.condition));
  const credential = guarded ? checkedCredential(handler.body, handler.file) : undefined;
  const readsUser = USER_READ.test(handler.body);
  const selectsFrom = /\bSELECT\s[^;'"`]*?\bFROM\s+["`]?(\w+)/i.exec(handler.body)?.[1];
  const startsSession =
    /\b(?:req|request|ctx)\s*\.\s*session\s*(?:\.\s*\w+|\[[^\]]+\])\s*=[^=]|\b(?:req|request)\s*\.\s*(?:login|logIn)\s*\(|\.\s*session\s*\.\s*set\s*\(/.test(
      handler.body,
    );
  const redirect = /\.\s*redirect\s*\(\s*(30[1278])?/.exec(handler.body);
  const redirects = redirect ? Number(redirect[1] ?? 302) : undefined;
  return {
    ...(requestBody ? { requestBody } : {}),
    ...(successBody ? { successBody } : {}),
    ...(selected ? { selected } : {}),
    ...(returned ? { returned } : {}),
    ...(excluded ? { excluded } : {}),
    ...(envelope ? { envelope } : {}),
    ...(guarded ? { guarded } : {}),
    ...(credential ? { credential } : {}),
    ...(readsUser ? { readsUser } : {}),
    ...(selectsFrom ? { selectsFrom } : {}),
    ...(startsSession ? { startsSession } : {}),
    ...(redirects ? { redirects } : {}),
    ...(deletes.length ? { deletes } : {}),
  };
}

/** `postAuthorSchema.safeParse(req.body)`, `schema.validate(req.body)`, Hono's `Schema.safeParse(await c.req.json())`: the zod, Joi or yup object schema the body is checked against, followed to its module. */
function validatedBody(project: ScannedProject, handler: HandlerSource): RequestBody | undefined {
  const schema =
    /\b(\w+)\s*\.\s*(?:safeParse|parse|safeParseAsync|parseAsync|validate|validateAsync|validateSync)\s*\(\s*(?:(?:req|request|ctx\s*\.\s*request)\s*\.\s*body\b|await\s+c\s*\.\s*req\s*\.\s*json\s*\()/.exec(
      handler.body,
    )?.[1];
  if (!schema) return undefined;
  const file = resolveImport(project, handler.file, handler.source, schema) ?? handler.file;
  const source = file === handler.file ? handler.source : project.read(file);
  const fields = validatorFields(source, schema, 0);
  return fields ? { source: `${schema} (${file})`, fields } : undefined;
}

/**
 * A Fastify route's body schema: `{ schema: { body: {...} } }`, `{ schema: createUser }` or `schema: { body: UserBody }`
 * with the object (JSON Schema or TypeBox's `Type.Object`) declared in the module or imported.
 */
function schemaBody(project: ScannedProject, handler: HandlerSource): RequestBody | undefined {
  const inline = /\bschema\s*:\s*\{[^}]*?\bbody\s*:\s*(Type\s*\.\s*(?:Object|Strict)\s*\(|\w+|\{)/.exec(handler.body);
  const named = inline ? undefined : /\bschema\s*:\s*(\w+)\b/.exec(handler.body);
  if (!inline && !named) return undefined;
  let text: string | undefined;
  let where = handler.file;
  if (inline && !/^\w+$/.test(inline[1]!)) {
    text = handler.body.slice(inline.index + inline[0].length - inline[1]!.length);
  } else {
    const name = (inline ?? named)![1]!;
    const file = resolveImport(project, handler.file, handler.source, name) ?? handler.file;
    const source = file === handler.file ? handler.source : project.read(file);
    const declaration = new RegExp(`\\b(?:const|let|var)\\s+${name}\\b[^=]*=\\s*`).exec(source);
    if (!declaration) return undefined;
    text = source.slice(declaration.index + declaration[0].length);
    where = file;
    // `{ schema: createUser }` names the whole schema: its body is inside.
    if (named) {
      const body = /^\{[^}]*?\bbody\s*:\s*/.exec(text);
      if (!body) return undefined;
      text = text.slice(body[0].length);
    }
  }
  const fields = jsonSchemaFields(text.replace(/^\s*/, ''));
  return fields ? { source: `the body schema in ${where}`, fields } : undefined;
}

/** `{ type: 'object', required: [...], properties: {...} }` or `Type.Object({ a: Type.String(), b: Type.Optional(...) })`, at the start of `text`. */
function jsonSchemaFields(text: string): RequestBody['fields'] | undefined {
  const typebox = /^Type\s*\.\s*(?:Object|Strict)\s*\(\s*\{/.exec(text);
  if (typebox) {
    const open = typebox[0].length - 1;
    const entries = objectEntries(text.slice(open + 1, matchingBrace(text, open)));
    return entries?.length
      ? entries.map(({ key, value = '' }) => ({ name: key, optional: /^Type\s*\.\s*Optional\s*\(/.test(value), ...typed(valueType(value)) }))
      : undefined;
  }
  if (!text.startsWith('{')) return undefined;
  const schema = text.slice(0, (matchingBrace(text, 0) ?? text.length) + 1);
  const properties = /\bproperties\s*:\s*\{/.exec(schema);
  if (!properties) return undefined;
  const open = properties.index + properties[0].length - 1;
  const entries = objectEntries(schema.slice(open + 1, matchingBrace(schema, open)));
  if (!entries?.length) return undefined;
  const required = /\brequired\s*:\s*\[([^\]]*)\]/.exec(schema.slice(0, open) + schema.slice(matchingBrace(schema, open) ?? open))?.[1] ?? '';
  const names = new Set([...required.matchAll(/['"`]([^'"`]+)['"`]/g)].map((match) => match[1]!));
  return entries.map(({ key, value = '' }) => ({ name: key, optional: !names.has(key), ...typed(valueType(value)) }));
}

/** express-validator chains in the route's middleware (`body('email').isEmail()`, `check('age').optional().isInt()`): the fields they check. */
function validatorChains(registration: string, file: string): RequestBody | undefined {
  const fields = [...registration.matchAll(/\b(?:body|check)\s*\(\s*(['"])(\w+)\1\s*(?:,[^)]*)?\)((?:\s*\.\s*\w+\s*\((?:[^()]|\([^()]*\))*\))*)/g)].map(
    (chain) => ({
      name: chain[2]!,
      optional: /\.\s*optional\s*\(/.test(chain[3]!),
      ...typed(valueType(chain[3]!)),
    }),
  );
  return fields.length ? { source: `the express-validator chains in ${file}`, fields } : undefined;
}

/**
 * The JSON type a field's validator text checks: zod/Joi/yup `string()`, `number()`, `boolean()`, TypeBox `Type.Integer()`,
 * JSON Schema `type: 'integer'`, express-validator `.isInt()`, `.isEmail()`.
 */
export function valueType(text: string): RequestField['type'] | undefined {
  const named =
    /\.\s*(?:coerce\s*\.\s*)?(string|email|uuid|number|int|integer|boolean|bool|isInt|isNumeric|isFloat|isDecimal|isBoolean|isString|isEmail|isURL|isUUID|Number|Integer|String|Boolean)\s*\(|\btype\s*:\s*['"](string|number|integer|boolean)['"]/.exec(
      text,
    );
  const word = (named?.[1] ?? named?.[2] ?? '').toLowerCase().replace(/^is/, '');
  if (!word) return undefined;
  if (/^(number|int|integer|numeric|float|decimal)$/.test(word)) return 'number';
  if (/^(boolean|bool)$/.test(word)) return 'boolean';
  return 'string';
}

function typed(type: RequestField['type'] | undefined): { type?: RequestField['type'] } {
  return type ? { type } : {};
}

/** An `if (...)` in the handler whose branch answers an error status: what it tests, and the status. */
export interface ConditionCheck {
  condition: string;
  status: number;
  /** Where its branch starts and ends in the handler's text. */
  branch: [number, number];
}

/** `if (!userId || !title) return res.status(400)...`, `if (req.get('authorization') !== token) { return res.status(401)... }`. */
export function conditionChecks(body: string): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  for (const match of body.matchAll(/\bif\s*\(/g)) {
    const open = match.index + match[0].length - 1;
    const close = matchingBrace(body, open);
    if (close === undefined) continue;
    const rest = body.slice(close + 1);
    const after = rest.trimStart();
    const start = close + 1 + rest.length - after.length;
    const blockEnd = after.startsWith('{') ? matchingBrace(after, 0) : undefined;
    const branch = after.startsWith('{') ? after.slice(0, (blockEnd ?? 400) + 1) : after.slice(0, Math.max(after.search(/;|\n/), 0) || 200);
    const status =
      /\b(?:status|sendStatus|code|throw)\s*\(\s*(4\d\d)\b/.exec(branch)?.[1] ??
      /\bstatus\s*=\s*(4\d\d)\b/.exec(branch)?.[1] ??
      /,\s*(4\d\d)\s*\)/.exec(branch)?.[1] ??
      namedRefusal(branch);
    if (status) checks.push({ condition: body.slice(open + 1, close), status: Number(status), branch: [start, start + branch.length] });
  }
  return checks;
}

/** `reply.unauthorized()` (@fastify/sensible), `throw new UnauthorizedException()`, `BadRequestException`: a refusal named, not numbered. */
function namedRefusal(branch: string): string | undefined {
  if (/\.\s*unauthorized\s*\(|\bUnauthorized(?:Exception|Error)\b/.test(branch)) return '401';
  if (/\.\s*forbidden\s*\(|\bForbidden(?:Exception|Error)\b/.test(branch)) return '403';
  if (/\.\s*badRequest\s*\(|\bBadRequest(?:Exception|Error)\b/.test(branch)) return '400';
  return undefined;
}

/** The signed-in user a guard put on the request: Express/Fastify `req.user`, Koa `ctx.state.user`, Hono `c.get('user')`. */
const USER_READ =
  /\b(?:req|request)\s*\.\s*(?:user|session\s*\.\s*(?:user|account)\w*)\b|\bctx\s*\.\s*state\s*\.\s*user\b|\bc\s*\.\s*get\s*\(\s*['"](?:user|jwtPayload)['"]/;

/** A credential read from the request: the Authorization header, an API key header, a bearer token. */
const CREDENTIAL_READ = /\b(?:get|header|headers)\b[\s\S]*?(?:authorization|api[-_]?key|x-[\w-]*(?:key|token))|\bauthorization\b/i;

/**
 * `const { userId, title, body = null } = req.body` (or `request.body`, `ctx.request.body`, `await c.req.json()`):
 * the names the handler reads. Those an error check tests (`if (!userId || !title) return res.status(400)`) are
 * required; the others may be left out.
 */
function destructuredBody(handler: HandlerSource, checks: readonly ConditionCheck[]): RequestBody | undefined {
  const pattern = /\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:(?:req|request|ctx\s*\.\s*request)\s*\.\s*body\b|await\s+c\s*\.\s*req\s*\.\s*json\s*\(\s*\))/;
  const match = pattern.exec(handler.body);
  const names = match
    ? topLevelEntries(match[1]!).flatMap((entry) => {
        const field = /^(\w+)\s*(?::\s*(\w+))?\s*(=)?/.exec(entry);
        return field && !entry.startsWith('...') ? [{ name: field[1]!, local: field[2] ?? field[1]!, defaulted: Boolean(field[3]) }] : [];
      })
    : // Read where used: `req.body?.message`, `request.body.title`.
      [...new Set([...handler.body.matchAll(/\b(?:req|request|ctx\s*\.\s*request)\s*\.\s*body\s*\??\.\s*(\w+)/g)].map((read) => read[1]!))].map((name) => ({
        name,
        local: `body\\s*\\??\\.\\s*${name}`,
        defaulted: false,
      }));
  if (!names.length) return undefined;
  const tested = checks.filter((check) => check.status === 400 || check.status === 422).map((check) => check.condition);
  const fields = names.map(({ name, local, defaulted }) => {
    const type = tested
      .map((condition) => new RegExp(`\\btypeof\\s+(?:\\w+\\s*\\??\\.\\s*)*${local}\\s*[!=]==?\\s*['"](string|number|boolean)['"]`).exec(condition)?.[1])
      .find(Boolean);
    return { name, optional: defaulted || !tested.some((condition) => new RegExp(`\\b${local}\\b`).test(condition)), ...typed(type as RequestField['type']) };
  });
  return { source: `the handler in ${handler.file}`, fields };
}

/** The fields of `const name = z.object({...})` / `z.strictObject({...})`, `other.partial()`, `other.extend({...})`. */
function validatorFields(source: string, name: string, depth: number): RequestBody['fields'] | undefined {
  if (depth > 3) return undefined;
  const declaration = new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*=\\s*`).exec(source);
  if (!declaration) return undefined;
  const start = declaration.index + declaration[0].length;
  const object = /^(z|Joi|yup)\s*\.\s*(?:strictObject|object|looseObject)\s*\(\s*(?:\)\s*\.\s*keys\s*\(\s*)?\{/.exec(source.slice(start));
  // zod fields are required unless marked; Joi and yup ones are optional unless `.required()`.
  const optional =
    object?.[1] === 'z'
      ? (value: string) => /\.\s*(?:optional|nullish|default)\s*\(/.test(value)
      : (value: string) => !/\.\s*(?:required|exist)\s*\(/.test(value);
  let fields: RequestBody['fields'] | undefined;
  let rest: string;
  if (object) {
    const open = start + object[0].length - 1;
    const close = matchingBrace(source, open);
    if (close === undefined) return undefined;
    fields = topLevelEntries(source.slice(open + 1, close)).flatMap((entry) => {
      const match = /^(?:(\w+)|'([^']+)'|"([^"]+)")\s*:\s*([\s\S]+)$/.exec(entry);
      return match ? [{ name: match[1] ?? match[2] ?? match[3]!, optional: optional(match[4]!), ...typed(valueType(match[4]!)) }] : [];
    });
    rest = source.slice(close + 1, close + 200);
  } else {
    const base = /^(\w+)\s*((?:\.\s*\w+\s*\([^)]*\))*)/.exec(source.slice(start));
    if (!base) return undefined;
    fields = validatorFields(source, base[1]!, depth + 1);
    rest = base[2]!;
  }
  if (!fields) return undefined;
  // `.partial()` right after the object (or the schema it derives from) makes every field optional.
  const chain = /^\s*\)?((?:\s*\.\s*\w+\s*\([^;]*?\))*)/.exec(rest)?.[1] ?? '';
  return /\.\s*partial\s*\(\s*\)/.test(chain) ? fields.map((field) => ({ ...field, optional: true })) : fields;
}

/**
 * The last success answer written as an object literal: `res.json({...})` / `res.status(2xx).json({...})`,
 * `reply.code(2xx).send({...})`, `ctx.body = {...}`, `c.json({...})`, `return {...}`. Its keys, literals where written,
 * and the variable a value is where it is one.
 */
function successBodyOf(body: string, checks: readonly ConditionCheck[]): SuccessField[] | undefined {
  const calls = [
    ...[...body.matchAll(/\b(?:res|reply)\s*(?:\.\s*(?:status|code)\s*\(\s*(\d{3})\s*\))?\s*\.\s*(?:json|send)\s*\(\s*\{/g)].filter(
      (call) => !call[1] || call[1].startsWith('2'),
    ),
    ...body.matchAll(/\bctx\s*\.\s*body\s*=\s*\{/g),
    ...body.matchAll(/\bc\s*\.\s*json\s*\(\s*\{/g),
    // Fastify and Nest answer with what the handler returns.
    ...body.matchAll(/\breturn\s+\{/g),
  ].sort((a, b) => a.index - b.index);
  for (const call of calls.reverse()) {
    // Inside an error branch, or right after `ctx.status = 400`: an error answer.
    if (checks.some(({ branch: [start, end] }) => call.index >= start && call.index < end)) continue;
    if (/\bstatus\s*=\s*[45]\d\d\s*;?\s*$/.test(body.slice(Math.max(0, call.index - 60), call.index))) continue;
    const open = call.index + call[0].length - 1;
    const close = matchingBrace(body, open);
    if (close === undefined) return undefined;
    // Hono's c.json(body, status): an error status after the object is not a success answer.
    if (/^\s*,\s*(?:[45]\d\d|[\w.]*(?:NOT_FOUND|BAD_REQUEST|UNAUTHORIZED|FORBIDDEN|CONFLICT|ERROR)\w*)/.test(body.slice(close + 1))) continue;
    const entries = objectEntries(body.slice(open + 1, close));
    if (!entries?.length) return undefined;
    return entries.map(({ key, value }) => {
      const literal =
        value === undefined
          ? undefined
          : (/^(['"])((?:(?!\1)[^\\])*)\1$/.exec(value)?.[2] ??
            (/^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value === 'true' ? true : value === 'false' ? false : undefined));
      if (literal !== undefined) return { key, literal };
      const read = value && /^(?:req|request|ctx\s*\.\s*request)\s*\.\s*body\s*\??\.\s*(\w+)$/.exec(value)?.[1];
      const from = value === undefined ? key : read ? read : /^\w+$/.test(value) && !/^(?:null|undefined|true|false)$/.test(value) ? value : undefined;
      return from ? { key, from } : { key };
    });
  }
  return undefined;
}

/**
 * The key a list answer wraps its rows in: `res.json({ posts: rows })` where `rows` holds what a query
 * returned (`const rows = db.prepare('SELECT ...').all()`, `const { rows } = await pool.query(...)`).
 */
function envelopeOf(body: string, fields: readonly SuccessField[]): string | undefined {
  const declarations = fields.flatMap((field) => {
    if (!field.from) return [];
    const declared = new RegExp(
      `\\b(?:const|let|var)\\s+(?:${field.from}\\b|\\{[^}]*\\brows\\s*:\\s*${field.from}\\b[^}]*\\}|\\{\\s*${field.from}\\s*\\})[^=]*=([^;]*)`,
    ).exec(body);
    return declared && /\bSELECT\b|\.\s*(?:all|query|find\w*|select|findMany)\s*\(/i.test(declared[1]!)
      ? [{ key: field.key, rows: /\.\s*(?:all|findAll|findMany|find)\s*\(|\brows\b/.test(declared[0]) }]
      : [];
  });
  // `{ data: rows, total }` beside a count: the rows are what a list wraps.
  const wrapped = declarations.length > 1 ? declarations.filter((declaration) => declaration.rows) : declarations;
  return wrapped.length === 1 ? wrapped[0]!.key : undefined;
}

/** Sequelize `attributes: { exclude: ['password'] }`, Prisma `omit: { password: true }`: fields the answer leaves out. */
function excludedFields(body: string): string[] | undefined {
  const exclude = /\bexclude\s*:\s*\[([^\]]*)\]/.exec(body)?.[1];
  const omit = /\bomit\s*:\s*\{([^{}]*)\}/.exec(body)?.[1];
  const names = [...(exclude?.matchAll(/(['"])(\w+)\1/g) ?? [])].map((match) => match[2]!);
  for (const entry of (omit && objectEntries(omit)) || []) if (entry.value === 'true') names.push(entry.key);
  return names.length ? names : undefined;
}

/** `INSERT ... RETURNING id, full_name AS "fullName"` answered as the row (`return rows[0]`, `res.json(result.rows[0])`): its fields. */
function returnedColumns(body: string): SelectedField[] | undefined {
  if (!/(?:\breturn\s+|\.\s*(?:send|json)\s*\(\s*)(?:\w+\s*\.\s*)?rows\s*\[\s*0\s*\]\s*[;)]/.test(body)) return undefined;
  // The statement's own quote closes the list: an alias may be quoted with another (`AS "fullName"` in '...').
  const list = /(['"`])\s*(?:INSERT\s+INTO|UPDATE)\s[^]*?\bRETURNING\s+([^]+?)\s*;?\s*\1/i.exec(body);
  return list ? fieldList(list[2]!, true) : undefined;
}

/**
 * The fields the first SELECT of the handler answers with, or undefined for `*` and what cannot be
 * named. Each names its column where it is one column of a single-table SELECT (`full_name AS fullName`).
 */
function selectedColumns(body: string): SelectedField[] | undefined {
  const select = /\bSELECT\s+(?:DISTINCT\s+)?([\s\S]+?)\s+FROM\s+([\s\S]*?)(?:\bWHERE\b|\bORDER\b|\bGROUP\b|\bLIMIT\b|['"`]|$)/i.exec(body);
  if (select) return fieldList(select[1]!, !/\bJOIN\b|,/i.test(select[2]!));
  return ormSelection(body);
}

/**
 * The fields an ORM query names instead of SQL: Knex `.select('id', 'full_name as fullName')`,
 * Sequelize `attributes: ['id', ['full_name', 'fullName']]`, Prisma `select: { id: true }`, TypeORM
 * `select: ['id']` / `select: { id: true }`, Drizzle `select({ id: posts.id })`. Each field's column is the name the query uses (a
 * column, or the ORM's field name for it); none where the query joins or includes other tables.
 */
function ormSelection(body: string): SelectedField[] | undefined {
  const joined = /\.\s*(?:join|leftJoin|innerJoin|rightJoin|with)\s*\(|\binclude\s*:|\brelations\s*:/.test(body);
  const field = (name: string, column?: string): SelectedField => (!joined && column ? { name, column } : { name });
  const knex = /\.\s*select\s*\(\s*((?:(['"])[\w.]+(?:\s+as\s+\w+)?\2\s*,?\s*)+)\)/i.exec(body);
  if (knex) {
    return [...knex[1]!.matchAll(/(['"])(?:\w+\.)?(\w+)(?:\s+as\s+(\w+))?\1/gi)].map((item) => field(item[3] ?? item[2]!, item[2]!));
  }
  const attributes = /\b(?:attributes|select)\s*:\s*\[/.exec(body);
  if (attributes) {
    const open = attributes.index + attributes[0].length - 1;
    const items = topLevelEntries(body.slice(open + 1, matchingBrace(body, open)));
    const fields = items.map((item) => {
      const plain = /^(['"])(\w+)\1$/.exec(item);
      const renamed = /^\[\s*(['"])(\w+)\1\s*,\s*(['"])(\w+)\3\s*\]$/.exec(item);
      return plain ? field(plain[2]!, plain[2]!) : renamed ? field(renamed[4]!, renamed[2]!) : undefined;
    });
    return fields.length && fields.every((item) => item !== undefined) ? fields : undefined;
  }
  // Drizzle's `db.select({ id: posts.id, title: posts.title })` and Knex's `.select({ fullName: 'full_name' })`: keys are the answer's names.
  const projection = /\.\s*select\s*\(\s*\{/.exec(body);
  if (projection) {
    const open = projection.index + projection[0].length - 1;
    const entries = objectEntries(body.slice(open + 1, matchingBrace(body, open)));
    if (!entries?.length) return undefined;
    return entries.map(({ key, value = key }) => {
      const column = /^(?:\w+\s*\.\s*)*(\w+)$/.exec(value)?.[1] ?? /^(['"])(?:\w+\.)?(\w+)\1$/.exec(value)?.[2];
      return field(key, column);
    });
  }
  // A nested `select` inside another names a relation's fields, not the answer's.
  const object = (body.match(/\bselect\s*:/g) ?? []).length === 1 ? /\bselect\s*:\s*\{([^{}]*)\}/.exec(body) : undefined;
  if (object) {
    const entries = objectEntries(object[1]!);
    if (!entries?.length || !entries.every((entry) => entry.value === 'true')) return undefined;
    return entries.map((entry) => field(entry.key, entry.key));
  }
  return undefined;
}

/** `id, t.email, full_name AS "fullName"`: each name, and its column where the list reads one table. */
function fieldList(list: string, singleTable: boolean): SelectedField[] | undefined {
  const fields: SelectedField[] = [];
  for (const item of topLevelEntries(list)) {
    if (/(^|\.)\*$/.test(item)) return undefined;
    const alias = /\s+(?:AS\s+)?["'`]?(\w+)["'`]?$/i.exec(item)?.[1];
    const reference = /^(?:["'`]?\w+["'`]?\s*\.\s*)?["'`]?(\w+)["'`]?(?:\s+(?:AS\s+)?["'`]?\w+["'`]?)?$/i.exec(item)?.[1];
    const column = /^(?:["'`]?\w+["'`]?\s*\.\s*)?["'`]?(\w+)["'`]?$/.exec(item)?.[1];
    const name = alias && !/^\w+$/.test(item) ? alias : column;
    if (!name) return undefined;
    fields.push(singleTable && reference ? { name, column: reference } : { name });
  }
  return fields.length ? fields : undefined;
}
