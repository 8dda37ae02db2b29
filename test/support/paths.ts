import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KIT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = path.join(KIT_ROOT, 'test/fixtures');
export const CLI = path.join(KIT_ROOT, 'dist/cli.js');

/** Outside the clone, so installs survive between CI runs on one machine. */
export const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'create-itest-kit-tests');
