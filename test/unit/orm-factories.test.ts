import { describe, expect, test } from 'vitest';
import { DIALECTS } from '../../src/db/dialects.ts';
import { factoryCreate, ormImports } from '../../src/db/factory-create.ts';
import { factoryViews } from '../../src/db/factory-view.ts';
import { tableViews } from '../../src/db/seed-view.ts';
import { readDrizzleModels } from '../../src/detect/orm-models/drizzle.ts';
import { readPrismaModels } from '../../src/detect/orm-models/prisma.ts';
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
    expect(Object.fromEntries(accounts.fields.map((field) => [field.key, field.value]))).toEqual({
      email: expect.stringMatching(/^`\$\{sequence\}\./),
      role: "faker.helpers.arrayElement(['USER', 'ADMIN'] as const)",
      balance: expect.stringMatching(/^faker\.number\.float/),
      visits: 'BigInt(faker.number.int({ min: 1, max: 1000 }))',
      verified: 'faker.datatype.boolean()',
      joinedAt: 'faker.date.past()',
    });
  });

  test('create() goes through the client, making the referenced row through its factory', () => {
    const create = factoryCreate(sessions, { orm: 'prisma', models }, 'postgres', true);
    expect(create.body).toContain('return client.session.create({');
    expect(create.body).toContain('accountId: values.accountId ?? (await accountFactory.create({}, { transient: { db } })).id,');
    expect(create.buildType).toBe('SessionValues');
    expect(create.typeDeclaration).toContain("type SessionValues = Omit<Prisma.SessionUncheckedCreateInput, 'accountId'> & Partial<Pick<Prisma.SessionUncheckedCreateInput, 'accountId'>>;");
    expect(create.createdType).toBe('Session');
    expect(ormImports({ orm: 'prisma', models }, '@prisma/client', 'postgres', true, views)).toEqual([
      "import { client } from './app.js';",
      "import type { Account, Prisma, Session } from '@prisma/client';",
    ]);
  });

  test('a unique enum column cycles through its values; JavaScript gets no `as const`', () => {
    const unique = { ...schema, tables: schema.tables.map((table) => ({ ...table, columns: table.columns.map((c) => (c.name === 'role' ? { ...c, unique: true } : c)) })) };
    const [view] = factoryViews(unique.tables, tableViews(unique), DIALECTS.postgres, { models, ts: false });
    expect(view!.fields.find((field) => field.key === 'role')!.value).toBe("(['USER', 'ADMIN'])[sequence % 2]!");
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
    expect([posts.score!.value, posts.shown_on!.value, posts.edited_at!.value, posts.published_at!.value, posts.draft!.value]).toEqual(['string', 'string', 'string', 'date', 'boolean']);
  });

  test("create() inserts through drizzle, returning the row; MySQL reads it back by the key drizzle returns", () => {
    const ddl = `CREATE TABLE "authors" ("id" SERIAL PRIMARY KEY, "handle" VARCHAR(64) NOT NULL UNIQUE, "slug" TEXT NOT NULL);
CREATE TABLE "posts" ("id" SERIAL PRIMARY KEY, "author_id" INTEGER NOT NULL REFERENCES "authors" ("id"), "draft" BOOLEAN NOT NULL);`;
    const schema = schemaOf(tempProject({ 'migrations/001.sql': ddl }));
    const views = factoryViews(schema.tables, tableViews(schema), DIALECTS.postgres, { models });
    const [authors, posts] = views;
    expect(authors!.fields.map((field) => field.key)).toEqual(['handle']);
    const orm = { orm: 'drizzle' as const, models };
    expect(factoryCreate(posts!, orm, 'postgres', true).body).toContain('await client.insert(schema.posts).values({');
    expect(factoryCreate(posts!, orm, 'postgres', true).body).toContain('}).returning();\n    return row!;');
    const mysql = factoryCreate(posts!, orm, 'mysql', false).body;
    expect(mysql).toContain('.$returningId();');
    expect(mysql).toContain('where(eq(schema.posts.id, inserted.id))');
    expect(ormImports(orm, '../../src/schema.js', 'mysql', true, views)).toEqual(["import { client } from './app.js';", "import { eq } from 'drizzle-orm';", "import * as schema from '../../src/schema.js';"]);
  });
});
