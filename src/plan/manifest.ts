import { createHash } from 'node:crypto';

/**
 * The kit records a hash of every file it wrote. On the next run a file whose
 * disk content still has that hash was not touched by the user, so a newer
 * template may replace it; any other difference is the user's and needs consent.
 */
export interface Manifest {
  generator: 'create-itest-kit';
  files: Record<string, string>;
}

export function hash(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

export function parseManifest(text: string | undefined): Manifest {
  if (text) {
    try {
      const value = JSON.parse(text) as Partial<Manifest>;
      if (value && typeof value.files === 'object') return { generator: 'create-itest-kit', files: { ...value.files } };
    } catch {
      // A damaged manifest only costs us the ability to tell our files from the user's.
    }
  }
  return { generator: 'create-itest-kit', files: {} };
}

export function renderManifest(manifest: Manifest): string {
  const files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ generator: manifest.generator, files }, null, 2) + '\n';
}
