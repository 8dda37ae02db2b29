import type { Column, Table } from '../detect/schema-sqlite.ts';
import type { OrmField, OrmModel } from '../detect/orm-models/index.ts';
import { camel, singular } from '../kit/names.ts';
import { draw, fixed, usesSequence, withSteps, type MadeValue } from './made-values.ts';
import type { Dialect } from './dialects.ts';
import { affinity, generatedKey, maxLength, TIMESTAMP, type TableView } from './seed-view.ts';

/**
 * How a stored value is compared with the value written: drivers hand NUMERIC and BIGINT back as
 * strings (pg), dates as Date objects in local time (pg, mysql2), timestamptz as an instant.
 */
export type ReadBack = 'number' | 'instant' | 'localDate' | 'localDateTime';

/** What support/factories says about one table. */
export interface FactoryView {
  table: string;
  singular: string;
  factoryName: string;
  /** The key of the bound factory in the `factories` fixture: `factories.folder`. */
  fixtureKey: string;
  rowType: string;
  insertFn: string;
  primaryKey?: string;
  /** build(): a value for every column the database (or the ORM) does not fill itself, named as create() takes them. */
  fields: { name: string; value: MadeValue }[];
  /** The ORM model create() goes through; without one, the seed helper `insertFn` inserts the row. */
  model?: OrmModel;
  /** Some value takes fishery's sequence (unique columns). */
  usesSequence: boolean;
  /**
   * Required foreign keys: create() makes the row through the parent's factory unless given. `field`
   * names the key as this factory takes it, `referencesField` the referenced column as the parent's
   * factory returns it.
   */
  parents: { field: string; factoryName: string; table: string; references: string; referencesField: string }[];
  /** Unique columns: `field` names the value in what create() takes and returns. */
  uniqueColumns: { field: string; name: string }[];
  /** The create() test reads the rows back: it has unique columns or parents to compare. */
  checksRows: boolean;
  edgeCasesName: string;
  /** Each case sets `columns` (one, or every nullable one for the null case) to its values. */
  edgeCases: { title: string; values: { name: string; value: MadeValue }[]; columns: string[] }[];
  readBackName: string;
  /** The columns compared after a conversion, and how. */
  readBack: { column: string; kind: ReadBack }[];
  /** Columns a CHECK guards, as a sentence: edge values are not tried on them. */
  checkedColumns: string;
}

/** A mix of scripts, combining marks and emoji (one outside the BMP, one with a skin-tone modifier). */
const UNICODE = 'Zoë Ñandú – 東京 🚀👍🏽';
/** The same variety without spaces, for short columns. */
const UNICODE_DENSE = 'ë東🚀Ñ京👍🏽ú–';

/** Tables the person-like names suit. */
const PEOPLE = /user|customer|author|person|people|member|employee|contact|owner|student|teacher|account|client|patient|guest/i;

/**
 * A factory per table. With the project's ORM models, a table's factory speaks the ORM's field
 * names and value types (a Date where the ORM wants one), so create() can go through the ORM.
 */
export function factoryViews(
  tables: readonly Table[],
  views: readonly TableView[],
  dialect: Dialect,
  { models = [] }: { models?: readonly OrmModel[] } = {},
): FactoryView[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  // A model that leaves a foreign key unmapped (only a relation property holds it) is not used: the seed helper fills the column.
  const modelOf = (table: string) => models.find((model) => model.table === table && byName.get(table)?.foreignKeys.every((fk) => model.fields[fk.column]));
  return views.flatMap((view) => {
    const table = byName.get(view.name);
    return table ? [factoryView(table, view, dialect, modelOf(view.name), modelOf)] : [];
  });
}

function factoryView(
  raw: Table,
  view: TableView,
  dialect: Dialect,
  model: OrmModel | undefined,
  modelOf: (table: string) => OrmModel | undefined,
): FactoryView {
  // A single-column unique index (Prisma's, Drizzle's) makes the column unique too.
  const uniqueIndexed = new Set(raw.indexes.filter((index) => index.unique && index.columns.length === 1).map((index) => index.columns[0]!));
  const table: Table = { ...raw, columns: raw.columns.map((c) => (uniqueIndexed.has(c.name) && !c.primaryKey ? { ...c, unique: true } : c)) };
  const fkColumns = new Set(table.foreignKeys.map((fk) => fk.column));
  const generated = (c: Column) => generatedKey(c, table);
  const own = table.columns.filter((c) => !generated(c) && !fkColumns.has(c.name));
  const field = (c: Column, of = model) => of?.fields[c.name]?.name ?? c.name;
  // A nullable column under a CHECK the kit cannot read is left to the database (NULL passes a CHECK).
  const fields = own
    .filter((c) => !c.hasDefault && !(c.checked && !c.notNull) && !model?.fields[c.name]?.ormFilled)
    .map((c) => ({ name: field(c), value: model ? ormValue(c, model.fields[c.name], table.name, dialect) : fakerValue(c, table.name, dialect) }));
  const readBack = own.flatMap((c) => {
    const kind = readBackOf(c, dialect);
    return kind ? [{ column: c.name, kind }] : [];
  });
  const primaryKey = view.primaryKey;
  return {
    table: table.name,
    singular: view.singular,
    factoryName: factoryNameOf(view.singular),
    fixtureKey: camel(view.singular),
    rowType: view.rowType,
    insertFn: view.insertFn,
    ...(primaryKey ? { primaryKey } : {}),
    fields,
    ...(model ? { model } : {}),
    usesSequence: fields.some((field) => usesSequence(field.value)),
    parents: view.parents.map((parent) => {
      const references = table.foreignKeys.find((fk) => fk.column === parent.column)?.references ?? 'id';
      // The key is named as this factory takes it; the referenced value is read from what the parent's factory returns.
      return {
        field: model?.fields[parent.column]?.name ?? parent.column,
        factoryName: factoryNameOf(singular(parent.table)),
        table: parent.table,
        references,
        referencesField: modelOf(parent.table)?.fields[references]?.name ?? references,
      };
    }),
    uniqueColumns: own.filter((c) => c.unique).map((c) => ({ field: field(c), name: c.name })),
    checksRows: own.some((c) => c.unique) || view.parents.length > 0,
    edgeCasesName: `${camel(view.singular)}EdgeCases`,
    edgeCases: edgeCases(table, own, dialect),
    readBackName: `${camel(view.singular)}ReadBack`,
    readBack,
    checkedColumns: checkedNote(own.filter((c) => c.checked).map((c) => c.name)),
  };
}

/** `folder` → `folderFactory`: the same name where a factory is defined and where a child's factory calls it. */
function factoryNameOf(singularName: string): string {
  return `${camel(singularName)}Factory`;
}

type Kind = 'text' | 'integer' | 'real' | 'decimal' | 'boolean' | 'blob' | 'date' | 'dateTime' | 'instant' | 'isoText' | 'time';

/** What a column holds, as far as values and read-back go. */
function kindOf(column: Column, dialect: Dialect): Kind {
  const type = column.type;
  if (/^BOOL|^TINYINT\(1\)/.test(type)) return 'boolean';
  const dateLike = /DATE|TIME/.test(type) || (affinity(type) !== 'integer' && /_at$|date/i.test(column.name));
  if (dateLike) {
    // SQLite stores dates as the text it is given.
    if (dialect.engine === 'sqlite') return 'isoText';
    if (/^TIME\b/.test(type) && !/TIMESTAMP/.test(type)) return 'time';
    if (/^DATE$/.test(type)) return 'date';
    if (dialect.engine === 'postgres' && /TIMESTAMPTZ|WITH TIME ZONE/.test(type)) return 'instant';
    return 'dateTime';
  }
  if (/^(DECIMAL|NUMERIC)/.test(type)) return 'decimal';
  switch (affinity(type)) {
    case 'integer':
      return 'integer';
    case 'real':
      return 'real';
    case 'blob':
      return 'blob';
    case 'numeric':
      return 'decimal';
    default:
      return 'text';
  }
}

function readBackOf(column: Column, dialect: Dialect): ReadBack | undefined {
  const kind = kindOf(column, dialect);
  if (kind === 'integer' || kind === 'real' || kind === 'decimal') return dialect.engine === 'sqlite' ? undefined : 'number';
  if (kind === 'date') return 'localDate';
  if (kind === 'dateTime') return 'localDateTime';
  if (kind === 'instant') return 'instant';
  return undefined;
}

/** `DECIMAL(10, 2)` → [10, 2]. */
function precision(column: Column): [number, number] | undefined {
  const match = /\((\d+)\s*(?:,\s*(\d+))?\)/.exec(column.type);
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : undefined;
}

/** The largest integer a column holds that JavaScript numbers keep exactly. */
function integerRange(column: Column, dialect: Dialect): [number, number] {
  const type = column.type;
  if (dialect.engine === 'sqlite' || /BIGINT|INT8/.test(type)) return [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  if (/TINYINT/.test(type)) return /UNSIGNED/.test(type) ? [0, 255] : [-128, 127];
  if (/SMALLINT|INT2/.test(type)) return /UNSIGNED/.test(type) ? [0, 65535] : [-32768, 32767];
  if (/MEDIUMINT/.test(type)) return /UNSIGNED/.test(type) ? [0, 16777215] : [-8388608, 8388607];
  return /UNSIGNED/.test(type) ? [0, 4294967295] : [-2147483648, 2147483647];
}

/** How build() makes a column's value: faker draws, fishery's sequence for unique columns. */
function fakerValue(column: Column, table: string, dialect: Dialect): MadeValue {
  const unique = column.unique;
  if (column.allowed?.length) return allowedValue(column.allowed, unique, false);
  const kind = kindOf(column, dialect);
  // A CHECK the kit cannot read: a small, plain value passes most (`> 0`, `<= 5`, `length(x) > 0`).
  if (column.checked)
    return ['integer', 'real', 'decimal'].includes(kind)
      ? fixed(1)
      : kind === 'text'
        ? draw('lorem.word')
        : fakerValue({ ...column, checked: false }, table, dialect);
  switch (kind) {
    case 'boolean':
      return withSteps(draw('datatype.boolean'), 'bit');
    case 'date':
      return withSteps(draw('date.past'), 'isoDate');
    case 'isoText':
    case 'instant':
    case 'dateTime':
      return withSteps(draw(TIMESTAMP.test(column.name) ? 'date.recent' : 'date.past'), 'isoString');
    case 'time':
      return withSteps(draw('date.recent'), 'isoTime');
    case 'integer':
      return unique ? SEQUENCE : draw('number.int', { min: 1, max: 1000 });
    case 'real':
      return unique ? { from: { sequence: true, plus: 0.5 } } : draw('number.float', { min: 1, max: 1000, fractionDigits: 2 });
    case 'decimal': {
      const [digits, scale] = precision(column) ?? [10, 2];
      const max = Math.min(1000, 10 ** (digits - scale) - 1);
      return unique ? SEQUENCE : draw('number.float', { min: 1, max, fractionDigits: scale });
    }
    case 'blob':
      return { ...draw('string.alphanumeric', undefined, 16), as: 'Buffer' };
    default:
      return textValue(column, table);
  }
}

const SEQUENCE: MadeValue = { from: { sequence: true } };

/**
 * How build() makes a column's value as the ORM takes it: a Date where the ORM maps the column to
 * one, a string for decimals kept as text, true/false for booleans, an enum's own values.
 */
function ormValue(column: Column, field: OrmField | undefined, table: string, dialect: Dialect): MadeValue {
  if (field?.allowed?.length) return allowedValue(field.allowed, column.unique, true);
  const plain = fakerValue(column, table, dialect);
  const kind = kindOf(column, dialect);
  switch (field?.value) {
    case 'date':
      return draw(TIMESTAMP.test(column.name) ? 'date.recent' : 'date.past');
    case 'boolean':
      return kind === 'boolean' ? draw('datatype.boolean') : plain;
    case 'string':
      return ['integer', 'real', 'decimal'].includes(kind) ? { ...plain, as: 'String' } : plain;
    case 'bigint':
      return { ...plain, as: 'BigInt' };
    default:
      return plain;
  }
}

/**
 * One of a list of allowed values: the only one, one per sequence number for a unique column, else
 * a random one. `asConst` keeps the values' literal types, which an ORM's enum type wants.
 */
function allowedValue(values: readonly string[], unique: boolean, asConst: boolean): MadeValue {
  if (values.length === 1) return fixed(values[0]!);
  return { from: { pick: { values: [...values], bySequence: unique, asConst } } };
}

/** Faker's draw for text that reads like the column: an email, a person's name, a title. */
const TEXT_DRAWS: [RegExp, MadeValue | ((table: string) => MadeValue)][] = [
  [/e_?mail/, withSteps(draw('internet.email', { provider: 'example.test' }), 'lowerCase')],
  [/url|link|website|homepage/, draw('internet.url')],
  [/slug/, draw('lorem.slug')],
  [/uuid|guid/, draw('string.uuid')],
  [/user_?name|login|handle/, draw('internet.username')],
  [/first_?name|given_?name/, draw('person.firstName')],
  [/last_?name|family_?name|surname/, draw('person.lastName')],
  [/phone|mobile/, draw('phone.number')],
  [/city/, draw('location.city')],
  [/country/, draw('location.country')],
  [/address|street/, draw('location.streetAddress')],
  [/zip|postal|postcode/, draw('location.zipCode')],
  [/currency/, draw('finance.currencyCode')],
  [/colou?r/, draw('color.human')],
  [/isbn/, draw('commerce.isbn')],
  [/title|subject|heading|headline|label|caption/, draw('lorem.sentence', { min: 2, max: 5 })],
  [/description|body|content|text|notes?$|bio|summary|comment|message/, draw('lorem.paragraph')],
  [/^(full_?)?name$|display_?name/, (table) => (PEOPLE.test(table) ? draw('person.fullName') : WORDS)],
  [/password|hash|token|secret/, draw('string.alphanumeric', undefined, 32)],
];

const WORDS = draw('lorem.words', { min: 1, max: 3 });

/** Text that reads like the column; unique ones start with the sequence so truncation keeps them apart. */
function textValue(column: Column, table: string): MadeValue {
  const name = column.name.toLowerCase();
  const rule = TEXT_DRAWS.find(([pattern]) => pattern.test(name))?.[1];
  const drawn = typeof rule === 'function' ? rule(table) : (rule ?? WORDS);
  const shape = /e_?mail/.test(name) ? 'email' : /url|link|website|homepage/.test(name) ? 'url' : 'words';
  const value: MadeValue = column.unique ? { from: { numbered: { shape, value: shape === 'url' ? draw('lorem.slug') : drawn } } } : drawn;
  const max = maxLength(column);
  return max ? withSteps(value, { slice: max }) : value;
}

/** Values at the edges of each column: each becomes one row stored and read back. */
function edgeCases(table: Table, own: Column[], dialect: Dialect): FactoryView['edgeCases'] {
  const cases: FactoryView['edgeCases'] = [];
  const add = (column: Column, what: string, value: MadeValue) =>
    cases.push({ title: `${column.name}: ${what}`, values: [{ name: column.name, value }], columns: [column.name] });
  for (const column of own) {
    if (column.allowed || column.checked) continue;
    switch (kindOf(column, dialect)) {
      case 'text': {
        const max = maxLength(column);
        add(column, 'empty string', fixed(''));
        if (max && max <= 10_000) add(column, `${max} characters`, { from: { repeat: { text: 'x', count: max } } });
        add(column, 'unicode and emoji', fixed(max && max < [...UNICODE].length ? [...UNICODE_DENSE].slice(0, max).join('') : UNICODE));
        break;
      }
      case 'integer': {
        const [min, max] = integerRange(column, dialect);
        add(column, 'largest', safeNumber(max));
        add(column, 'smallest', safeNumber(min));
        if (min < 0) add(column, 'zero', fixed(0));
        break;
      }
      case 'real':
        add(column, 'fraction', fixed(0.5));
        add(column, 'negative', fixed(-1.25));
        add(column, 'large', fixed(16777216));
        break;
      case 'decimal': {
        const [digits, scale] = precision(column) ?? [15, 0];
        if (digits <= 15) {
          const max = Number((10 ** (digits - scale) - 10 ** -scale).toFixed(scale));
          add(column, 'largest', fixed(max));
          add(column, 'smallest', fixed(-max));
        }
        add(column, 'zero', fixed(0));
        break;
      }
      case 'isoText':
      case 'instant':
        add(column, 'the epoch', fixed('1970-01-01T00:00:00.000Z'));
        add(column, 'far future', fixed('9999-12-31T23:59:59.000Z'));
        break;
      case 'dateTime': {
        // MySQL's TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 UTC only.
        const narrow = dialect.engine === 'mysql' && /^TIMESTAMP/.test(column.type);
        add(column, 'the epoch', fixed(narrow ? '1970-01-02 00:00:00' : '1970-01-01 00:00:00'));
        add(column, 'far future', fixed(narrow ? '2038-01-18 00:00:00' : '9999-12-31 23:59:59'));
        break;
      }
      case 'date':
        add(column, 'the epoch', fixed('1970-01-01'));
        add(column, 'far future', fixed('9999-12-31'));
        break;
      default:
        break;
    }
  }
  const nullable = table.columns.filter((c) => !c.notNull && !c.primaryKey);
  if (nullable.length)
    cases.push({
      title: `${nullable.map((c) => c.name).join(', ')}: null`,
      values: nullable.map((c) => ({ name: c.name, value: fixed(null) })),
      columns: nullable.map((c) => c.name),
    });
  return cases;
}

function safeNumber(value: number): MadeValue {
  if (value === Number.MAX_SAFE_INTEGER) return { from: { safeInteger: 'MAX' } };
  if (value === Number.MIN_SAFE_INTEGER) return { from: { safeInteger: 'MIN' } };
  return fixed(value);
}

/** A unique text column two tests can both write the same value to: where isolation is proven. */
export function isolationProbe(
  tables: readonly Table[],
  views: readonly FactoryView[],
  dialect: Dialect,
): { view: FactoryView; column: Column; value: string } | undefined {
  for (const view of views) {
    const table = tables.find((candidate) => candidate.name === view.table);
    // The view's unique columns are already the table's own (no key, no foreign key), unique indexes counted.
    const column = table?.columns.find(
      (c) => view.uniqueColumns.some((unique) => unique.name === c.name) && !c.allowed && !c.checked && kindOf(c, dialect) === 'text',
    );
    // Cut to the column's length, like every value the factories write.
    if (column) return { view, column, value: 'isolation probe'.slice(0, maxLength(column) ?? undefined) };
  }
  return undefined;
}

/**
 * Tables with a primary key, each before the tables it references, so deleting in this order never
 * breaks a foreign key: where the cleanup looks for rows a test committed. A single integer key marks
 * new rows by its next value (`serial`); any other key (text, several columns) by the keys held before (`keys`).
 */
export function cleanupOrder(tables: readonly Table[], views: readonly FactoryView[]): { view: FactoryView; key: string[]; mark: 'serial' | 'keys' }[] {
  const keyed = views.flatMap((view) => {
    const table = tables.find((candidate) => candidate.name === view.table);
    const key = table?.columns.filter((c) => c.primaryKey) ?? [];
    if (!table || !key.length || !view.primaryKey) return [];
    return [{ view, key: key.map((c) => c.name), mark: generatedKey(key[0]!, table) ? ('serial' as const) : ('keys' as const) }];
  });
  const references = new Map(
    keyed.map(({ view }) => [
      view.table,
      new Set(
        tables
          .find((t) => t.name === view.table)!
          .foreignKeys.map((fk) => fk.table)
          .filter((name) => name !== view.table),
      ),
    ]),
  );
  const ordered: typeof keyed = [];
  const left = [...keyed];
  while (left.length) {
    // A table no remaining table references can go now.
    const next = left.find((entry) => !left.some((other) => other !== entry && references.get(other.view.table)!.has(entry.view.table))) ?? left[0]!;
    ordered.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return ordered;
}

function checkedNote(columns: string[]): string {
  if (!columns.length) return '';
  return columns.length === 1 ? `No edge values for ${columns[0]}: a CHECK guards it.` : `No edge values for ${columns.join(', ')}: CHECKs guard them.`;
}
