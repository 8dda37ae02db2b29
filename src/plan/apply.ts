import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classify, nextManifest, type FileChange } from './changes.ts';
import { readDisk, type Tree } from './tree.ts';

export type ConflictPolicy = 'ask' | 'force' | 'skip';
export type ConflictAnswer = 'overwrite' | 'skip';

/** Asks the user about one file the kit would overwrite; injected so tests need no TTY. */
export type ConflictResolver = (change: FileChange) => Promise<ConflictAnswer>;

export interface ApplyResult {
  changes: FileChange[];
  written: FileChange[];
  kept: FileChange[];
}

export interface ApplyOptions {
  manifestPath: string;
  policy: ConflictPolicy;
  resolve?: ConflictResolver;
}

/** Decides every conflict first, then writes: an answer of "abort" never leaves half a harness. */
export async function applyTree(tree: Tree, options: ApplyOptions): Promise<ApplyResult> {
  const changes = classify(tree, options.manifestPath);
  const written: FileChange[] = [];
  const kept: FileChange[] = [];
  for (const change of changes) {
    if (change.status === 'unchanged') continue;
    if (change.status !== 'conflict') {
      written.push(change);
      continue;
    }
    const answer = await decide(change, options);
    (answer === 'overwrite' ? written : kept).push(change);
  }

  for (const change of written) writeAtomically(path.join(tree.root, change.path), change.after);

  const manifest = nextManifest(tree, options.manifestPath, [...written, ...changes.filter((c) => c.status === 'unchanged')], kept);
  const manifestFile = path.join(tree.root, options.manifestPath);
  if (readDisk(manifestFile) !== manifest) writeAtomically(manifestFile, manifest);
  return { changes, written, kept };
}

async function decide(change: FileChange, options: ApplyOptions): Promise<ConflictAnswer> {
  if (options.policy === 'force') return 'overwrite';
  if (options.policy === 'skip' || !options.resolve) return 'skip';
  return options.resolve(change);
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.itest-kit-${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}
