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

const EXAMPLE_FILES = ['.env.example', '.env.sample', '.env.test', '.env.template', '.env.dist'];

/**
 * The environment variables the service reads for its database, from its code (`process.env.X`,
 * `const { X } = process.env`, keys of a zod/envalid schema over process.env) and its example env
 * files: the harness points each at the test database, so even a connection it does not bind lands there.
 */
export function findDbSettings(root: string, sources: SourceFiles): DbSetting[] {
  return [...readEnvNames(root, sources).all]
    .sort()
    .flatMap((name) => {
      const part = PARTS.find(([, pattern]) => pattern.test(name))?.[0];
      return part ? [{ name, part }] : [];
    });
}

/** Names that hold a secret the service checks at start-up (`JWT_SECRET: z.string().min(32)`). */
const SECRET = /(?:SECRET|TOKEN|API_?KEY|PRIVATE_KEY|SIGNING_KEY|SALT|PEPPER)$/;

/**
 * Secrets the service reads that no example env file gives a value: the harness sets each to a
 * generated test value (never one read from .env), so a start-up check passes and nothing real is used.
 */
export function findUnsetSecrets(root: string, sources: SourceFiles): string[] {
  const { all, examples } = readEnvNames(root, sources);
  return [...all].filter((name) => SECRET.test(name) && !examples.has(name)).sort();
}

function readEnvNames(root: string, sources: SourceFiles): { all: Set<string>; examples: Set<string> } {
  const names = new Set<string>();
  const examples = new Set<string>();
  for (const file of sources.files) {
    const source = sources.read(file);
    if (!source.includes('process.env') && !source.includes('import.meta.env')) continue;
    for (const match of source.matchAll(/(?:process|import\.meta)\.env(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])/g)) names.add(match[1] ?? match[2]!);
    for (const match of source.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g)) for (const name of match[1]!.split(',')) names.add(name.split(/[:=]/)[0]!.trim());
    // A schema the env is parsed with: `DATABASE_URL: z.string().url()`, `DB_HOST: str()`.
    for (const match of source.matchAll(/^\s*['"]?([A-Z][A-Z0-9_]+)['"]?\s*:\s*(?:z\.|Joi\.|str\(|num\(|port\(|url\(|host\(|Type\.)/gm)) names.add(match[1]!);
  }
  for (const file of EXAMPLE_FILES) {
    if (!isFile(path.join(root, file))) continue;
    for (const match of readText(root, file).matchAll(/^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=/gm)) {
      names.add(match[1]!);
      examples.add(match[1]!);
    }
  }
  return { all: names, examples };
}
