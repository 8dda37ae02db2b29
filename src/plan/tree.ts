import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What a generator wants a file to become, and which generator wants it. */
export interface PlannedFile {
  path: string;
  content: string;
  by: string;
  /** Files the kit merges into (package.json) rather than owns outright. */
  merge: boolean;
  /** Rendered from a TypeScript template for a JavaScript project: turned into JavaScript before anything reads it back or applies it. */
  fromTypeScript?: boolean;
}

/** A command the apply step runs after writing, such as the install. */
export interface PlannedCommand {
  kind: 'install' | 'verify';
  command: string;
  args: string[];
  title: string;
}

/**
 * An in-memory tree in the style of Nx: generators read and write through it,
 * nothing touches the disk until `apply`. Reads see earlier planned writes.
 */
export class Tree {
  readonly files = new Map<string, PlannedFile>();
  readonly commands: PlannedCommand[] = [];
  /** Messages for the user that do not change files (hints, kept settings). */
  readonly notes: string[] = [];

  constructor(readonly root: string) {}

  /** Current content: planned if any generator wrote it, else what is on disk. */
  read(file: string): string | undefined {
    const planned = this.files.get(normalize(file));
    if (planned) return planned.content;
    return readDisk(path.join(this.root, file));
  }

  exists(file: string): boolean {
    return this.read(file) !== undefined;
  }

  write(file: string, content: string, by: string, options: { merge?: boolean; fromTypeScript?: boolean } = {}): void {
    const key = normalize(file);
    this.files.set(key, { path: key, content, by, merge: options.merge ?? false, ...(options.fromTypeScript ? { fromTypeScript: true } : {}) });
  }

  /** Turns every file rendered from a TypeScript template for a JavaScript project into JavaScript. */
  async finish(toJavaScript: (typescript: string) => Promise<string>): Promise<void> {
    for (const file of this.files.values()) {
      if (!file.fromTypeScript) continue;
      this.files.set(file.path, { path: file.path, content: await toJavaScript(file.content), by: file.by, merge: file.merge });
    }
  }

  addCommand(command: PlannedCommand): void {
    this.commands.push(command);
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }
}

export function readDisk(absolute: string): string | undefined {
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}

function normalize(file: string): string {
  return path.posix.normalize(file.split(path.sep).join('/')).replace(/^\.\//, '');
}
