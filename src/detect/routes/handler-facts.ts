import type { HandlerSource } from './handler-source.ts';
import type { RequestBody, Route, SuccessField } from './route.ts';
import { matchingBrace, objectEntries, resolveImport, topLevelEntries, type ScannedProject } from './source.ts';

/** What a handler's own source says about the request it takes and the answer it gives, beyond statuses. */
export function handlerFacts(project: ScannedProject, handler: HandlerSource): Pick<Route, 'requestBody' | 'successBody' | 'selected'> {
  const requestBody = requestBodyOf(project, handler);
  const successBody = successBodyOf(handler.body);
  const selected = selectedColumns(handler.body);
  return { ...(requestBody ? { requestBody } : {}), ...(successBody ? { successBody } : {}), ...(selected ? { selected } : {}) };
}

/** `postAuthorSchema.safeParse(req.body)`: the zod object schema the body is checked against, followed to its module. */
function requestBodyOf(project: ScannedProject, handler: HandlerSource): RequestBody | undefined {
  const schema = /\b(\w+)\s*\.\s*(?:safeParse|parse|safeParseAsync|parseAsync)\s*\(\s*(?:req|request|ctx\s*\.\s*request)\s*\.\s*body\b/.exec(handler.body)?.[1];
  if (!schema) return undefined;
  const file = resolveImport(project, handler.file, handler.source, schema) ?? handler.file;
  const source = file === handler.file ? handler.source : project.read(file);
  const fields = zodFields(source, schema, 0);
  return fields ? { source: `${file} ${schema}`, fields } : undefined;
}

/** The fields of `const name = z.object({...})` / `z.strictObject({...})`, `other.partial()`, `other.extend({...})`. */
function zodFields(source: string, name: string, depth: number): RequestBody['fields'] | undefined {
  if (depth > 3) return undefined;
  const declaration = new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*=\\s*`).exec(source);
  if (!declaration) return undefined;
  const start = declaration.index + declaration[0].length;
  const object = /^z\s*\.\s*(?:strictObject|object|looseObject)\s*\(\s*\{/.exec(source.slice(start));
  let fields: RequestBody['fields'] | undefined;
  let rest: string;
  if (object) {
    const open = start + object[0].length - 1;
    const close = matchingBrace(source, open);
    if (close === undefined) return undefined;
    fields = topLevelEntries(source.slice(open + 1, close)).flatMap((entry) => {
      const match = /^(?:(\w+)|'([^']+)'|"([^"]+)")\s*:\s*([\s\S]+)$/.exec(entry);
      return match ? [{ name: match[1] ?? match[2] ?? match[3]!, optional: /\.\s*(?:optional|nullish|default)\s*\(/.test(match[4]!) }] : [];
    });
    rest = source.slice(close + 1, close + 200);
  } else {
    const base = /^(\w+)\s*((?:\.\s*\w+\s*\([^)]*\))*)/.exec(source.slice(start));
    if (!base) return undefined;
    fields = zodFields(source, base[1]!, depth + 1);
    rest = base[2]!;
  }
  if (!fields) return undefined;
  // `.partial()` right after the object (or the schema it derives from) makes every field optional.
  const chain = /^\s*\)?((?:\s*\.\s*\w+\s*\([^;]*?\))*)/.exec(rest)?.[1] ?? '';
  return /\.\s*partial\s*\(\s*\)/.test(chain) ? fields.map((field) => ({ ...field, optional: true })) : fields;
}

/** The last `res.json({...})` / `res.status(2xx).json({...})` / `.send({...})` with an object literal: its keys, literals where written. */
function successBodyOf(body: string): SuccessField[] | undefined {
  const calls = [...body.matchAll(/\bres\s*(?:\.\s*status\s*\(\s*(\d{3})\s*\))?\s*\.\s*(?:json|send)\s*\(\s*\{/g)].filter((call) => !call[1] || call[1].startsWith('2'));
  const call = calls.at(-1);
  if (!call) return undefined;
  const open = call.index + call[0].length - 1;
  const close = matchingBrace(body, open);
  if (close === undefined) return undefined;
  const entries = objectEntries(body.slice(open + 1, close));
  if (!entries?.length) return undefined;
  return entries.map(({ key, value }) => {
    const literal = value === undefined ? undefined : /^(['"])((?:(?!\1)[^\\])*)\1$/.exec(value)?.[2] ?? (/^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value === 'true' ? true : value === 'false' ? false : undefined);
    return literal === undefined ? { key } : { key, literal };
  });
}

/** The names the first SELECT of the handler gives its columns, or undefined for `*` and what cannot be named. */
function selectedColumns(body: string): string[] | undefined {
  const list = /\bSELECT\s+(?:DISTINCT\s+)?([\s\S]+?)\s+FROM\b/i.exec(body)?.[1];
  if (!list) return undefined;
  const names: string[] = [];
  for (const item of topLevelEntries(list)) {
    if (/(^|\.)\*$/.test(item)) return undefined;
    const alias = /\s+(?:AS\s+)?["'`]?(\w+)["'`]?$/i.exec(item)?.[1];
    const column = /^(?:["'`]?\w+["'`]?\s*\.\s*)?["'`]?(\w+)["'`]?$/.exec(item)?.[1];
    const name = alias && !/^\w+$/.test(item) ? alias : column;
    if (!name) return undefined;
    names.push(name);
  }
  return names.length ? names : undefined;
}
