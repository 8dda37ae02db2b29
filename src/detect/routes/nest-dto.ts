import type { RequestBody, RequestField } from './route.ts';
import { matchingBrace, resolveImport, type ScannedProject } from './source.ts';

/** A Nest handler's `@Body()` DTO as class-validator declares it, and whether a decorator checks any required field. */
export interface DtoBody {
  body: RequestBody;
  /** Some required field carries a class-validator decorator: a ValidationPipe refuses a body without it (400). */
  validated: boolean;
}

const PROPERTY = /(?:^|[;\n}])\s*((?:@\w+\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)\s*)*)(?:(?:public|readonly|declare)\s+)*(\w+)\s*([?!])?\s*:/g;

/** `@Body() body: CreateNoteDto` in a handler's parameters: the DTO class's fields, followed to its module. */
export function nestDtoBody(project: ScannedProject, file: string, source: string, handler: string): DtoBody | undefined {
  const dto = /@Body\s*\((?:[^()]|\([^()]*\))*\)\s*\w+\s*:\s*(\w+)\b/.exec(handler)?.[1];
  return dto ? dtoFields(project, file, source, dto, 0) : undefined;
}

function dtoFields(project: ScannedProject, from: string, fromSource: string, name: string, depth: number): DtoBody | undefined {
  if (depth > 3) return undefined;
  const file = resolveImport(project, from, fromSource, name) ?? from;
  const source = file === from ? fromSource : project.read(file);
  const declaration = new RegExp(`\\bclass\\s+${name}\\b([^{]*)\\{`).exec(source);
  if (!declaration) return undefined;
  const open = declaration.index + declaration[0].length - 1;
  const members = source.slice(open + 1, matchingBrace(source, open));
  const fields = [...members.matchAll(PROPERTY)].map((property) => ({
    name: property[2]!,
    optional: property[3] === '?' || /@IsOptional\b/.test(property[1]!),
    decorated: /@\w+/.test(property[1]!),
    ...typeOf(property[1]!, members.slice((property.index ?? 0) + property[0].length)),
  }));
  // `extends PartialType(CreateNoteDto)` makes the base's fields optional; `extends BaseDto` adds them as declared.
  // `PickType(CreateNoteDto, ['title'])` and `OmitType(...)` keep or drop the names listed.
  const heritage = /\bextends\s+(?:(PartialType|PickType|OmitType|IntersectionType)\s*\(\s*)?(\w+)(?:\s*,\s*\[([^\]]*)\])?/.exec(declaration[1]!);
  const base = heritage ? dtoFields(project, file, source, heritage[2]!, depth + 1) : undefined;
  const listed = new Set([...(heritage?.[3] ?? '').matchAll(/['"`](\w+)['"`]/g)].map((match) => match[1]!));
  const kept = (base?.body.fields ?? []).filter((field) =>
    heritage?.[1] === 'PickType' ? listed.has(field.name) : heritage?.[1] === 'OmitType' ? !listed.has(field.name) : true,
  );
  const inherited = kept.map((field) => ({ ...field, optional: field.optional || heritage?.[1] === 'PartialType', decorated: base!.validated }));
  const all = [...inherited.filter((field) => !fields.some((own) => own.name === field.name)), ...fields];
  if (!all.length) return undefined;
  return {
    body: { source: `the DTO ${name} (${file})`, fields: all.map(({ name: field, optional, type }) => ({ name: field, optional, ...(type ? { type } : {}) })) },
    validated: all.some((field) => field.decorated && !field.optional),
  };
}

/** `@IsInt()`, `@IsEmail()`, `@IsBoolean()`, or else the property's own `: number` annotation. */
function typeOf(decorators: string, annotation: string): { type?: RequestField['type'] } {
  const decorated = /@Is(Int|Number|Positive|Negative|Boolean|String|Email|Url|UUID|NotEmpty)\b/.exec(decorators)?.[1];
  if (decorated) return { type: /^(Int|Number|Positive|Negative)$/.test(decorated) ? 'number' : decorated === 'Boolean' ? 'boolean' : 'string' };
  const declared = /^\s*(string|number|boolean)\s*[;=\n]/.exec(annotation)?.[1];
  return declared ? { type: declared as RequestField['type'] } : {};
}

/** `app.useGlobalPipes(new ValidationPipe(...))` in the bootstrap, or a pipe on the handler or its `@Body()`. */
export function validatesBodies(text: string): boolean {
  return /\bnew\s+ValidationPipe\s*\(|@UsePipes\s*\(\s*ValidationPipe\b|@Body\s*\(\s*ValidationPipe\b/.test(text);
}
