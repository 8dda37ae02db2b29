// Bundles the CLI and the plopfile into dist/ so `npm create itest-kit` installs
// one package and starts fast: --help loads only the argument table.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  // check-reporter: loaded by the project's own Vitest in `itest-kit check` runs.
  entryPoints: { cli: 'src/cli/bin.ts', plopfile: 'plopfile.ts', index: 'src/index.ts', 'check-reporter': 'src/check/run-reporter.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer ES module builds: jsonc-parser's UMD main requires its parts at run time, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  target: 'node20.19',
  define: { __KIT_VERSION__: JSON.stringify(version) },
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __kitCreateRequire } from 'node:module'; const require = __kitCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  logOverride: { 'unsupported-require-call': 'silent' },
});
