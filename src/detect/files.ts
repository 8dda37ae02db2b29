import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next', 'out', '.turbo', '.cache', 'tmp']);
const SOURCE_EXT = /\.(?:[cm]?[jt]s)$/;
const MAX_FILES = 3000;
/** Tools' own configuration (vitest.config.ts, eslint.config.mjs), not the service's: its config.ts is a source. */
const TOOL_CONFIG = /\.config\.[cm]?[jt]s$/;

/** Source files of the project (relative, posix), skipping build output, dependencies and tests. */
export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8 || found.length >= MAX_FILES) return;
    for (const entry of directoryEntries(root, dir).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.') && !isTestDir(entry.name)) walk(rel, depth + 1);
      } else if (SOURCE_EXT.test(entry.name) && !/\.(test|spec|d)\.[cm]?[jt]s$/.test(entry.name) && !TOOL_CONFIG.test(entry.name)) {
        found.push(rel);
      }
    }
  };
  walk('', 0);
  return found;
}

function isTestDir(name: string): boolean {
  return name === 'test' || name === 'tests' || name === '__tests__' || name === 'e2e';
}

/** The entries of a folder under the root; none when it does not exist or cannot be read. */
export function directoryEntries(root: string, dir: string): Dirent[] {
  try {
    return readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
}

export function readText(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export function isDirectory(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(absolute: string): boolean {
  try {
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
}

/**
 * The project's source files for one detection pass: listed on first use and each
 * read at most once, however many detectors look at them.
 */
export class SourceFiles {
  #files: string[] | undefined;
  readonly #texts = new Map<string, string>();

  constructor(readonly root: string) {}

  get files(): string[] {
    return (this.#files ??= listSourceFiles(this.root));
  }

  read(file: string): string {
    let text = this.#texts.get(file);
    if (text === undefined) this.#texts.set(file, (text = readText(this.root, file)));
    return text;
  }
}
