import { SourceFiles } from './files.ts';

/** A module-level SQLite connection the app imports (the alternative to injecting one). */
export interface DbModule {
  file: string;
  exportName: string;
  /** Environment variable the module reads for its database file, so tests can point it at :memory:. */
  envVar?: string;
  /** The value that makes it open :memory: (`NODE_ENV === 'test' ? ':memory:' : file` wants 'test'); default ':memory:'. */
  envValue?: string;
}

const OPENS_SQLITE = /new\s+(?:Database|Sqlite\w*|BetterSqlite3)\s*\(|\bbetterSqlite3\s*\(/;

export function findSqliteModule(root: string, sources = new SourceFiles(root)): DbModule | undefined {
  for (const file of sources.files) {
    const source = sources.read(file);
    if (!OPENS_SQLITE.test(source) || !/better-sqlite3/.test(source)) continue;
    const variable = /(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*(?:new\s+\w+|betterSqlite3)\s*\(/.exec(source)?.[1];
    if (!variable) continue;
    const exportName = new RegExp(`export\\s+default\\s+${variable}\\b|module\\.exports\\s*=\\s*${variable}\\b`).test(source)
      ? 'default'
      : new RegExp(
            `export\\s+(?:const|let)\\s+${variable}\\b|export\\s*\\{[^}]*\\b${variable}\\b|module\\.exports\\s*=\\s*\\{[^}]*\\b${variable}\\b|exports\\.${variable}\\s*=`,
          ).test(source)
        ? variable
        : undefined;
    if (!exportName) continue;
    // `process.env.NODE_ENV === 'test' ? ':memory:' : file`: the variable and the value that selects memory.
    const switched = /process\.env\.(\w+)\s*===?\s*['"]([^'"]+)['"]\s*\?\s*['"]:memory:['"]/.exec(source);
    if (switched) return { file, exportName, envVar: switched[1]!, envValue: switched[2]! };
    const envVar = [...source.matchAll(/process\.env\.(\w+)|process\.env\[['"](\w+)['"]\]/g)]
      .map((m) => m[1] ?? m[2]!)
      .find((name) => /DB|DATABASE|SQLITE/i.test(name));
    return { file, exportName, ...(envVar ? { envVar } : {}) };
  }
  return undefined;
}

/**
 * A libSQL connection the service opens itself (`createClient()` from @libsql/client, or
 * drizzle-orm/libsql given a URL), usually at import from its settings: the harness binds it at
 * the driver, so nothing needs exporting.
 */
export interface LibsqlModule {
  file: string;
}

const IMPORTS_LIBSQL = /(?:from|require\()\s*['"](?:@libsql\/client(?:\/\w+)?|drizzle-orm\/libsql)['"]/;

export function findLibsqlModule(sources: SourceFiles): LibsqlModule | undefined {
  const file = sources.files.find((name) => {
    const source = sources.read(name);
    return IMPORTS_LIBSQL.test(source) && /\b(?:createClient|drizzle)\s*\(/.test(source);
  });
  return file ? { file } : undefined;
}
