import path from 'node:path';
import type { Schema } from '../detect/schema-sqlite.ts';
import { holds, open, type Finding } from './verdict.ts';
import { filesMatching, isTestFile, type TestTree } from './test-tree.ts';

/**
 * Items a reading of the test files settles: what the harness does for every test (fixtures, a
 * rollback, the network block) and what the tests assert. Each names the files that show it.
 */
const NETWORK_BLOCK = /onUnhandledRequest\s*:\s*['"]error['"]|HttpResponse\.error\(\)|disableNetConnect\s*\(/;
const SETUP_FILE = /(^|\/)(vitest\.|jest\.)?setup([.-][\w-]+)?\.[cm]?[jt]s$/;
const FIXTURES = /\.extend\s*(?:<[\s\S]{0,400}?>)?\s*\(\s*\{[\s\S]*?await\s+use\s*\(/;
const ROLLBACK = /\bROLLBACK\b|\.rollback\s*\(|\binRollback\b/i;
const TEST_DATABASE = /:memory:|testcontainers|PostgreSqlContainer|MySqlContainer|GenericContainer|TEST_DATABASE_URL|pglite|MongoMemoryServer/i;
const STATUS_ASSERTION =
  /\.expect\(\s*(?:[1-5]\d\d\b|(?:StatusCodes|HttpStatus|httpStatus)\.)|\.status(?:Code)?\)\s*\.\s*to(?:Be|Equal|StrictEqual)\(|toHaveProperty\(\s*['"]status(?:Code)?['"]|assert\.(?:strict)?[eE]qual\([^,;]*\.status/;
const SCHEMA_VALIDATION =
  /apiSchemaErrors|toSatisfyApiSpec|toMatchApiSchema|openapi-response-validator|jestOpenAPI|ajv\.compile|Schema\.(?:safe)?[pP]arse\(\s*(?:res|response)\w*\.body/;
const HEADER_ASSERTION = /content-type|\.headers\s*\[|\.header\s*\[|toHaveProperty\(\s*['"]headers|\.expect\(\s*['"][\w-]+['"]\s*,/i;
const AWAITED_MOCK = /expectAwaited|awaitedMock|toHaveResolved|toHaveBeenAwaited/;
const MIGRATED = /runMigrations|migrate\.latest|\bmigrate\s*\(|\.sync\s*\(|db push|migrate deploy|applyMigrations|migrationFiles/;

function found(files: string[], what: string): Finding {
  return files.length ? holds(`${what}: ${listed(files)}`) : open(`no ${what} found in the tests`);
}

export function listed(items: readonly string[], max = 3): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

/** Every outbound request of every test process is refused unless mocked: a setup file blocks the network, itself or through a module it imports. */
export function networkBlocked(tree: TestTree): Finding {
  const blocking = filesMatching(tree, NETWORK_BLOCK);
  const setups = tree.files.filter((file) => SETUP_FILE.test(file.path));
  for (const setup of setups) {
    if (blocking.includes(setup.path)) return holds(`${setup.path} blocks the network`);
    const imported = blocking.find((file) => importsFile(setup, file));
    if (imported) return holds(`${setup.path} imports the network block (${imported})`);
  }
  const inTests = blocking.filter(isTestFile);
  if (inTests.length) return open(`only ${listed(inTests)} block the network; no setup file does it for every test`);
  return open(setups.length ? `no setup file blocks the network (${listed(setups.map((file) => file.path))} do not)` : 'no setup file blocks the network');
}

function importsFile(from: { path: string; text: string }, file: string): boolean {
  const stem = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  const specifiers = [...from.text.matchAll(/(?:import|require)\s*\(?\s*(?:[\w{}\s,*]+from\s*)?['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.some((specifier) => {
    if (!specifier.startsWith('.')) return false;
    const target = path.posix.join(path.posix.dirname(from.path), specifier).replace(/\.[cm]?[jt]sx?$/, '');
    return target === file.replace(/\.[cm]?[jt]sx?$/, '') || target === path.posix.join(path.posix.dirname(file), stem);
  });
}

export const fixtures = (tree: TestTree) => found(filesMatching(tree, FIXTURES), 'fixtures with teardown (test.extend)');
export const rollback = (tree: TestTree) => found(filesMatching(tree, ROLLBACK), 'rollback per test');
export const testDatabase = (tree: TestTree) => found(filesMatching(tree, TEST_DATABASE), 'test database');
/** SQLite's `:memory:` (PGlite is in process too, but the harness holds it only as a mode beside a container). */
export const inMemory = (tree: TestTree) => found(filesMatching(tree, /['"`]:memory:['"`]|file::memory:|MongoMemoryServer/), 'in-memory database');
export const statusAssertions = (tree: TestTree) => found(filesMatching(tree, STATUS_ASSERTION).filter(isTestFile), 'status assertions');
export const schemaValidation = (tree: TestTree) => found(filesMatching(tree, SCHEMA_VALIDATION).filter(isTestFile), 'response validation against a schema');
export const headerAssertions = (tree: TestTree) => found(filesMatching(tree, HEADER_ASSERTION).filter(isTestFile), 'header assertions');
export const awaitedMocks = (tree: TestTree) => found(filesMatching(tree, AWAITED_MOCK), 'assertions that async mocks were awaited');

/** Async tests under a runner that awaits them (Vitest or Jest). */
export function asyncRunner(tree: TestTree, runner: string | undefined): Finding {
  const asyncTests = tree.files.filter((file) => isTestFile(file.path) && /\basync\s*(?:\(|\w+\s*=>|function)/.test(file.text));
  if (!runner) return open('no test runner (Vitest or Jest) in the dependencies');
  return asyncTests.length ? holds(`${asyncTests.length} test file(s) with async tests, awaited by ${runner}`) : open(`no async test under ${runner}`);
}

/** The schema the tests build comes from the project's migrations (their folder is named, or a migrate call made). */
export function migrations(tree: TestTree, migrationsPath: string | undefined): Finding {
  if (!migrationsPath) return open('no migrations found in the project');
  const naming = tree.files.filter((file) => file.text.includes(migrationsPath) || MIGRATED.test(file.text)).map((file) => file.path);
  return naming.length
    ? holds(`the tests build the schema from ${migrationsPath}: ${listed(naming)}`)
    : open(`no test file builds the schema from ${migrationsPath}`);
}

/** A factory per table: each table is named in a factory file (a path with "factor" in it, or one defining factories). */
export function factoryPerTable(tree: TestTree, schema: Schema | undefined): Finding {
  if (!schema?.tables.length) return open('no tables read from the schema');
  const factories = tree.files.filter((file) => /factor/i.test(file.path) || /Factory\.define|\bfactory\s*\(/.test(file.text));
  if (!factories.length) return open('no factory file in the tests');
  const missing = schema.tables
    .map((table) => table.name)
    .filter((name) => !factories.some((file) => new RegExp(`['"\`]${name}['"\`]|\\b${name}\\b`).test(file.text)));
  return missing.length
    ? open(`no factory for ${listed(missing)} (${schema.tables.length - missing.length} of ${schema.tables.length} tables)`)
    : holds(`${schema.tables.length} of ${schema.tables.length} tables: ${listed(factories.map((file) => file.path))}`);
}

/** The schema's constraints of one kind, each as a test title must name it: its table and columns. */
export function constraintsOf(schema: Schema | undefined, kind: 'unique' | 'foreign-keys' | 'indexes'): { table: string; columns: string[]; label: string }[] {
  return (schema?.tables ?? []).flatMap((table) => {
    if (kind === 'foreign-keys')
      return table.foreignKeys.map((fk) => ({ table: table.name, columns: [fk.column], label: `${table.name}.${fk.column} -> ${fk.table}` }));
    const indexes = table.indexes.filter((index) => index.origin !== 'pk' && (kind === 'unique' ? index.unique : !index.unique));
    return indexes.map((index) => ({ table: table.name, columns: index.columns, label: `${table.name}(${index.columns.join(', ')})` }));
  });
}

const CONSTRAINT_WORDS = { unique: /unique|duplicate/i, 'foreign-keys': /reference|foreign|orphan/i, indexes: /index|lookup|query plan/i };

/** Each constraint has a test whose name (describe blocks included) names its table, its columns and what is checked. */
export function constraintTests(schema: Schema | undefined, kind: 'unique' | 'foreign-keys' | 'indexes', testNames: readonly string[]): Finding {
  const expected = constraintsOf(schema, kind);
  if (!expected.length) return open(`the schema declares no ${kind === 'indexes' ? 'index' : kind === 'unique' ? 'unique constraint' : 'foreign key'}`);
  const missing = expected.filter(
    ({ table, columns }) =>
      !testNames.some((name) => CONSTRAINT_WORDS[kind].test(name) && name.includes(table) && columns.every((column) => name.includes(column))),
  );
  const tested = expected.length - missing.length;
  return missing.length
    ? open(`${tested} of ${expected.length} tested; none for ${listed(missing.map((entry) => entry.label))}`)
    : holds(`${tested} of ${expected.length} tested`);
}
