import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KIT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = path.join(KIT_ROOT, 'test/fixtures');
export const CLI = path.join(KIT_ROOT, 'dist/cli.js');

/** Outside the clone, so installs survive between CI runs on one machine. */
export const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'create-itest-kit-tests');

/**
 * better-sqlite3 binaries compiled by an earlier install, packed the way prebuild-install looks for
 * local prebuilds: each version compiles once per Node ABI, not once per fixture.
 */
export const PREBUILDS_DIR = path.join(CACHE_DIR, 'prebuilds');

/** Tells better-sqlite3's install script (prebuild-install) where the local prebuilds are. */
const PREBUILDS_ENV = { npm_config_better_sqlite3_local_prebuilds: PREBUILDS_DIR };

/**
 * The npm settings of every install a test makes: local prebuilds, and package metadata from npm's
 * cache once an earlier install fetched it (dozens of installs of the same packages per run).
 */
export const INSTALL_ENV = { ...PREBUILDS_ENV, npm_config_prefer_offline: 'true' };
