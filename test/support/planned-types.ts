import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';
import { createContext, detectProject, planKit, resolveAnswers } from '../../src/index.ts';
import { FIXTURES, KIT_ROOT } from './paths.ts';

/** A fixture service with the kit's plan written into a copy of it, nothing installed. */
export interface PlannedFixture {
  name: string;
  dir: string;
  ext: 'ts' | 'js';
  /** The planned files, relative to the copy. */
  files: string[];
}

/** `Factory.define<...>()` on a stand-in `any`: typed in a real install. */
const UNTYPED_CALL_WITH_TYPE_ARGUMENTS = 2347;

/** Where the copies go: inside the kit, so `vitest` and `@types/node` resolve from its node_modules. */
const PLANS_DIR = path.join(KIT_ROOT, '.cache/planned');

/**
 * The fixture services written in one language, by their names (`express-sqlite-js-cjs`); the
 * workspace root counts as TypeScript. Two test files, one per language, type-check in parallel.
 */
export function fixtureNames(language: 'ts' | 'js'): string[] {
  return readdirSync(FIXTURES).filter((name) => !name.startsWith('.') && name.includes('-js-') === (language === 'js'));
}

/**
 * Every fixture service (or the ones named) planned in process (the kit's plan, not its install or
 * run): the fast way to see what the templates emit for all of them. A fixture the kit refuses as it
 * stands (no generated Prisma client, a Node too old for node:sqlite) is left out, and named.
 */
export async function planEveryFixture(only?: readonly string[], folder = 'all'): Promise<{ planned: PlannedFixture[]; refused: string[] }> {
  const planned: PlannedFixture[] = [];
  const refused: string[] = [];
  for (const name of readdirSync(FIXTURES)
    .filter((entry) => !entry.startsWith('.') && (!only || only.includes(entry)))
    .sort()) {
    const dir = path.join(PLANS_DIR, folder, name);
    rmSync(dir, { recursive: true, force: true });
    cpSync(path.join(FIXTURES, name), dir, { recursive: true });
    try {
      const detection = detectProject(dir);
      const kit = createContext(detection, await resolveAnswers({ yes: true }, detection, undefined));
      await planKit(kit);
      const files = [...kit.tree.files.values()]
        .filter((file) => file.path !== 'package.json')
        .map((file) => {
          mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
          writeFileSync(path.join(dir, file.path), file.content);
          return file.path;
        });
      planned.push({ name, dir, ext: kit.paths.ext, files });
    } catch (error) {
      refused.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { planned, refused };
}

/**
 * Type-checks the planned code of every fixture in one TypeScript program per language (JavaScript
 * with checkJs). Packages the kit has no types for here (nothing is installed) are stand-ins typed
 * `any`, so the check is not --strict (the e2e runs tsc --strict on installed copies); what it judges
 * is the code the templates emit: its syntax (and no TypeScript left in JavaScript), its names, the
 * imports between the harness's own modules, and what Vitest and Node give it. Returns the
 * diagnostics in planned files, one line each.
 */
export function typeCheckPlans(fixtures: readonly PlannedFixture[]): string[] {
  const problems: string[] = [];
  const host = cachingHost();
  // A program per fixture (each reusing what the last one parsed): their `declare module 'vitest'` blocks must not meet.
  for (const fixture of fixtures) {
    const language = fixture.ext;
    const roots = fixture.files.filter((file) => /\.(m|c)?[jt]s$/.test(file)).map((file) => path.join(fixture.dir, file));
    if (!roots.length) continue;
    const stubs = path.join(fixture.dir, 'untyped-modules.d.ts');
    writeFileSync(stubs, `${untypedModules(sourceFiles(fixture.dir))}\n`);
    const options: ts.CompilerOptions = {
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      types: ['node'],
      typeRoots: [path.join(KIT_ROOT, 'node_modules/@types')],
      ...(language === 'js' ? { allowJs: true, checkJs: true } : {}),
    };
    const program = ts.createProgram({ rootNames: [...roots, stubs], options, host });
    const planned = new Set(roots);
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const file = diagnostic.file?.fileName;
      if (!file || !planned.has(path.resolve(file)) || diagnostic.code === UNTYPED_CALL_WITH_TYPE_ARGUMENTS) continue;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      problems.push(`${path.relative(path.dirname(fixture.dir), file)}(${line + 1},${character + 1}): TS${diagnostic.code} ${message}`);
    }
  }
  return problems;
}

/**
 * For each package the planned files use that has no types here, a stand-in declaration: every name
 * imported from it (and the default, and members reached through them, `Database.Database`) is at once
 * an `any` value and an `any` type taking up to five arguments, so only the code the templates emit is
 * judged, not guesses about a library's types.
 */
function untypedModules(files: readonly string[]): string {
  const require = createRequire(path.join(KIT_ROOT, 'package.json'));
  const modules = new Map<string, { names: Set<string>; members: Map<string, Set<string>> }>();
  for (const file of files) {
    let source = ts.sys.readFile(file) ?? '';
    // Static imports, and `const { A } = await import('x')` (the harness loads engines only where it needs them).
    const imports: (readonly [string, string])[] = [
      ...[...source.matchAll(/import\s+(?:type\s+)?([^'";]*?)\s+from\s+['"]([^'"./][^'"]*)['"]/g)].map((match) => [match[1]!, match[2]!] as const),
      ...[...source.matchAll(/const\s+(\{[^}]*\})\s*=\s*await\s+import\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)].map(
        (match) => [match[1]!.replace(/:/g, ' as '), match[2]!] as const,
      ),
    ];
    // `const typeorm = require('typeorm')`: what the code reads from the module is what it exports.
    for (const match of source.matchAll(/const\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+import|require)\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)) {
      const read = [
        ...new Set([...source.matchAll(new RegExp(`(?<![\\w.$])${match[1]!.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g'))].map((member) => member[1]!)),
      ];
      imports.push([`{ ${read.join(', ')} }`, match[2]!]);
    }
    // In JavaScript, types are JSDoc: `import('knex').Knex.Transaction`.
    for (const match of source.matchAll(/import\(\s*['"]([^'"./][^'"]*)['"]\s*\)((?:\.[A-Za-z_$][\w$]*)*)/g)) {
      const [first, member] = (match[2] ?? '').split('.').slice(1);
      imports.push([first ? `{ ${first} }` : '', match[1]!]);
      if (first && member) source += `\n${first}.${member}`;
    }
    for (const [clause, name] of imports) {
      if (name.startsWith('node:') || typed(require, name)) continue;
      const entry = modules.get(name) ?? { names: new Set<string>(), members: new Map<string, Set<string>>() };
      modules.set(name, entry);
      const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? '';
      const locals: [string, string][] = [];
      const outside = clause
        .replace(/\{[^}]*\}/, '')
        .replace(/\*\s+as\s+/, '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      for (const local of outside) locals.push(['default', local]);
      for (const part of named
        .split(',')
        .map((item) => item.trim().replace(/^type\s+/, ''))
        .filter(Boolean)) {
        const [imported, local = imported] = part.split(/\s+as\s+/) as [string, string?];
        entry.names.add(imported);
        locals.push([imported, local]);
      }
      for (const [imported, local] of locals) {
        const members = entry.members.get(imported) ?? new Set<string>();
        entry.members.set(imported, members);
        for (const member of source.matchAll(new RegExp(`(?<![\\w.$])${local.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g'))) members.add(member[1]!);
      }
    }
  }
  const generic = '<A = any, B = any, C = any, D = any, E = any>';
  const declare = (name: string, members: Set<string> | undefined) =>
    [
      `  const ${name}: any;`,
      `  type ${name}${generic} = any;`,
      `  namespace ${name} {`,
      ...[...(members ?? [])].map((member) => `    type ${member}${generic} = any;`),
      '  }',
    ].join('\n');
  // A module the service augments (`declare module 'fastify' { interface FastifyInstance ... }`) gets interfaces, which merge.
  const declareAugmentable = (name: string) =>
    [`  const ${name}: any;`, `  interface ${name}${generic} { [member: string]: any; (...args: any[]): any; new (...args: any[]): any }`].join('\n');
  const augmented = new Set(
    files.flatMap((file) => [...(ts.sys.readFile(file) ?? '').matchAll(/declare\s+module\s+['"]([^'"]+)['"]/g)].map((match) => match[1]!)),
  );
  return [...modules]
    .map(([name, { names, members }]) =>
      [
        `declare module '${name}' {`,
        declare('__default', members.get('default')),
        '  export default __default;',
        ...[...names]
          .filter((imported) => imported !== 'default')
          .map((imported) => `${augmented.has(name) ? declareAugmentable(imported) : declare(imported, members.get(imported))}\n  export { ${imported} };`),
        '}',
      ].join('\n'),
    )
    .join('\n\n');
}

/** A compiler host that parses each library file once for all the programs (Node's and Vitest's types). */
function cachingHost(): ts.CompilerHost {
  const host = ts.createCompilerHost({ target: ts.ScriptTarget.ES2022 });
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, fresh) => {
    if (!fileName.includes(`${path.sep}node_modules${path.sep}`) && !fileName.includes('/typescript/lib/'))
      return getSourceFile(fileName, language, onError, fresh);
    if (!parsed.has(fileName)) parsed.set(fileName, getSourceFile(fileName, language, onError, fresh));
    return parsed.get(fileName);
  };
  return host;
}

/** The fixture copy's code: the planned files and the service's own modules they load. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(m|c)?[jt]s$/.test(file) && !file.split(path.sep).includes('node_modules') && !file.endsWith('.d.ts'))
    .map((file) => path.join(dir, file));
}

function typed(require: NodeRequire, name: string): boolean {
  const root = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
  if (existsSync(path.join(KIT_ROOT, 'node_modules/@types', root.replace(/^@/, '').replace('/', '__')))) return true;
  try {
    const manifest = require(`${root}/package.json`) as { types?: string; typings?: string; exports?: unknown };
    return Boolean(manifest.types ?? manifest.typings ?? manifest.exports);
  } catch {
    return false;
  }
}

/**
 * The fast tier's check for one language: every fixture service in it planned and its planned code
 * type-checked, with no TypeScript left in JavaScript. Fixtures the kit refuses as they stand (an
 * ungenerated Prisma client, node:sqlite on a Node before 22.13, a workspace root) are named; the e2e
 * covers them with their installs.
 */
export async function expectPlansToTypeCheck(language: 'ts' | 'js', atLeast: number): Promise<void> {
  const { planned, refused } = await planEveryFixture(fixtureNames(language), language);
  for (const line of refused) expect(line).toMatch(/Prisma client is not generated|node:sqlite|No web framework found/);
  expect(planned.length).toBeGreaterThanOrEqual(atLeast);
  expect(planned.every((fixture) => fixture.ext === language)).toBe(true);
  expect(typeCheckPlans(planned)).toEqual([]);
}
