import path from 'node:path';
import { isFile, readText, type SourceFiles } from './files.ts';
import type { Migrations } from './migrations.ts';
import { moduleMigrations } from './module-migrations.ts';
import type { Column, Schema, Table } from './schema-sqlite.ts';

/** The module that creates the project's Sequelize instance, which the harness binds to the test's connection. */
export interface SequelizeModule {
  file: string;
  /** The export that holds the instance ('default': module.exports / export default). */
  exportName: string;
  /** Set when the instance is a property of the export, as sequelize-cli's models/index.js has it (db.sequelize). */
  property?: string;
  /** Files that define models (sequelize.define or Model.init), read for renamed columns. */
  modelFiles: string[];
  /** The service builds its schema with `sequelize.sync()`. */
  syncs: boolean;
}

export function findSequelizeModule(sources: SourceFiles): SequelizeModule | undefined {
  const modelFiles = sources.files.filter((file) => /\.define\(\s*['"`]|\.init\(\s*\{/.test(sources.read(file)));
  const syncs = sources.files.some((file) => /\.sync\s*\(\s*(?:\{[^}]*\})?\s*\)/.test(sources.read(file)));
  for (const file of sources.files) {
    const source = sources.read(file);
    const variable = /(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*new\s+Sequelize\s*\(/.exec(source)?.[1];
    if (!variable) continue;
    const direct = exportOf(source, variable);
    if (direct) return { file, exportName: direct, modelFiles, syncs };
    const holder = new RegExp(`(\\w+)\\.(\\w+)\\s*=\\s*${variable}\\b`).exec(source);
    const holderExport = holder ? exportOf(source, holder[1]!) : undefined;
    if (holder && holderExport) return { file, exportName: holderExport, property: holder[2]!, modelFiles, syncs };
  }
  return undefined;
}

/** How a module exports a variable: 'default', its own name, or not at all. */
function exportOf(source: string, variable: string): string | undefined {
  if (new RegExp(`export\\s+default\\s+${variable}\\b|module\\.exports\\s*=\\s*${variable}\\b`).test(source)) return 'default';
  if (
    new RegExp(
      `export\\s+(?:const|let)\\s+${variable}\\b|export\\s*\\{[^}]*\\b${variable}\\b|module\\.exports\\s*=\\s*\\{[^}]*\\b${variable}\\b|exports\\.${variable}\\s*=`,
    ).test(source)
  )
    return variable;
  return undefined;
}

const FOLDERS = ['migrations', 'db/migrations', 'src/migrations', 'src/db/migrations', 'database/migrations'];

/**
 * sequelize-cli's migrations: the .sequelizerc 'migrations-path', the folder a script runs the CLI
 * in (`cd src/data-access && sequelize-cli db:migrate`), else the usual folders.
 */
export function findSequelizeMigrations(root: string, scripts: Record<string, unknown> = {}): Migrations | undefined {
  const rc = isFile(path.join(root, '.sequelizerc')) ? readText(root, '.sequelizerc') : '';
  const configured = /['"]migrations-path['"]\s*:\s*path\.(?:resolve|join)\(([^)]*)\)/.exec(rc)?.[1];
  const dir = configured ? [...configured.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]!).join('/') : undefined;
  const cliDirs = Object.values(scripts).flatMap((script) => {
    const cd = typeof script === 'string' ? /\bcd\s+([\w./-]+)\s*&&\s*(?:npx\s+)?sequelize(?:-cli)?\s+db:migrate\b/.exec(script)?.[1] : undefined;
    return cd ? [`${cd.replace(/^\.\//, '').replace(/\/$/, '')}/migrations`] : [];
  });
  return moduleMigrations(root, [...(dir ? [dir] : []), ...cliDirs, ...FOLDERS]);
}

/**
 * Reads the tables sequelize-cli migrations create: queryInterface.createTable with its
 * attribute objects (type, allowNull, primaryKey, autoIncrement, unique, defaultValue,
 * references), and addIndex with Sequelize's default index names.
 */
export function parseSequelizeSchema(root: string, migrations: Migrations): Schema {
  const tables = new Map<string, Table>();
  for (const file of migrations.files) {
    const source = readText(root, file);
    for (const match of source.matchAll(/createTable\(\s*['"`](\w+)['"`]\s*,\s*\{/g)) {
      const body = balanced(source, match.index + match[0].length - 1);
      tables.set(match[1]!, readTable(match[1]!, body));
    }
    for (const match of source.matchAll(/addIndex\(\s*['"`](\w+)['"`]\s*,\s*\[([^\]]*)\]\s*(?:,\s*\{([^}]*)\})?/g)) {
      const table = tables.get(match[1]!);
      const columns = [...match[2]!.matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1]!);
      if (!table || !columns.length) continue;
      const options = match[3] ?? '';
      const unique = /unique\s*:\s*true/.test(options);
      const name = /name\s*:\s*['"`]([^'"`]+)['"`]/.exec(options)?.[1] ?? `${table.name}_${columns.join('_')}`;
      table.indexes.push({ name, unique, origin: unique ? 'u' : 'c', columns });
    }
  }
  return { engine: 'ddl', tables: [...tables.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

function readTable(name: string, body: string): Table {
  const table: Table = { name, columns: [], foreignKeys: [], indexes: [] };
  for (const attribute of body.matchAll(/(\w+)\s*:\s*(\{|[\w.]+(?:\([^)]*\))?)/g)) {
    if (depthAt(body, attribute.index) !== 1) continue;
    const definition = attribute[2] === '{' ? balanced(body, attribute.index + attribute[0].length - 1) : `type: ${attribute[2]}`;
    const type = /type\s*:\s*(?:\w+\.)?(\w+)/.exec(definition)?.[1]?.toUpperCase() ?? 'TEXT';
    const primaryKey = /primaryKey\s*:\s*true/.test(definition);
    const column: Column = {
      name: attribute[1]!,
      type: type === 'STRING' ? 'VARCHAR' : type === 'DATE' ? 'TIMESTAMP' : type,
      primaryKey,
      notNull: primaryKey || /allowNull\s*:\s*false/.test(definition),
      hasDefault: /autoIncrement\s*:\s*true|defaultValue\s*:/.test(definition),
      unique: /unique\s*:\s*true/.test(definition),
    };
    table.columns.push(column);
    if (column.unique) table.indexes.push({ name: column.name, unique: true, origin: 'u', columns: [column.name] });
    const reference = /references\s*:\s*\{[^}]*model\s*:\s*['"`](\w+)['"`][^}]*\}/.exec(definition);
    if (reference)
      table.foreignKeys.push({ column: column.name, table: reference[1]!, references: /key\s*:\s*['"`](\w+)['"`]/.exec(reference[0])?.[1] ?? 'id' });
  }
  return table;
}

/** The text inside the braces that open at `start`. */
function balanced(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

function depthAt(text: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}') depth--;
  }
  return depth;
}
