/**
 * Response headers the app's own middleware promises, read from the module that builds
 * it: helmet's security headers, CORS (and the origin it allows), X-Powered-By turned off.
 */
export interface HeaderPolicy {
  helmet: boolean;
  /** The origin CORS allows: '*' for cors() as is, a configured literal origin, or undefined when it is computed. */
  corsOrigin?: string;
  cors: boolean;
  hidesPoweredBy: boolean;
}

export function readHeaderPolicy(source: string): HeaderPolicy {
  const helmet = /\bhelmet\s*\(/.test(source);
  const corsCall = /\bcors\s*\(\s*(\{[^}]*\})?\s*\)/.exec(source);
  const options = corsCall?.[1] ?? '';
  const literal = /origin\s*:\s*(?:\[\s*)?['"`]([^'"`$]+)['"`]/.exec(options)?.[1];
  const corsOrigin = !corsCall ? undefined : !/origin\s*:/.test(options) ? '*' : literal;
  return {
    helmet,
    cors: Boolean(corsCall),
    ...(corsOrigin ? { corsOrigin } : {}),
    hidesPoweredBy: helmet || /\.disable\(\s*['"]x-powered-by['"]\s*\)/.test(source),
  };
}
