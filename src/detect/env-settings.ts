import path from 'node:path';
import { isFile, readText, type SourceFiles } from './files.ts';

/** The part of the test database's URL a setting holds. */
export type SettingPart = 'url' | 'host' | 'port' | 'user' | 'password' | 'database';

/** An environment variable the service reads for its database connection. */
export interface DbSetting {
  name: string;
  part: SettingPart;
}

/** Names teams give their connection settings, by the part each holds (PGHOST and friends are libpq's). */
const PARTS: [SettingPart, RegExp][] = [
  ['url', /^(?:\w+_)?(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB)_?(?:URL|URI|CONNECTION(?:_STRING)?|DSN)$|^DATABASE_URL_\w+$/],
  ['host', /^(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|TYPEORM)_?HOST(?:NAME)?$/],
  ['port', /^(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|TYPEORM)_?PORT$/],
  ['user', /^(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|TYPEORM)_?USER(?:NAME)?$/],
  ['password', /^(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|TYPEORM)_?PASS(?:WORD)?$/],
  ['database', /^(?:DATABASE|DB|POSTGRES(?:QL)?|PG|MYSQL|MARIADB|TYPEORM)_?(?:NAME|DATABASE|DB)$|^PGDATABASE$/],
];

/** Example env files, in the order the harness prefers the one it loads (never .env: it may point at real services). */
const EXAMPLE_FILES = ['.env.test', '.env.example', '.env.sample', '.env.template', '.env.dist', '.example.env', '.env.local.example'];

/** What the service reads from its environment, read once for every use. */
export interface EnvSettings {
  /** The variables it reads for its database connection. */
  db: DbSetting[];
  /** Secrets it reads that the example file the harness loads does not set: the harness gives them test values. */
  unsetSecrets: string[];
  /** The example env file setup loads for the variables the environment lacks. */
  exampleFile?: string;
  /** What that file sets, as setup reads it. */
  example: Record<string, string>;
}

/**
 * The environment variables the service reads, from its code (`process.env.X`,
 * `const { X } = process.env`, keys of a zod/envalid schema over process.env) and its example env
 * files: the database ones the harness points at the test database (so even a connection it does
 * not bind lands there), and the secrets it checks at start-up that need a generated test value.
 */
export function readEnvSettings(root: string, sources: SourceFiles): EnvSettings {
  const names = readEnvNames(root, sources);
  const exampleFile = EXAMPLE_FILES.find((file) => isFile(path.join(root, file)));
  const example = exampleFile ? valuesIn(root, exampleFile) : {};
  // `COOKIE_SECRET=` in the example leaves it empty: a secret the service checks needs a value all the same.
  const loaded = new Set(
    Object.entries(example)
      .filter(([, value]) => value !== '')
      .map(([name]) => name),
  );
  return {
    db: [...names].sort().flatMap((name) => {
      const part = PARTS.find(([, pattern]) => pattern.test(name))?.[0];
      return part ? [{ name, part }] : [];
    }),
    unsetSecrets: [...names].filter((name) => SECRET.test(name) && !loaded.has(name)).sort(),
    ...(exampleFile ? { exampleFile } : {}),
    example,
  };
}

// Any `_KEY`: a key a handler compares a header with (STAFF_KEY, ADMIN_KEY) is a secret the tests need a value for.
const SECRET = /(?:SECRET|TOKEN|APIKEY|_KEY|SALT|PEPPER)$/;

function readEnvNames(root: string, sources: SourceFiles): Set<string> {
  const names = new Set<string>();
  for (const file of sources.files) {
    const source = sources.read(file);
    if (!source.includes('process.env') && !source.includes('import.meta.env')) continue;
    for (const match of source.matchAll(/(?:process|import\.meta)\.env(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])/g)) names.add(match[1] ?? match[2]!);
    for (const match of source.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g))
      for (const name of match[1]!.split(',')) names.add(name.split(/[:=]/)[0]!.trim());
    // A schema the env is parsed with: `DATABASE_URL: z.string().url()`, `DB_HOST: str()`.
    for (const match of source.matchAll(/^\s*['"]?([A-Z][A-Z0-9_]+)['"]?\s*:\s*(?:z\.|Joi\.|str\(|num\(|port\(|url\(|host\(|Type\.)/gm)) names.add(match[1]!);
  }
  for (const file of EXAMPLE_FILES) if (isFile(path.join(root, file))) for (const name of namesIn(root, file)) names.add(name);
  return names;
}

/** NAME=value lines, read as setup.ts reads them: quotes taken off (a comment may follow them), ` #` comments dropped. */
function valuesIn(root: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readText(root, file).split(/\r?\n/)) {
    const [, name, value = ''] = /^\s*(?:export\s+)?([\w.]+)\s*=\s*(.*?)\s*$/.exec(line) ?? [];
    if (name) values[name] = /^(['"])(.*?)\1(?:\s+#.*)?$/.exec(value)?.[2] ?? value.replace(/\s+#.*$/, '');
  }
  return values;
}

function namesIn(root: string, file: string): string[] {
  return [...readText(root, file).matchAll(/^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/gm)].map((match) => match[1]!);
}
