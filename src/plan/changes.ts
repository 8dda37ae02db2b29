import path from 'node:path';
import { hash, parseManifest, renderManifest, type Manifest } from './manifest.ts';
import { readDisk, type Tree } from './tree.ts';

export type ChangeStatus = 'create' | 'update' | 'unchanged' | 'conflict';

export interface FileChange {
  path: string;
  status: ChangeStatus;
  before: string | undefined;
  after: string;
  by: string;
}

/** Compares the planned tree with the disk and the manifest of the last run. */
export function classify(tree: Tree, manifestPath: string): FileChange[] {
  const manifest = parseManifest(readDisk(path.join(tree.root, manifestPath)));
  const changes: FileChange[] = [];
  for (const file of tree.files.values()) {
    const before = readDisk(path.join(tree.root, file.path));
    changes.push({ path: file.path, before, after: file.content, by: file.by, status: statusOf(file.merge, before, file.content, manifest.files[file.path]) });
  }
  return changes.sort((a, b) => a.path.localeCompare(b.path));
}

function statusOf(merge: boolean, before: string | undefined, after: string, recorded: string | undefined): ChangeStatus {
  if (before === undefined) return 'create';
  if (before === after) return 'unchanged';
  // Merged files already contain the user's content; the kit only adds to them.
  if (merge) return 'update';
  return recorded !== undefined && recorded === hash(before) ? 'update' : 'conflict';
}

/**
 * The manifest after this run: files the kit owns and wrote (or found identical)
 * get the new hash; a file the user kept keeps its old entry, so it stays theirs.
 */
export function nextManifest(tree: Tree, manifestPath: string, written: FileChange[], kept: FileChange[]): string {
  const previous: Manifest = parseManifest(readDisk(path.join(tree.root, manifestPath)));
  const files: Record<string, string> = { ...previous.files };
  for (const change of written) {
    if (!tree.files.get(change.path)?.merge) files[change.path] = hash(change.after);
  }
  for (const change of kept) {
    if (previous.files[change.path] === undefined) delete files[change.path];
  }
  return renderManifest({ generator: 'create-itest-kit', files });
}
