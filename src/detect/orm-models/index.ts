import type { Detection } from '../index.ts';
import type { Schema } from '../schema-sqlite.ts';
import { readDrizzleModels } from './drizzle.ts';
import { readPrismaModels } from './prisma.ts';
import { readSequelizeModels } from './sequelize.ts';
import { readTypeormModels } from './typeorm.ts';
import type { OrmModel } from './model.ts';

export type { FieldValue, OrmField, OrmModel } from './model.ts';

export type OrmName = 'prisma' | 'drizzle' | 'typeorm' | 'sequelize';

/** The ORM factories create rows through, and its models. */
export interface OrmModels {
  orm: OrmName;
  models: OrmModel[];
}

/** An ORM the project declares, its models as declared, and the files that declare them. */
export interface DeclaredModels extends OrmModels {
  source: string;
}

/** Column names the API spells differently, per table, and where that is said. */
export interface ApiNames {
  apiFields: Record<string, Record<string, string>>;
  apiFieldsSource?: string;
  /** Boolean columns the API sends as true/false where the engine stores 0/1, by table (Drizzle's boolean mode). */
  apiBooleans?: Record<string, string[]>;
}

/**
 * The models of every ORM the project declares, each read once (one parser per ORM): what the
 * API's field names and the factories are both derived from. Drizzle first: its schema module is
 * what the app's queries select through, where a project also has another ORM.
 */
export function readDeclaredModels(detection: Detection): DeclaredModels[] {
  const { root, drizzle, typeorm, prisma, sequelize } = detection;
  return [
    ...(drizzle?.schema ? [{ orm: 'drizzle' as const, models: readDrizzleModels(root, drizzle.schema, drizzle.casing), source: drizzle.schema }] : []),
    ...(typeorm ? [{ orm: 'typeorm' as const, models: readTypeormModels(root, typeorm.entityFiles), source: typeorm.entityFiles.join(', ') }] : []),
    ...(prisma ? [{ orm: 'prisma' as const, models: readPrismaModels(root, prisma.schema), source: prisma.schema }] : []),
    ...(sequelize ? [{ orm: 'sequelize' as const, models: readSequelizeModels(root, sequelize.modelFiles), source: sequelize.modelFiles.join(', ') }] : []),
  ];
}

/**
 * The models of the ORM whose client the harness builds (`orm`, else Drizzle): factories create
 * rows through that client. Undefined where the kit does not read that ORM's models yet.
 */
export function factoryModels(declared: readonly DeclaredModels[], detection: Detection, orm: string | undefined): OrmModels | undefined {
  const models = (name: OrmName) => declared.find((entry) => entry.orm === name)?.models;
  const of = (name: OrmName, chosen: OrmModel[] | undefined) => (chosen ? { orm: name, models: chosen } : undefined);
  if (orm === 'prisma') return of('prisma', models('prisma'));
  // Factories import an entity's type by its name: a default-exported class is left to the seed helper.
  if (orm === 'typeorm')
    return of(
      'typeorm',
      models('typeorm')?.filter((model) => !model.defaultExport),
    );
  // In TypeScript a define()d model creates untyped rows: its factory stays on the seed helper.
  if (orm === 'sequelize')
    return of(
      'sequelize',
      models('sequelize')?.filter((model) => detection.language !== 'ts' || model.typed),
    );
  // Drizzle over a libSQL client the service opens itself: the harness has no Drizzle client to create through, seed helpers do.
  if (!orm && !detection.libsqlModule) return of('drizzle', models('drizzle'));
  return undefined;
}

/** The shortest text a validator accepts, by table and column. */
export type MinLengths = Record<string, Record<string, number>>;

/** Every declared model's fields a validator gives a minimum length. */
export function minLengthsOf(declared: readonly DeclaredModels[]): MinLengths {
  const lengths: MinLengths = {};
  for (const model of declared.flatMap((entry) => entry.models)) {
    for (const [column, field] of Object.entries(model.fields)) if (field.minLength) (lengths[model.table] ??= {})[column] = field.minLength;
  }
  return lengths;
}

/**
 * What the API calls each column, where the ORM (the first declared) maps a property to a column of
 * another name (`@Column({ name: 'author_id' }) authorId`, `@map("course_id")`, `field:`), and the
 * boolean columns it hands back as true/false. Under Sequelize's `underscored`, every snake_case
 * column of the schema is its camelCase attribute, the foreign keys associations add included.
 */
export function apiNamesOf(declared: readonly DeclaredModels[], schema: Schema | undefined): ApiNames {
  const [first] = declared;
  if (!first) return { apiFields: {} };
  const fields: Record<string, Record<string, string>> = {};
  const booleans: Record<string, string[]> = {};
  for (const model of first.models) {
    const renames = new Map<string, string>();
    if (model.underscored) {
      for (const column of schema?.tables.find((table) => table.name === model.table)?.columns ?? []) {
        if (column.name.includes('_'))
          renames.set(
            column.name,
            column.name.replace(/_([a-z\d])/g, (_, letter: string) => letter.toUpperCase()),
          );
      }
    }
    for (const [column, field] of Object.entries(model.fields)) if (column !== field.name) renames.set(column, field.name);
    if (renames.size) fields[model.table] = Object.fromEntries(renames);
    // Only Drizzle's boolean mode hands back true/false for a 0/1 column (the other ORMs' are read from the schema).
    const flags =
      first.orm === 'drizzle'
        ? Object.entries(model.fields)
            .filter(([, field]) => field.value === 'boolean')
            .map(([column]) => column)
        : [];
    if (flags.length) booleans[model.table] = flags;
  }
  const names = { apiFields: fields, apiFieldsSource: first.source };
  return first.orm === 'drizzle' ? { ...names, apiBooleans: booleans } : names;
}
