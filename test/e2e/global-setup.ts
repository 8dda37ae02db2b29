import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { CLI, KIT_ROOT } from '../support/paths.ts';

/** The end-to-end tests run the published shape: the bundled dist/cli.js. */
export default async function buildOnce(): Promise<void> {
  if (process.env.ITEST_SKIP_BUILD === '1' && existsSync(CLI)) return;
  await execa('node', ['scripts/build.mjs'], { cwd: KIT_ROOT, stdio: 'inherit' });
}
