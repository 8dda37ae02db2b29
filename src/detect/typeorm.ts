import path from 'node:path';
import { readText } from './files.ts';
import { readCacheJson } from './cache-json.ts';
import type { SourceFiles } from './files.ts';
import { moduleMigrations } from './module-migrations.ts';
import type { Migrations } from './migrations.ts';

/**
 * The project's TypeORM connection: a DataSource it exports (the harness builds its own from the
 * options), or one the service builds and connects itself (`createConnection(options)`,
 * `TypeOrmModule.forRoot()`, options from ormconfig or TYPEORM_* variables), which the harness
 * binds where TypeORM connects.
 */
export interface TypeormDataSource {
  /** The module that builds it. */
  file: string;
  /** The export that holds it; absent when the service builds and connects it itself. */
  exportName?: string;
  /** The options list entities as path globs, which TypeORM would load outside Vitest's transform. */
  entityGlobs: boolean;
  /** Source files that declare @Entity classes. */
  entityFiles: string[];
  /** Source files that declare @EventSubscriber classes. */
  subscriberFiles: string[];
  /** The DataSource's `type` (postgres, mysql, better-sqlite3 ...), when it is a literal. */
  type?: string;
  /** The service builds its schema from its entities when it connects (`synchronize: true`). */
  synchronize: boolean;
}

/** Where a service builds its own connection: the call, and the options it is given. */
const OWN_CONNECTION = /\b(?:createConnections?|TypeOrmModule\.forRoot(?:Async)?)\s*\(|\bnew\s+(?:DataSource|Connection)\s*\(/;

export function findTypeormDataSource(root: string, sources: SourceFiles, example: Record<string, string> = {}): TypeormDataSource | undefined {
  const entityFiles = sources.files.filter((candidate) => /@Entity\(/.test(sources.read(candidate)));
  const subscriberFiles = sources.files.filter((candidate) => /@EventSubscriber\(/.test(sources.read(candidate)));
  for (const file of sources.files) {
    const source = sources.read(file);
    const variable = /export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*new\s+DataSource\s*\(/.exec(source)?.[1];
    const exportName = variable ?? (/export\s+default\s+new\s+DataSource\s*\(/.test(source) ? 'default' : undefined);
    if (!exportName) continue;
    const entities = /entities\s*:\s*\[([^\]]*)\]/.exec(source)?.[1] ?? '';
    return { file, exportName, entityGlobs: /['"`]/.test(entities), entityFiles, subscriberFiles, synchronize: synchronizes(source), ...typeOf(source) };
  }
  // The service connects itself: in the module that calls createConnection/forRoot, with its options there or in ormconfig/TYPEORM_*.
  const file = sources.files.find(
    (candidate) =>
      OWN_CONNECTION.test(sources.read(candidate)) &&
      /from\s+['"](?:typeorm|@nestjs\/typeorm)['"]|require\(\s*['"](?:typeorm|@nestjs\/typeorm)['"]/.test(sources.read(candidate)),
  );
  if (!file) return undefined;
  const source = sources.read(file);
  const config = readOrmconfig(root);
  const type = typeOf(source).type ?? config.type ?? example.TYPEORM_CONNECTION;
  const synchronize = synchronizes(source) || config.synchronize === true || /^true$/i.test(example.TYPEORM_SYNCHRONIZE ?? '');
  return { file, entityGlobs: true, entityFiles, subscriberFiles, synchronize, ...(type ? { type } : {}) };
}

function typeOf(source: string): { type?: string } {
  const type = /\btype\s*:\s*['"`]([\w-]+)['"`]/.exec(source)?.[1];
  return type ? { type } : {};
}

function synchronizes(source: string): boolean {
  return /\bsynchronize\s*:\s*(?!false\b)[\w!(]/.test(source);
}

/** ormconfig.json, which TypeORM reads when the service connects without options. */
function readOrmconfig(root: string): { type?: string; synchronize?: boolean } {
  const parsed = readCacheJson(root, 'ormconfig.json');
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as { type?: unknown; synchronize?: unknown } | undefined;
  return {
    ...(typeof first?.type === 'string' ? { type: first.type } : {}),
    ...(typeof first?.synchronize === 'boolean' ? { synchronize: first.synchronize } : {}),
  };
}

/** TypeORM's default table name for an entity class: BookAuthor → book_author. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

const FOLDERS = ['src/migrations', 'src/database/migrations', 'src/db/migrations', 'migrations', 'db/migrations'];

/**
 * TypeORM's migration classes: the folder the DataSource's `migrations` glob names, read
 * from the sources when it points at compiled output (dist/migrations/*.js → src/migrations).
 */
export function findTypeormMigrations(root: string, sources: SourceFiles, dataSource: TypeormDataSource | undefined): Migrations | undefined {
  const configured = dataSource ? /migrations\s*:\s*\[\s*['"`]([^'"`]+)['"`]/.exec(sources.read(dataSource.file))?.[1] : undefined;
  const globDir = configured ? path.posix.dirname(configured.replace(/^\.\//, '')).replace(/\/\*\*$/, '') : undefined;
  return moduleMigrations(root, globDir ? [globDir, globDir.replace(/^(dist|build|lib|out)\//, 'src/'), ...FOLDERS] : FOLDERS);
}

/** The SQL a TypeORM migration runs: the string arguments of its queryRunner.query(...) calls. */
export function typeormMigrationSql(source: string): string {
  const sql: string[] = [];
  for (const match of source.matchAll(/\.query\(\s*(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g)) {
    sql.push(match[1]!.slice(1, -1).replace(/\\(.)/g, '$1'));
  }
  return sql.join(';\n');
}
