import { describe, expect, test } from 'vitest';
import { DIALECTS } from '../../src/db/dialects.ts';
import { factoryCreate, ormImports } from '../../src/db/factory-create.ts';
import { factoryViews } from '../../src/db/factory-view.ts';
import { tableViews } from '../../src/db/seed-view.ts';
import { withMinLengths } from '../../src/db/validated-lengths.ts';
import type { Detection } from '../../src/detect/index.ts';
import { readDrizzleModels } from '../../src/detect/orm-models/drizzle.ts';
import { apiNamesOf, factoryModels, minLengthsOf } from '../../src/detect/orm-models/index.ts';
import { readPrismaModels } from '../../src/detect/orm-models/prisma.ts';
import { readSequelizeModels } from '../../src/detect/orm-models/sequelize.ts';
import { readTypeormModels } from '../../src/detect/orm-models/typeorm.ts';
import { parseSqlSchema } from '../../src/detect/schema-ddl.ts';
import { tempProject } from '../support/temp-project.ts';

const DDL = `
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "accounts" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "email" VARCHAR(120) NOT NULL UNIQUE,
  "role" "Role" NOT NULL,
  "balance" DECIMAL(10, 2) NOT NULL,
  "visits" BIGINT NOT NULL,
  "verified" BOOLEAN NOT NULL,
  "joined_at" TIMESTAMP(3) NOT NULL,
  "updated_at" TIMESTAMP(3) NOT NULL
);
CREATE TABLE "sessions" (
  "id" SERIAL PRIMARY KEY,
  "account_id" TEXT NOT NULL REFERENCES "accounts" ("id"),
  "token" TEXT NOT NULL UNIQUE
);`;

const PRISMA = `
enum Role {
  USER
  ADMIN @map("admin")
}

model Account {
  id        String    @id @default(uuid())
  email     String    @unique // the login
  role      Role
  balance   Decimal   @db.Decimal(10, 2)
  visits    BigInt
  verified  Boolean
  joinedAt  DateTime  @map("joined_at")
  updatedAt DateTime  @updatedAt @map("updated_at")
  sessions  Session[]

  @@map("accounts")
}

model Session {
  id        Int     @id @default(autoincrement())
  accountId String  @map("account_id")
  token     String  @unique
  account   Account @relation(fields: [accountId], references: [id])

  @@map("sessions")
}
`;

function schemaOf(root: string) {
  return parseSqlSchema(root, { kind: 'folder', path: 'migrations', files: ['migrations/001.sql'] } as never);
}

describe('Prisma models', () => {
  const root = tempProject({ 'migrations/001.sql': DDL, 'prisma/schema.prisma': PRISMA });
  const models = readPrismaModels(root, 'prisma/schema.prisma');

  test('are read with their table, field names by column, value types, enums and what Prisma fills itself', () => {
    const account = models.find((model) => model.name === 'Account')!;
    expect(account.table).toBe('accounts');
    expect(account.fields.joined_at).toEqual({ name: 'joinedAt', value: 'date' });
    expect(account.fields.id).toEqual({ name: 'id', value: 'string', ormFilled: true });
    expect(account.fields.updated_at).toMatchObject({ name: 'updatedAt', ormFilled: true });
    // The client takes an enum's names; @map only changes what is stored.
    expect(account.fields.role).toEqual({ name: 'role', value: 'string', allowed: ['USER', 'ADMIN'] });
    expect(account.fields.visits!.value).toBe('bigint');
    // A relation field is not a column.
    expect(Object.values(account.fields).map((field) => field.name)).not.toContain('sessions');
  });

  const schema = schemaOf(root);
  const views = factoryViews(schema.tables, tableViews(schema), DIALECTS.postgres, { models });
  const [accounts, sessions] = [views.find((view) => view.table === 'accounts')!, views.find((view) => view.table === 'sessions')!];

  test('make factories that speak the client: field names, Dates, bigints, booleans, enum values', () => {
    expect(Object.fromEntries(accounts.fields.map((field) => [field.name, field.value]))).toEqual({
      email: expect.objectContaining({ from: { numbered: expect.objectContaining({ shape: 'email' }) } }),
      role: { from: { pick: { values: ['USER', 'ADMIN'], bySequence: false, asConst: true } } },
      balance: { from: { draw: { faker: 'number.float', options: { min: 1, max: 1000, fractionDigits: 2 } } } },
      visits: { from: { draw: { faker: 'number.int', options: { min: 1, max: 1000 } } }, as: 'BigInt' },
      verified: { from: { draw: { faker: 'datatype.boolean' } } },
      joinedAt: { from: { draw: { faker: 'date.past' } } },
    });
  });

  test('create() goes through the client, making the referenced row through its factory', () => {
    const create = factoryCreate(sessions, { orm: 'prisma', models }, 'postgres');
    expect(create.store).toEqual({ prisma: { delegate: 'session', model: 'Session' } });
    expect(sessions.parents).toMatchObject([{ field: 'accountId', factoryName: 'accountFactory', referencesField: 'id' }]);
    // build() makes the create input with accountId optional, under this name.
    expect(create.valuesType).toBe('SessionValues');
    expect(ormImports({ orm: 'prisma', models }, () => '@prisma/client', 'postgres', views)).toEqual({
      types: [{ names: 'Account, Prisma, Session', specifier: '@prisma/client' }],
    });
  });

  test('a unique enum column cycles through its values', () => {
    const unique = {
      ...schema,
      tables: schema.tables.map((table) => ({ ...table, columns: table.columns.map((c) => (c.name === 'role' ? { ...c, unique: true } : c)) })),
    };
    const [typed] = factoryViews(unique.tables, tableViews(unique), DIALECTS.postgres, { models });
    expect(typed!.fields.find((field) => field.name === 'role')!.value).toEqual({
      from: { pick: { values: ['USER', 'ADMIN'], bySequence: true, asConst: true } },
    });
  });
});

describe('Drizzle tables', () => {
  const SCHEMA = `
import { boolean, date, integer, numeric, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';

export const authors = pgTable('authors', {
  id: serial('id').primaryKey(),
  handle: varchar('handle', { length: 64 }).notNull().unique(),
  slug: text().notNull().$defaultFn(() => 'x'),
});

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  authorId: integer('author_id').notNull().references(() => authors.id),
  score: numeric('score', { precision: 5, scale: 1 }),
  shownOn: date('shown_on'),
  editedAt: timestamp('edited_at', { mode: 'string' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  draft: boolean('draft').notNull(),
});
`;
  const root = tempProject({ 'src/schema.ts': SCHEMA });
  const models = readDrizzleModels(root, 'src/schema.ts');

  test('are read from the exported tables, each column by its name (the property where none is given)', () => {
    expect(models.map((model) => [model.name, model.table])).toEqual([
      ['authors', 'authors'],
      ['posts', 'posts'],
    ]);
    expect(models[0]!.fields.slug).toEqual({ name: 'slug', value: 'string', ormFilled: true });
    const posts = models[1]!.fields;
    expect(posts.author_id).toEqual({ name: 'authorId', value: 'number' });
    expect([posts.score!.value, posts.shown_on!.value, posts.edited_at!.value, posts.published_at!.value, posts.draft!.value]).toEqual([
      'string',
      'string',
      'string',
      'date',
      'boolean',
    ]);
  });

  test('create() inserts through drizzle, returning the row; MySQL reads it back by the key drizzle returns', () => {
    const ddl = `CREATE TABLE "authors" ("id" SERIAL PRIMARY KEY, "handle" VARCHAR(64) NOT NULL UNIQUE, "slug" TEXT NOT NULL);
CREATE TABLE "posts" ("id" SERIAL PRIMARY KEY, "author_id" INTEGER NOT NULL REFERENCES "authors" ("id"), "draft" BOOLEAN NOT NULL);`;
    const schema = schemaOf(tempProject({ 'migrations/001.sql': ddl }));
    const views = factoryViews(schema.tables, tableViews(schema), DIALECTS.postgres, { models });
    const [authors, posts] = views;
    expect(authors!.fields.map((field) => field.name)).toEqual(['handle']);
    const orm = { orm: 'drizzle' as const, models };
    // Postgres answers the row (RETURNING); MySQL the new key, by which the row is read back.
    expect(factoryCreate(posts!, orm, 'postgres').store).toEqual({ drizzle: { table: 'posts' } });
    expect(factoryCreate(posts!, orm, 'mysql').store).toEqual({ drizzle: { table: 'posts', byKey: 'id' } });
    expect(ormImports(orm, () => '../../src/schema.js', 'mysql', views)).toEqual({ eq: true, schema: '../../src/schema.js', types: [] });
  });
});

describe('TypeORM entities', () => {
  const root = tempProject({
    'src/entities/Book.ts': `
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'books' })
export class Book {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('varchar', { name: 'isbn_code', unique: true })
  isbn: string;

  @Column({ type: 'timestamp', nullable: true })
  printedAt: Date | null;

  @Column({ name: 'author_id' })
  authorId: number;

  @ManyToOne('Author')
  @JoinColumn({ name: 'author_id' })
  author: unknown;

  @CreateDateColumn()
  createdAt: Date;
}

@Entity()
export class ShelfItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;
}

@Entity('hidden')
class Hidden {
  @Column()
  name: string;
}
`,
  });
  const models = readTypeormModels(root, ['src/entities/Book.ts']);

  test('are the exported @Entity classes, each column property by its column name', () => {
    expect(models.map((model) => [model.name, model.table])).toEqual([
      ['Book', 'books'],
      ['ShelfItem', 'shelf_item'],
    ]);
    expect(models[0]!.fields).toEqual({
      id: { name: 'id', value: 'number' },
      isbn_code: { name: 'isbn', value: 'string' },
      printedAt: { name: 'printedAt', value: 'date' },
      author_id: { name: 'authorId', value: 'number' },
      createdAt: { name: 'createdAt', value: 'date', ormFilled: true },
    });
    expect(models[1]!.fields.id).toEqual({ name: 'id', value: 'string', ormFilled: true });
  });

  test('a default-exported entity names its columns for the API, and is left to the seed helper by factories', () => {
    const dir = tempProject({ 'src/Tag.ts': "@Entity('tags')\nexport default class Tag {\n  @Column({ name: 'tag_label' }) label: string;\n}\n" });
    const declared = [{ orm: 'typeorm' as const, models: [...models, ...readTypeormModels(dir, ['src/Tag.ts'])], source: 'src/entities/Book.ts, src/Tag.ts' }];
    expect(apiNamesOf(declared, undefined).apiFields).toEqual({ books: { isbn_code: 'isbn', author_id: 'authorId' }, tags: { tag_label: 'label' } });
    const detection = { language: 'ts' } as Detection;
    expect(factoryModels(declared, detection, 'typeorm')?.models.map((model) => model.name)).toEqual(['Book', 'ShelfItem']);
  });

  test("class-validator's @Length/@MinLength on an entity: the minimum each column's seed text is made to reach", () => {
    const dir = tempProject({
      'src/User.ts':
        '@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id: number;\n  @Column({ length: 80 }) @Length(10, 80) name: string;\n  @Column() @MinLength(12) @IsEmail() email: string;\n  @Column() nick: string;\n}\n',
    });
    const declared = [{ orm: 'typeorm' as const, models: readTypeormModels(dir, ['src/User.ts']), source: 'src/User.ts' }];
    const lengths = minLengthsOf(declared);
    expect(lengths).toEqual({ user: { name: 10, email: 12 } });
    const schema = schemaOf(
      tempProject({
        'migrations/001.sql': 'CREATE TABLE "user" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(80) NOT NULL, "email" TEXT NOT NULL, "nick" TEXT NOT NULL);',
      }),
    );
    const [user] = tableViews(withMinLengths(schema, lengths));
    expect(Object.fromEntries(user!.required.map((column) => [column.name, column.value]))).toEqual({
      name: { text: { before: 'name name ', after: '' } },
      email: { text: { before: 'user', after: '@example.test' } },
      nick: { text: { before: 'nick ', after: '' } },
    });
  });

  test("create() saves through the entity's repository, found by name", () => {
    const ddl = `CREATE TABLE "authors" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE TABLE "books" ("id" SERIAL PRIMARY KEY, "isbn_code" VARCHAR NOT NULL UNIQUE, "author_id" INTEGER NOT NULL REFERENCES "authors" ("id"), "printedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL);`;
    const schema = schemaOf(tempProject({ 'migrations/001.sql': ddl }));
    const views = factoryViews(schema.tables, tableViews(schema), DIALECTS.postgres, { models });
    const books = views.find((view) => view.table === 'books')!;
    expect(books.fields.map((field) => field.name)).toEqual(['isbn', 'printedAt']);
    const create = factoryCreate(books, { orm: 'typeorm', models }, 'postgres');
    expect(create.store).toEqual({ typeorm: { entity: 'Book' } });
    // build() makes a Partial<Book>, every field optional already: no values type of its own.
    expect(create.valuesType).toBeUndefined();
    expect(ormImports({ orm: 'typeorm', models }, (file) => `../${file}`, 'postgres', views)).toEqual({
      types: [{ names: 'Book', specifier: '../src/entities/Book.ts' }],
    });
  });
});

describe('Sequelize models', () => {
  const root = tempProject({
    'src/models.ts': `
import { DataTypes, Model, Sequelize } from 'sequelize';
export const sequelize = new Sequelize('sqlite::memory:');

export class Order extends Model {}
Order.init(
  {
    customerId: { type: DataTypes.INTEGER, allowNull: false, field: 'customer_ref' },
    totalCents: { type: DataTypes.INTEGER, defaultValue: 0 },
    status: DataTypes.ENUM('open', 'paid'),
    placedOn: DataTypes.DATEONLY,
    shippedAt: { type: DataTypes.DATE },
  },
  { sequelize, tableName: 'orders', underscored: true },
);

export const Customer = sequelize.define('Customer', { email: DataTypes.STRING(120) }, { timestamps: false });
`,
  });
  const models = readSequelizeModels(root, ['src/models.ts']);

  test('are read from init() and define(), with their columns, timestamps and whether their type can be imported', () => {
    const [order, customer] = models;
    expect([order!.name, order!.table, order!.typed]).toEqual(['Order', 'orders', true]);
    expect(order!.fields).toEqual({
      customer_ref: { name: 'customerId', value: 'number' },
      total_cents: { name: 'totalCents', value: 'number', ormFilled: true },
      status: { name: 'status', value: 'string', allowed: ['open', 'paid'] },
      placed_on: { name: 'placedOn', value: 'string' },
      shipped_at: { name: 'shippedAt', value: 'date' },
      created_at: { name: 'createdAt', value: 'date', ormFilled: true },
      updated_at: { name: 'updatedAt', value: 'date', ormFilled: true },
    });
    expect([customer!.name, customer!.table, customer!.typed]).toEqual(['Customer', 'Customers', undefined]);
    expect(customer!.fields).toEqual({ email: { name: 'email', value: 'string' } });
  });

  test("create() goes through the instance's model registry, typed by the model class", () => {
    const ddl = `CREATE TABLE "Customers" ("id" SERIAL PRIMARY KEY, "email" VARCHAR(120));
CREATE TABLE "orders" ("id" SERIAL PRIMARY KEY, "customer_ref" INTEGER NOT NULL REFERENCES "Customers" ("id"), "status" TEXT NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL);`;
    const schema = schemaOf(tempProject({ 'migrations/001.sql': ddl }));
    const views = factoryViews(schema.tables, tableViews(schema), DIALECTS.postgres, { models });
    const orders = views.find((view) => view.table === 'orders')!;
    expect(orders.fields).toEqual([{ name: 'status', value: { from: { pick: { values: ['open', 'paid'], bySequence: false, asConst: true } } } }]);
    expect(factoryCreate(orders, { orm: 'sequelize', models }, 'postgres').store).toEqual({ sequelize: { model: 'Order', typed: true } });
    // A define()d model (a JavaScript project keeps those) has no type: no cast, no type import.
    const customers = views.find((view) => view.table === 'Customers')!;
    expect(factoryCreate(customers, { orm: 'sequelize', models }, 'postgres')).toEqual({
      store: { sequelize: { model: 'Customer', typed: false } },
      through: 'the Customer model',
    });
    expect(ormImports({ orm: 'sequelize', models }, (file) => `../${file}`, 'postgres', views)?.types.map((types) => types.names)).not.toContain('Customer');
    expect(orders.parents[0]).toMatchObject({ field: 'customerId', factoryName: 'customerFactory', referencesField: 'id' });
  });
});
