import { describe, expect, test } from 'vitest';
import { allowedValues, parseSqlSchema, statements } from '../../src/detect/schema-ddl.ts';
import { tempProject } from '../support/temp-project.ts';

const parse = (sql: string) => parseSqlSchema(tempProject({ 'm.sql': sql }), { path: 'm.sql', kind: 'file', files: ['m.sql'] });

describe('DDL from migrations', () => {
  test('Postgres: serial keys, inline and table constraints, indexes, ALTER TABLE', () => {
    const schema = parse(`
      -- users first
      CREATE TABLE IF NOT EXISTS public.users (
        id SERIAL PRIMARY KEY,
        email VARCHAR(255) NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE "notes" (
        id BIGINT GENERATED ALWAYS AS IDENTITY,
        user_id INTEGER NOT NULL,
        title TEXT NOT NULL,
        slug TEXT NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      );
      CREATE INDEX notes_user_id_idx ON notes USING btree (user_id, title);
      ALTER TABLE notes ADD CONSTRAINT notes_slug_key UNIQUE (user_id, slug);
      CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END; $$ LANGUAGE plpgsql;
    `);
    const [notes, users] = schema.tables;
    expect(users?.columns.map((c) => [c.name, c.type, c.notNull, c.primaryKey, c.hasDefault, c.unique])).toEqual([
      ['id', 'SERIAL', true, true, true, false],
      ['email', 'VARCHAR(255)', true, false, false, true],
      ['name', 'TEXT', true, false, false, false],
      ['created_at', 'TIMESTAMPTZ', true, false, true, false],
    ]);
    expect(notes?.columns[0]).toMatchObject({ name: 'id', primaryKey: true, hasDefault: true });
    expect(notes?.foreignKeys).toEqual([{ column: 'user_id', table: 'users', references: 'id' }]);
    expect(notes?.indexes).toEqual([
      { name: 'notes_user_id_idx', unique: false, origin: 'c', columns: ['user_id', 'title'] },
      { name: 'notes_slug_key', unique: true, origin: 'u', columns: ['user_id', 'slug'] },
    ]);
  });

  test('MySQL: backticks, AUTO_INCREMENT, inline KEY, table options', () => {
    const schema = parse(
      'CREATE TABLE `orders` (\n  `id` INT UNSIGNED NOT NULL AUTO_INCREMENT,\n  `product_id` INT NOT NULL,\n  `qty` INT NOT NULL,\n  PRIMARY KEY (`id`),\n  KEY `orders_product_idx` (`product_id`),\n  CONSTRAINT `fk_product` FOREIGN KEY (`product_id`) REFERENCES `products` (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;',
    );
    const [orders] = schema.tables;
    expect(orders?.columns[0]).toMatchObject({ name: 'id', primaryKey: true, hasDefault: true, notNull: true });
    expect(orders?.indexes).toEqual([{ name: 'orders_product_idx', unique: false, origin: 'c', columns: ['product_id'] }]);
    expect(orders?.foreignKeys).toEqual([{ column: 'product_id', table: 'products', references: 'id' }]);
  });

  test('drizzle-kit output: UNIQUE("col"), schema-qualified references, statement breakpoints', () => {
    const schema = parse(
      'CREATE TABLE "authors" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"handle" varchar(64) NOT NULL,\n\tCONSTRAINT "authors_handle_unique" UNIQUE("handle")\n);\n--> statement-breakpoint\nCREATE TABLE "posts" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"author_id" integer NOT NULL\n);\n--> statement-breakpoint\nALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint\nCREATE INDEX "posts_author_id_idx" ON "posts" USING btree ("author_id");',
    );
    const [authors, posts] = schema.tables;
    expect(authors?.indexes).toEqual([{ name: 'authors_handle_unique', unique: true, origin: 'u', columns: ['handle'] }]);
    expect(authors?.columns[1]).toMatchObject({ name: 'handle', unique: true });
    expect(posts?.foreignKeys).toEqual([{ column: 'author_id', table: 'authors', references: 'id' }]);
    expect(posts?.indexes).toEqual([{ name: 'posts_author_id_idx', unique: false, origin: 'c', columns: ['author_id'] }]);
  });

  test('statements ignore semicolons in strings, comments and dollar quotes', () => {
    expect(statements("SELECT ';'; /* ; */ SELECT $x$;$x$; -- ;\nSELECT 1")).toEqual(["SELECT ';'", 'SELECT $x$;$x$', 'SELECT 1']);
  });
});

describe('Knex schema-builder migrations', () => {
  test('columns, chains, table-level constraints and default index names', async () => {
    const { parseKnexSchema } = await import('../../src/detect/knex.ts');
    const dir = tempProject({
      'migrations/001.js': `exports.up = (knex) => knex.schema
  .createTable('users', (t) => {
    t.increments('id');
    t.string('email', 190).notNullable().unique();
    t.string('name').notNullable();
    t.timestamps(true, true);
  })
  .createTable('posts', (table) => {
    table.increments('id');
    table.integer('user_id').unsigned().notNullable().references('id').inTable('users').onDelete('CASCADE');
    table.string('slug').notNullable();
    table.boolean('draft').notNullable().defaultTo(true);
    table.unique(['user_id', 'slug']);
    table.index(['user_id']);
  });
exports.down = (knex) => knex.schema.dropTable('posts').dropTable('users');
`,
    });
    const schema = parseKnexSchema(dir, { path: 'migrations', kind: 'folder', files: ['migrations/001.js'] });
    const [posts, users] = schema.tables;
    expect(users?.columns.map((c) => [c.name, c.type, c.notNull, c.primaryKey, c.hasDefault, c.unique])).toEqual([
      ['id', 'INTEGER', true, true, true, false],
      ['email', 'VARCHAR(190)', true, false, false, true],
      ['name', 'VARCHAR(255)', true, false, false, false],
      ['created_at', 'TIMESTAMP', true, false, true, false],
      ['updated_at', 'TIMESTAMP', true, false, true, false],
    ]);
    expect(users?.indexes).toEqual([{ name: 'users_email_unique', unique: true, origin: 'u', columns: ['email'] }]);
    expect(posts?.foreignKeys).toEqual([{ column: 'user_id', table: 'users', references: 'id' }]);
    expect(posts?.indexes).toEqual([
      { name: 'posts_user_id_slug_unique', unique: true, origin: 'u', columns: ['user_id', 'slug'] },
      { name: 'posts_user_id_index', unique: false, origin: 'c', columns: ['user_id'] },
    ]);
  });
});

test('CHECK (column IN (...)) lists the values a column takes, column-level or table-level', () => {
  expect(allowedValues("genre TEXT NOT NULL CHECK (genre IN ('fantasy', 'sci-fi', 'it''s'))", 'genre')).toEqual(['fantasy', 'sci-fi', "it's"]);
  expect(allowedValues('CREATE TABLE t (kind TEXT, CHECK ("kind" IN (\'a\')))', 'kind')).toEqual(['a']);
  expect(allowedValues('CREATE TABLE t (kind TEXT CHECK (length(kind) > 2))', 'kind')).toBeUndefined();
});
