/** What a value of a field is in the ORM's own TypeScript types: what a factory must hand it. */
export type FieldValue = 'date' | 'string' | 'number' | 'bigint' | 'boolean' | 'other';

/** One model (table) as the project's ORM declares it: what factories create rows through. */
export interface OrmModel {
  table: string;
  /** Prisma's model, Drizzle's exported table, TypeORM's entity class, Sequelize's model class. */
  name: string;
  /** The project file that declares it, where the harness imports it from (Drizzle, TypeORM, Sequelize). */
  file?: string;
  /** Its TypeScript type can be imported by `name` from `file` (Sequelize: a class model, not a define()d one). */
  typed?: boolean;
  /** Exported as the module's default, not by name (TypeORM): factories, which import by name, leave it out. */
  defaultExport?: boolean;
  /** Sequelize's `underscored: true`: every snake_case column is its camelCase attribute, declared or added by an association. */
  underscored?: boolean;
  /** Each mapped column, by column name. */
  fields: Record<string, OrmField>;
}

export interface OrmField {
  /** The property the ORM reads and writes. */
  name: string;
  value: FieldValue;
  /** The ORM fills it itself (Prisma's @default(uuid()), @updatedAt): factories leave it out. */
  ormFilled?: boolean;
  /** An enum's values, where the ORM declares one. */
  allowed?: string[];
  /** The shortest text a validator on the model lets through (class-validator's `@Length(10, 80)`, `@MinLength(10)`). */
  minLength?: number;
}
