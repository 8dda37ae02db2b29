import type { EntryPoint } from './entry-point.ts';
import type { SourceFiles } from './files.ts';
import { resolveSpecifier, type Project } from './routes/source.ts';
import { inSampleFolder } from './service-framework.ts';

/** `import x from './a'`, `export * from './a'`, `require('./a')`, `import('./a')`. */
const LOADS = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/**
 * Where package.json names no start: the file that loads the app's module and that no other
 * module loads (`example-application/start.js` calling `initializeWebServer()`), outside sample folders.
 */
export function findStarter(project: Project, sources: SourceFiles, appFile: string): EntryPoint | undefined {
  const loads = new Map(
    sources.files.map((file) => [file, [...sources.read(file).matchAll(LOADS)].map((match) => resolveSpecifier(project, file, match[1]!))]),
  );
  const loaded = new Set([...loads.values()].flat());
  const starters = sources.files.filter((file) => file !== appFile && !inSampleFolder(file) && !loaded.has(file) && loads.get(file)!.includes(appFile));
  // The nearest the root: `start.js` before `scripts/tools/x.js`.
  const [file] = starters.sort((a, b) => a.split('/').length - b.split('/').length);
  return file ? { file, source: `the module that loads ${appFile}` } : undefined;
}
