import type { Detection } from '../detect/index.ts';
import { PACKAGE_MANAGERS } from '../detect/package-manager.ts';
import { usesLayer } from '../detect/stack.ts';

/**
 * One table drives argument parsing, --help and the prompts, as in create-vite:
 * adding a question here gives it a flag, a help line and a prompt at once.
 */
export interface Choice {
  value: string;
  label: string;
  /** A value the kit knows but does not build yet: rejected with a pointer to what works. */
  planned?: boolean;
}

interface BaseOption {
  name: string;
  description: string;
}

export interface ChoiceOption extends BaseOption {
  type: 'choice';
  choices: readonly Choice[];
  /** The question asked when detection does not settle the answer. */
  question: string;
  fromDetection: (detection: Detection) => string | undefined;
  fallback: string;
  /** Asked only when this holds for the answers so far. */
  appliesTo?: (answers: Readonly<Record<string, string>>) => boolean;
}

export interface StringOption extends BaseOption {
  type: 'string';
  placeholder: string;
  question?: string;
}

export interface BooleanOption extends BaseOption {
  type: 'boolean';
  /** Shown as --no-<name> when the default is on. */
  default: boolean;
  short?: string;
}

export type OptionSpec = ChoiceOption | StringOption | BooleanOption;

export const OPTIONS = [
  {
    name: 'db',
    type: 'choice',
    description: 'database the tests run against',
    question: 'Which database should the integration tests use?',
    choices: [
      { value: 'sqlite', label: 'SQLite in memory (no server, fastest)' },
      { value: 'postgres', label: 'PostgreSQL (testcontainers, a server URL, or PGlite in process)' },
      { value: 'mysql', label: 'MySQL (testcontainers or a server URL)' },
      { value: 'none', label: 'No database (the harness and API tests only)' },
    ],
    fromDetection: (d) => ormEngine(d) ?? driverEngine(d) ?? (d.dataLayers.length === 0 ? 'none' : undefined),
    fallback: 'sqlite',
  },
  {
    name: 'db-mode',
    type: 'choice',
    description: 'where Postgres/MySQL runs in tests (ITEST_DB_MODE overrides it per run)',
    question: 'Where should the test database run?',
    choices: [
      { value: 'container', label: 'A container started once per run (testcontainers)' },
      { value: 'url', label: 'An existing server from TEST_DATABASE_URL (CI services)' },
      { value: 'embedded', label: 'PGlite in process, no Docker needed (Postgres only)' },
    ],
    fromDetection: () => undefined,
    fallback: 'container',
    appliesTo: (answers) => answers.db === 'postgres' || answers.db === 'mysql',
  },
  {
    name: 'runner',
    type: 'choice',
    description: 'test runner for the harness',
    question: 'Which test runner should run the integration suite?',
    choices: [
      { value: 'vitest', label: 'Vitest' },
      { value: 'jest', label: 'Jest', planned: true },
    ],
    fromDetection: (d) => (d.testRunner?.value === 'vitest' ? 'vitest' : undefined),
    fallback: 'vitest',
  },
  {
    name: 'framework',
    type: 'choice',
    description: 'web framework of the service',
    question: 'Which web framework does the service use?',
    choices: [
      { value: 'express', label: 'Express 4 or 5' },
      { value: 'fastify', label: 'Fastify 4 or 5' },
      { value: 'koa', label: 'Koa with @koa/router' },
      { value: 'nest', label: 'NestJS (Express adapter)' },
      { value: 'hono', label: 'Hono (Node adapter)' },
    ],
    fromDetection: (d) => d.framework?.value,
    fallback: 'express',
  },
  {
    name: 'pm',
    type: 'choice',
    description: 'package manager used to install',
    question: 'Which package manager installs the dependencies?',
    choices: PACKAGE_MANAGERS.map((pm) => ({ value: pm, label: pm })),
    fromDetection: (d) => (d.packageManager.source === 'default' ? undefined : d.packageManager.value),
    fallback: 'npm',
  },
  {
    name: 'app',
    type: 'string',
    placeholder: '<file#export>',
    description: 'module that creates the app, e.g. src/app.ts#createApp',
    question: 'Which module creates the app (path#export)?',
  },
  {
    name: 'entry',
    type: 'string',
    placeholder: '<file>',
    description: 'file that starts the service, booted when no app can be imported (default: from package.json)',
  },
  { name: 'migrations', type: 'string', placeholder: '<path>', description: 'SQL migrations folder or schema file' },
  { name: 'openapi', type: 'string', placeholder: '<file>', description: 'OpenAPI document responses are validated against (default: found in the project)' },
  { name: 'cwd', type: 'string', placeholder: '<dir>', description: 'project folder (default: current folder)' },
  { name: 'yes', type: 'boolean', default: false, short: 'y', description: 'accept detected and default answers, never prompt' },
  { name: 'dry-run', type: 'boolean', default: false, description: 'print the plan and diffs, write nothing' },
  { name: 'force', type: 'boolean', default: false, description: 'overwrite files you changed' },
  { name: 'skip-existing', type: 'boolean', default: false, description: 'keep files you changed, without asking' },
  { name: 'install', type: 'boolean', default: true, description: 'install the devDependencies' },
  { name: 'verify', type: 'boolean', default: true, description: 'run the generated suite once' },
  { name: 'json', type: 'boolean', default: false, description: 'check: print the verdicts as JSON' },
  { name: 'strict', type: 'boolean', default: false, description: 'check: exit 1 when an item CHECKLIST.md ticks no longer holds' },
  { name: 'help', type: 'boolean', default: false, short: 'h', description: 'show this help' },
  { name: 'version', type: 'boolean', default: false, short: 'v', description: 'print the version' },
] as const satisfies readonly OptionSpec[];

export type ChoiceName = Extract<(typeof OPTIONS)[number], { type: 'choice' }>['name'];
export type StringName = Extract<(typeof OPTIONS)[number], { type: 'string' }>['name'];
export type BooleanName = Extract<(typeof OPTIONS)[number], { type: 'boolean' }>['name'];

export function choiceOption(name: ChoiceName): ChoiceOption {
  return OPTIONS.find((o) => o.name === name) as ChoiceOption;
}

/** The engine an ORM is configured for: Prisma's datasource provider, TypeORM's DataSource type. */
function ormEngine(d: Detection): string | undefined {
  const declared = d.prisma?.provider ?? d.typeorm?.type;
  if (!declared) return undefined;
  if (/^postgres/.test(declared)) return 'postgres';
  if (/^(mysql|mariadb)$/.test(declared)) return 'mysql';
  if (/sqlite/.test(declared)) return 'sqlite';
  return undefined;
}

/** The engine a driver in the dependencies implies. */
function driverEngine(d: Detection): string | undefined {
  if ((['better-sqlite3', 'sqlite3', 'node:sqlite'] as const).some((layer) => usesLayer(d.dataLayers, layer))) return 'sqlite';
  if (usesLayer(d.dataLayers, 'pg')) return 'postgres';
  if (usesLayer(d.dataLayers, 'mysql2')) return 'mysql';
  return undefined;
}
