import { describe, expect, test } from 'vitest';
import { DIALECTS } from '../../src/db/dialects.ts';
import { cleanupOrder, factoryViews, isolationProbe } from '../../src/db/factory-view.ts';
import { tableViews } from '../../src/db/seed-view.ts';
import { createEndpoints } from '../../src/api/cases.ts';
import { planConstraintTests } from '../../src/db/constraint-cases.ts';
import { checkedBy, parseSqlSchema } from '../../src/detect/schema-ddl.ts';
import { draw, fixed, withSteps, type MadeValue } from '../../src/db/made-values.ts';
import { madeCode, urlCode } from '../../src/kit/spelling.ts';
import { tempProject } from '../support/temp-project.ts';

const DDL = `
CREATE TABLE "authors" (
  "id" SERIAL PRIMARY KEY,
  "email" VARCHAR(120) NOT NULL UNIQUE,
  "name" TEXT NOT NULL,
  "bio" TEXT,
  "status" TEXT NOT NULL CHECK ("status" IN ('active', 'retired')),
  "age" SMALLINT CHECK (age >= 0)
);
CREATE TABLE "books" (
  "id" SERIAL PRIMARY KEY,
  "author_id" INTEGER NOT NULL REFERENCES "authors" ("id"),
  "title" VARCHAR(12) NOT NULL,
  "pages" INTEGER NOT NULL,
  "price" NUMERIC(8, 2),
  "rating" REAL,
  "published_on" DATE,
  "printed_at" TIMESTAMP,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);`;

function views(engine: 'postgres' | 'sqlite' = 'postgres') {
  const root = tempProject({ 'migrations/001.sql': DDL });
  const schema = parseSqlSchema(root, { kind: 'folder', path: 'migrations', files: ['migrations/001.sql'] } as never);
  const dialect = DIALECTS[engine];
  const made = factoryViews(schema.tables, tableViews(schema), dialect);
  return { schema, dialect, made, byTable: Object.fromEntries(made.map((view) => [view.table, view])) };
}

describe('factories from the schema', () => {
  const { byTable, schema, dialect, made } = views();
  const authors = byTable.authors!;
  const books = byTable.books!;

  test('build() fills what the database does not: unique columns from the sequence, cut to their length; CHECK lists pick an allowed value', () => {
    expect(Object.fromEntries(authors.fields.map((field) => [field.name, field.value]))).toEqual({
      email: {
        from: {
          numbered: { shape: 'email', value: { from: { draw: { faker: 'internet.email', options: { provider: 'example.test' } } }, then: ['lowerCase'] } },
        },
        then: [{ slice: 120 }],
      },
      name: { from: { draw: { faker: 'person.fullName' } } },
      bio: { from: { draw: { faker: 'lorem.paragraph' } } },
      status: { from: { pick: { values: ['active', 'retired'], bySequence: false, asConst: false } } },
    });
    // `age` is nullable under a CHECK the kit cannot read: left to the database.
    expect(authors.usesSequence).toBe(true);
    expect(books.fields.map((field) => field.name)).toEqual(['title', 'pages', 'price', 'rating', 'published_on', 'printed_at']);
    expect(books.fields.find((field) => field.name === 'published_on')?.value).toEqual({ from: { draw: { faker: 'date.past' } }, then: ['isoDate'] });
    expect(books.parents).toEqual([{ field: 'author_id', factoryName: 'authorFactory', table: 'authors', references: 'id', referencesField: 'id' }]);
  });

  test('edge cases per column type: empty, longest and unicode text, integer bounds, decimals at their precision, dates at the epoch and far future, nulls', () => {
    // Each case's columns and values, a literal where the value is one.
    const values = (edge: (typeof books.edgeCases)[number]) =>
      edge.values.map(({ name, value }) => [name, 'literal' in value.from ? value.from.literal : value.from]);
    expect(Object.fromEntries(books.edgeCases.map((edge) => [edge.title, values(edge)]))).toEqual({
      'title: empty string': [['title', '']],
      'title: 12 characters': [['title', { repeat: { text: 'x', count: 12 } }]],
      'title: unicode and emoji': [['title', 'ë東🚀Ñ京👍🏽ú–']],
      'pages: largest': [['pages', 2147483647]],
      'pages: smallest': [['pages', -2147483648]],
      'pages: zero': [['pages', 0]],
      'price: largest': [['price', 999999.99]],
      'price: smallest': [['price', -999999.99]],
      'price: zero': [['price', 0]],
      'rating: fraction': [['rating', 0.5]],
      'rating: negative': [['rating', -1.25]],
      'rating: large': [['rating', 16777216]],
      'published_on: the epoch': [['published_on', '1970-01-01']],
      'published_on: far future': [['published_on', '9999-12-31']],
      'printed_at: the epoch': [['printed_at', '1970-01-01 00:00:00']],
      'printed_at: far future': [['printed_at', '9999-12-31 23:59:59']],
      'created_at: the epoch': [['created_at', '1970-01-01T00:00:00.000Z']],
      'created_at: far future': [['created_at', '9999-12-31T23:59:59.000Z']],
      'price, rating, published_on, printed_at: null': [
        ['price', null],
        ['rating', null],
        ['published_on', null],
        ['printed_at', null],
      ],
    });
    expect(Object.fromEntries(books.readBack.map(({ column, kind }) => [column, kind]))).toEqual({
      pages: 'number',
      price: 'number',
      rating: 'number',
      published_on: 'localDate',
      printed_at: 'localDateTime',
      created_at: 'instant',
    });
    // A CHECK list or another CHECK: no edge values tried there.
    expect(authors.edgeCases.map((edge) => edge.title)).not.toContainEqual(expect.stringMatching(/status|age: (largest|smallest)/));
    expect(authors.checkedColumns).toBe('No edge values for age: a CHECK guards it.');
  });

  test('SQLite keeps dates as the text it is given and numbers as numbers: no read-back conversion', () => {
    const { byTable: sqlite } = views('sqlite');
    expect(sqlite.books!.readBack).toEqual([]);
    expect(sqlite.books!.edgeCases.find((edge) => edge.title === 'pages: largest')?.values).toEqual([
      { name: 'pages', value: { from: { safeInteger: 'MAX' } } },
    ]);
  });

  test('a single-column unique index makes a unique column: its values come from the sequence', () => {
    const root = tempProject({
      'm/001.sql': 'CREATE TABLE "tags" ("id" SERIAL PRIMARY KEY, "label" TEXT NOT NULL); CREATE UNIQUE INDEX "tags_label_key" ON "tags"("label");',
    });
    const tags = parseSqlSchema(root, { kind: 'folder', path: 'm', files: ['m/001.sql'] } as never);
    const [view] = factoryViews(tags.tables, tableViews(tags), dialect);
    expect(view!.fields).toEqual([
      { name: 'label', value: { from: { numbered: { shape: 'words', value: { from: { draw: { faker: 'lorem.sentence', options: { min: 2, max: 5 } } } } } } } },
    ]);
    expect(view!.usesSequence).toBe(true);
    expect(view!.uniqueColumns).toEqual([{ field: 'label', name: 'label' }]);
  });

  test('the cleanup deletes children before the tables they reference; integer keys are marked by the next key, others (text, several columns) by the keys held', () => {
    expect(cleanupOrder(schema.tables, made).map(({ view, mark }) => [view.table, mark])).toEqual([
      ['books', 'serial'],
      ['authors', 'serial'],
    ]);
    const text = parseSqlSchema(
      tempProject({ 'm/1.sql': 'CREATE TABLE "tags" ("code" VARCHAR(8) PRIMARY KEY); CREATE TABLE "pairs" ("a" INT, "b" INT, PRIMARY KEY ("a", "b"));' }),
      { kind: 'folder', path: 'm', files: ['m/1.sql'] } as never,
    );
    expect(cleanupOrder(text.tables, factoryViews(text.tables, tableViews(text), dialect)).map(({ view, key, mark }) => [view.table, key, mark])).toEqual([
      ['pairs', ['a', 'b'], 'keys'],
      ['tags', ['code'], 'keys'],
    ]);
  });

  test('a unique column under a CHECK IN list cycles through it', () => {
    const plans = parseSqlSchema(
      tempProject({ 'm/1.sql': `CREATE TABLE "plans" ("id" SERIAL PRIMARY KEY, "tier" TEXT NOT NULL UNIQUE CHECK ("tier" IN ('free', 'pro')));` }),
      { kind: 'folder', path: 'm', files: ['m/1.sql'] } as never,
    );
    expect(factoryViews(plans.tables, tableViews(plans), dialect)[0]!.fields[0]!.value).toEqual({
      from: { pick: { values: ['free', 'pro'], bySequence: true, asConst: false } },
    });
  });

  test('isolation is proven on the first unique text column', () => {
    expect(isolationProbe(schema.tables, made, dialect)).toMatchObject({ view: { table: 'authors' }, column: { name: 'email' }, value: 'isolation probe' });
    const short = parseSqlSchema(tempProject({ 'm/1.sql': 'CREATE TABLE "boards" ("id" SERIAL PRIMARY KEY, "key" VARCHAR(8) NOT NULL UNIQUE);' }), {
      kind: 'folder',
      path: 'm',
      files: ['m/1.sql'],
    } as never);
    expect(isolationProbe(short.tables, factoryViews(short.tables, tableViews(short), dialect), dialect)?.value).toBe('isolatio');
  });
});

test('checkedBy: a CHECK naming the column, not a CHECK (column IN ...)', () => {
  const sql = `CREATE TABLE t (price INTEGER CHECK (price > 0), status TEXT CHECK (status IN ('a')), name TEXT, CONSTRAINT c CHECK (length("name") > 0), named TEXT)`;
  expect(['price', 'status', 'name', 'named'].map((column) => checkedBy(sql, column))).toEqual([true, false, true, false]);
});

describe('create endpoints for the API edge cases', () => {
  const { schema } = views();
  const tables = tableViews(schema);
  const route = (method: 'post' | 'get', path: string, guarded = false) => ({
    method,
    path,
    file: 'src/app.ts',
    statuses: [201],
    ...(guarded ? { guarded } : {}),
  });

  test('flat and nested creates, with the parent rows each needs; item routes, reads and guarded routes are not creates', () => {
    const found = createEndpoints(
      [route('post', '/books'), route('post', '/authors/:id/books'), route('get', '/authors'), route('post', '/authors/:id'), route('post', '/authors', true)],
      tables,
    );
    expect(found.map((endpoint) => [endpoint.label, endpoint.table.name, urlCode(endpoint.url, true)])).toEqual([
      ['POST /books', 'books', "'/books'"],
      ['POST /authors/:id/books', 'books', '`/authors/${author.id}/books`'],
    ]);
    expect(found[0]!.parentArgs).toEqual([{ name: 'author_id', value: { inserted: 'insertAuthor', field: 'id' } }]);
    expect(found[1]!.parent).toEqual({ variable: 'author', insertFn: 'insertAuthor' });
  });

  test('edge cases name the columns they set, so an endpoint gets only those of the fields it takes', () => {
    const books = views().byTable.books!;
    expect(books.edgeCases.find((edge) => edge.title === 'pages: largest')!.columns).toEqual(['pages']);
    expect(books.edgeCases.at(-1)!.columns).toEqual(['price', 'rating', 'published_on', 'printed_at']);
  });
});

describe('constraint tests from the schema', () => {
  test('a unique column repeated from a stored row, a foreign key pointed at no row, each with the code the engine answers', () => {
    const { schema, dialect } = views();
    const { tables, imports, claims } = planConstraintTests(schema, tableViews(schema), dialect);
    const [authors, books] = tables;
    expect(authors).toEqual({
      describe: 'authors',
      tests: [{ partial: 'db-unique', title: 'email is unique', insertFn: 'insertAuthor', given: [], repeated: ['email'], code: '23505', field: 'code' }],
    });
    expect(books!.tests).toEqual([
      {
        partial: 'db-foreign-key',
        title: 'author_id must reference a row of authors',
        insertFn: 'insertBook',
        column: 'author_id',
        orphan: { value: { missing: { table: 'authors', pk: 'id' } } },
        code: '23503',
        field: 'code',
      },
    ]);
    expect([imports, claims]).toEqual(['insertAuthor, insertBook, missingId', ['db.unique', 'db.foreign-keys']]);
  });
});

describe('made values are spelled as faker calls, sequences and literals', () => {
  test.each([
    [
      withSteps(
        { from: { numbered: { shape: 'email', value: withSteps(draw('internet.email', { provider: 'example.test' }), 'lowerCase') } } },
        { slice: 120 },
      ),
      "`${sequence}.${faker.internet.email({ provider: 'example.test' }).toLowerCase()}`.slice(0, 120)",
    ],
    [{ from: { numbered: { shape: 'url', value: draw('lorem.slug') } } }, '`https://example.test/${sequence}/${faker.lorem.slug()}`'],
    [{ from: { pick: { values: ['USER', 'ADMIN'], bySequence: true, asConst: true } } }, "(['USER', 'ADMIN'] as const)[sequence % 2]!"],
    [{ from: { pick: { values: ['a', 'b'], bySequence: false, asConst: false } } }, "faker.helpers.arrayElement(['a', 'b'])"],
    [{ ...draw('number.int', { min: 1, max: 1000 }), as: 'BigInt' }, 'BigInt(faker.number.int({ min: 1, max: 1000 }))'],
    [{ ...draw('string.alphanumeric', undefined, 16), as: 'Buffer' }, 'Buffer.from(faker.string.alphanumeric(16))'],
    [withSteps(draw('datatype.boolean'), 'bit'), 'faker.datatype.boolean() ? 1 : 0'],
    [{ from: { sequence: true, plus: 0.5 } }, 'sequence + 0.5'],
    [{ from: { repeat: { text: 'x', count: 12 } } }, "'x'.repeat(12)"],
    [{ from: { safeInteger: 'MIN' } }, 'Number.MIN_SAFE_INTEGER'],
    [fixed("it's"), "'it\\'s'"],
    [fixed(null), 'null'],
  ] satisfies [MadeValue, string][])('%j', (value, code) => {
    expect(madeCode(value)).toBe(code);
  });
});
