import { readText } from '../files.ts';
import type { FieldValue, OrmModel, OrmField } from './model.ts';

const SCALARS: Record<string, FieldValue> = {
  DateTime: 'date',
  String: 'string',
  Int: 'number',
  Float: 'number',
  Decimal: 'number',
  BigInt: 'bigint',
  Boolean: 'boolean',
};

/**
 * The models of a Prisma schema with their scalar fields, by the column each maps to (`@map`)
 * in the table `@@map` names. Relation fields (a model's type) are not columns and are left out.
 */
export function readPrismaModels(root: string, schema: string): OrmModel[] {
  const source = readText(root, schema).replace(/\/\/.*$/gm, '');
  const enums = new Map([...source.matchAll(/^\s*enum\s+(\w+)\s*\{([^}]*)\}/gm)].map((match) => [match[1]!, enumValues(match[2]!)]));
  return [...source.matchAll(/^\s*model\s+(\w+)\s*\{([^}]*)\}/gm)].map((match) => {
    const name = match[1]!;
    const body = match[2]!;
    const fields: Record<string, OrmField> = {};
    for (const line of body.split('\n')) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?\??\s*(.*)$/.exec(line);
      if (!field || field[3]) continue;
      const [, fieldName, type, , attributes] = field as unknown as [string, string, string, string | undefined, string];
      const value = SCALARS[type];
      const allowed = enums.get(type);
      if (!value && !allowed) continue;
      const column = /@map\(\s*"([^"]+)"\s*\)/.exec(attributes)?.[1] ?? fieldName;
      // Defaults the client makes (uuid(), cuid(), now()) and @updatedAt are filled by Prisma, not by SQL.
      const ormFilled = /@updatedAt\b|@default\(\s*(uuid|cuid|nanoid|ulid|now)\(/.test(attributes);
      fields[column] = { name: fieldName, value: value ?? 'string', ...(ormFilled ? { ormFilled } : {}), ...(allowed ? { allowed } : {}) };
    }
    return { table: /@@map\(\s*"([^"]+)"\s*\)/.exec(body)?.[1] ?? name, name, fields };
  });
}

/** An enum's values as the client spells them (the names; `@map` only changes what is stored). */
function enumValues(body: string): string[] {
  return body.split('\n').flatMap((line) => /^\s*(\w+)/.exec(line)?.[1] ?? []);
}
