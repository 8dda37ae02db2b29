import type { Framework } from './stack.ts';

/**
 * Response headers the app's own middleware promises, read from the module that builds
 * it: security headers (helmet and its Koa/Fastify ports, Hono's secureHeaders), CORS (and
 * the origin it allows), X-Powered-By turned off.
 */
export interface HeaderPolicy {
  /** nosniff and X-Frame-Options are set (helmet, koa-helmet, @fastify/helmet, hono/secure-headers). */
  securityHeaders: boolean;
  /** A Content-Security-Policy comes with them (helmet's default; Hono's secureHeaders sets none unless told). */
  csp: boolean;
  /**
   * The origin CORS allows: '*' for the middleware's default where that is any origin, 'reflect'
   * where the default echoes the request's Origin (@koa/cors), a configured literal origin, or
   * undefined when it is computed.
   */
  corsOrigin?: string;
  cors: boolean;
  /** Express only: the app turned off its X-Powered-By header (helmet does too). */
  hidesPoweredBy: boolean;
}

const HELMET = /\bhelmet\s*\(|\.register\s*\(\s*(?:helmet|fastifyHelmet)\b/;
const CORS = /\bcors\s*\(\s*(\{[^}]*\})?\s*\)|\.register\s*\(\s*(?:cors|fastifyCors)\s*(?:,\s*(\{[^}]*\}))?\s*\)/;

export function readHeaderPolicy(source: string, framework: Framework = 'express'): HeaderPolicy {
  const helmet = HELMET.test(source);
  const secureHeaders = /\bsecureHeaders\s*\(/.test(source);
  const corsCall = CORS.exec(source);
  const options = corsCall?.[1] ?? corsCall?.[2] ?? '';
  const literal = /origin\s*:\s*(?:\[\s*)?['"`]([^'"`$]+)['"`]/.exec(options)?.[1];
  const reflects = /['"]@koa\/cors['"]/.test(source);
  const corsOrigin = !corsCall ? undefined : !/origin\s*:/.test(options) ? (reflects ? 'reflect' : '*') : literal;
  return {
    securityHeaders: helmet || secureHeaders,
    csp: helmet,
    cors: Boolean(corsCall),
    ...(corsOrigin ? { corsOrigin } : {}),
    hidesPoweredBy: framework === 'express' && (helmet || /\.disable\(\s*['"]x-powered-by['"]\s*\)/.test(source)),
  };
}
