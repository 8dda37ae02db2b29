import { allDependencies, type PackageJson } from './package-json.ts';
import type { SourceFiles } from './files.ts';
import { FRAMEWORK_PACKAGES, majorOf, type Detected, type Framework } from './stack.ts';

/**
 * Folders that hold recipes, examples and demos kept beside the service: an app created there is a
 * sample the repository teaches with, not the service it runs.
 */
const SAMPLE_DIR = /(?:^|\/)(?:recipes?|examples?|samples?|demos?|playground|fixtures|docs|templates)\//;

export function inSampleFolder(file: string): boolean {
  return SAMPLE_DIR.test(file);
}

/** Where each framework's app is created, as it appears in source. */
export const CREATES: Record<Framework, string> = {
  nest: String.raw`NestFactory\s*\.\s*create\s*(?:<[^>]*>)?\s*\(`,
  express: String.raw`express\s*\(\s*\)`,
  fastify: String.raw`(?:await\s+)?(?:Fastify|fastify)\s*(?:<[^>]*>)?\s*\(`,
  koa: String.raw`new\s+Koa\s*(?:<[^>]*>)?\s*\(`,
  hono: String.raw`new\s+(?:OpenAPI)?Hono\s*(?:<[^>]*>)?\s*\(`,
};

/** The source files that create a framework's app, the service's own before samples. */
export function filesCreatingApp(framework: Framework, sources: SourceFiles): string[] {
  const creates = new RegExp(`\\b${CREATES[framework]}`);
  const files = sources.files.filter((file) => creates.test(sources.read(file)));
  return [...files.filter((file) => !inSampleFolder(file)), ...files.filter(inSampleFolder)];
}

export interface FrameworkChoice {
  framework?: Detected<Framework>;
  /** A framework the project declares whose app exists only in a sample folder: the note names it. */
  passedOver?: { value: Framework; file: string };
}

/**
 * The framework of the service the repository runs. One declared framework is it. With several
 * (a Nest recipe beside an Express service), the first, in the order Nest, Fastify, Hono, Koa,
 * Express, whose app is created outside a sample folder.
 */
export function chooseFramework(pkg: PackageJson, sources: SourceFiles): FrameworkChoice {
  const deps = allDependencies(pkg);
  const declared: Detected<Framework>[] = FRAMEWORK_PACKAGES.filter(([name]) => deps[name]).map(([name, value]) => ({ value, version: majorOf(deps[name]!) }));
  if (declared.length <= 1) return declared[0] ? { framework: declared[0] } : {};
  let passedOver: FrameworkChoice['passedOver'];
  for (const entry of declared) {
    const files = filesCreatingApp(entry.value, sources);
    if (files.some((file) => !inSampleFolder(file))) return { framework: entry, ...(passedOver ? { passedOver } : {}) };
    if (files[0]) passedOver ??= { value: entry.value, file: files[0] };
  }
  return { framework: declared[0]! };
}
