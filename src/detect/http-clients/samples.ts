import type * as t from '@babel/types';
import { propertyKey } from './syntax.ts';

/** A JSON value a mocked service answers with; leaves are literals. */
export type Sample = string | number | boolean | null | Sample[] | { [key: string]: Sample };

/** Distinct, recognisable leaf values: a test can tell which field ended up where. */
export class SampleValues {
  #number = 0;
  string(name: string): string {
    return `sample-${name}`;
  }
  number(): number {
    this.#number += 1;
    return this.#number + 0.5;
  }
}

/** Interfaces and object type aliases a file declares, by name. */
export function declaredTypes(program: t.Program): Map<string, t.TSTypeElement[]> {
  const types = new Map<string, t.TSTypeElement[]>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (declaration.type === 'TSInterfaceDeclaration') types.set(declaration.id.name, declaration.body.body);
    if (declaration.type === 'TSTypeAliasDeclaration' && declaration.typeAnnotation.type === 'TSTypeLiteral')
      types.set(declaration.id.name, declaration.typeAnnotation.members);
  }
  return types;
}

/** A sample of a declared type: every property, nested types followed, leaves filled by kind. */
export function sampleOfType(type: t.TSType, types: Map<string, t.TSTypeElement[]>, values: SampleValues, name: string, depth = 0): Sample | undefined {
  if (depth > 6) return undefined;
  switch (type.type) {
    case 'TSStringKeyword':
      return values.string(name);
    case 'TSNumberKeyword':
      return values.number();
    case 'TSBooleanKeyword':
      return true;
    case 'TSNullKeyword':
      return null;
    case 'TSLiteralType':
      return type.literal.type === 'StringLiteral' || type.literal.type === 'NumericLiteral' || type.literal.type === 'BooleanLiteral'
        ? type.literal.value
        : undefined;
    case 'TSUnionType': {
      // `'paid' | 'failed'` → the first member; `string | null` → a string.
      const member = type.types.find((candidate) => candidate.type !== 'TSNullKeyword' && candidate.type !== 'TSUndefinedKeyword');
      return member ? sampleOfType(member, types, values, name, depth + 1) : null;
    }
    case 'TSArrayType': {
      const item = sampleOfType(type.elementType, types, values, name, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'TSTypeLiteral':
      return sampleOfMembers(type.members, types, values, depth);
    case 'TSTypeReference': {
      if (type.typeName.type !== 'Identifier') return undefined;
      if (type.typeName.name === 'Array' && type.typeParameters?.params[0]) {
        const item = sampleOfType(type.typeParameters.params[0], types, values, name, depth + 1);
        return item === undefined ? [] : [item];
      }
      const members = types.get(type.typeName.name);
      return members ? sampleOfMembers(members, types, values, depth) : undefined;
    }
    default:
      return undefined;
  }
}

function sampleOfMembers(members: t.TSTypeElement[], types: Map<string, t.TSTypeElement[]>, values: SampleValues, depth: number): Sample {
  const sample: Record<string, Sample> = {};
  for (const member of members) {
    if (member.type !== 'TSPropertySignature' || !member.typeAnnotation) continue;
    const key = propertyKey(member);
    if (key === undefined) continue;
    const value = sampleOfType(member.typeAnnotation.typeAnnotation, types, values, key, depth + 1);
    if (value !== undefined) sample[key] = value;
  }
  return sample;
}

/** Adds the fields the code reads (`data.current.temp_c`, `data.results[0].id`) that the sample lacks, as strings. */
export function withReadPaths(sample: Sample | undefined, paths: (string | number)[][], values: SampleValues): Sample {
  const root: Sample = sample !== undefined && typeof sample === 'object' && sample !== null && !Array.isArray(sample) ? sample : {};
  if (!paths.length && sample !== undefined) return sample;
  for (const path of paths) {
    // A container is an array where the next key is an index; the code reads a field of whatever it holds.
    let node: Record<string | number, Sample> = root as Record<string, Sample>;
    for (const [i, key] of path.entries()) {
      const next = path[i + 1];
      const existing = node[key];
      if (next === undefined) {
        if (existing === undefined) node[key] = values.string(String(typeof key === 'number' ? (path[i - 1] ?? 'item') : key));
      } else if (existing === undefined && next === 'length' && i === path.length - 2) {
        // `tags.length`: a list.
        node[key] = [values.string(String(key))];
        break;
      } else if (existing === undefined) {
        node = node[key] = (typeof next === 'number' ? [] : {}) as Record<string | number, Sample>;
      } else if (typeof existing === 'object' && existing !== null && Array.isArray(existing) === (typeof next === 'number')) {
        node = existing as Record<string | number, Sample>;
      } else {
        // `items.length`, `name.trim`: a read of a value the sample already has.
        break;
      }
    }
  }
  return root;
}
