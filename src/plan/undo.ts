import { readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readDisk } from './tree.ts';
import type { ApplyResult } from './apply.ts';

/** Files as they were before the kit touched them; undefined for a file that did not exist. */
export type Snapshot = Map<string, string | undefined>;

/** The current content of files the kit may change outside its plan (the manifest, the lockfiles an install rewrites). */
export function snapshot(root: string, files: string[]): Snapshot {
  return new Map(files.map((file) => [file, readDisk(path.join(root, file))]));
}

/**
 * Puts the project back as it was before apply: files the plan created are removed (and the
 * folders that held only them), changed ones get their old content, and so do the snapshotted files.
 */
export function undoApply(root: string, result: ApplyResult, before: Snapshot): void {
  const restore = new Map<string, string | undefined>(before);
  for (const change of result.written) restore.set(change.path, change.before);
  const folders = new Set<string>();
  for (const [file, content] of restore) {
    const absolute = path.join(root, file);
    if (content === undefined) {
      rmSync(absolute, { force: true });
      for (let dir = path.dirname(file); dir !== '.'; dir = path.dirname(dir)) folders.add(dir);
    } else if (readDisk(absolute) !== content) {
      writeFileSync(absolute, content);
    }
  }
  // Deepest first, so a folder emptied by its subfolders' removal goes too.
  for (const dir of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    const absolute = path.join(root, dir);
    try {
      if (readdirSync(absolute).length === 0) rmdirSync(absolute);
    } catch {
      // already gone, or not a folder the kit made
    }
  }
}
