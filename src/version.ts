import { readFileSync } from 'node:fs';

declare const __KIT_VERSION__: string | undefined;

/** Inlined by the bundler; read from package.json when running from source. */
export const VERSION: string =
  typeof __KIT_VERSION__ === 'string'
    ? __KIT_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
