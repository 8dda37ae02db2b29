import { allDependencies } from '../detect/package-json.ts';
import { quote } from './literals.ts';
import type { KitContext } from './context.ts';

/**
 * What each framework needs between "the app object" and "something supertest drives":
 * Express apps are request handlers already; Koa hands one out with callback(); Fastify
 * serves through its `server` once ready(); Hono through @hono/node-server's listener.
 * None opens a port: supertest binds an ephemeral one per request.
 */
export interface ServerGlue {
  /** Harness imports the glue needs. */
  imports: string[];
  /** Statements after `export const app = ...`, ending with `export const server = ...`. */
  lines: string[];
  /** Packages the glue imports that the project may not have yet. */
  devDependencies: Record<string, string>;
}

export function serverGlue(kit: KitContext): ServerGlue {
  // A service started from its entry point serves itself: boot.ts captures the server it listens with.
  if (kit.app.kind === 'entry') return { imports: [], lines: [], devDependencies: {} };
  switch (kit.answers.framework) {
    case 'koa':
      return { imports: [], lines: ['', '/** What supertest drives: the request handler Koa builds from the middleware stack. */', 'export const server = app.callback();'], devDependencies: {} };
    case 'fastify':
      return fastifyGlue(kit);
    case 'hono':
      return {
        imports: ["import { getRequestListener } from '@hono/node-server';"],
        lines: ['', '/** What supertest drives: the app behind the Node adapter, as in production. */', 'export const server = getRequestListener(app.fetch);'],
        devDependencies: missing(kit, { '@hono/node-server': kit.versions.packages['@hono/node-server'] }),
      };
    case 'nest':
      return nestGlue(kit);
    default:
      return { imports: [], lines: ['', '/** What supertest drives: an Express app is a request handler already. */', 'export const server = app;'], devDependencies: {} };
  }
}

/** Fastify serves once ready(); a root-plugin app is registered first, through fastify-plugin when the project has it (as fastify-cli does). */
function fastifyGlue(kit: KitContext): ServerGlue {
  const plugin = kit.app.kind === 'plugin';
  const fp = plugin && allDependencies(kit.detection.packageJson.json)['fastify-plugin'] !== undefined;
  return {
    imports: plugin ? ["import Fastify from 'fastify';", ...(fp ? ["import fp from 'fastify-plugin';"] : [])] : [],
    lines: [
      ...(plugin ? [fp ? 'app.register(fp(serviceApp));' : 'app.register(serviceApp);'] : []),
      '',
      '// Plugins load and routes are registered in ready(); supertest then drives the underlying Node server.',
      'await app.ready();',
      '',
      '/** What supertest drives. */',
      'export const server = app.server;',
    ],
    devDependencies: {},
  };
}

/**
 * Nest: the root module compiled with @nestjs/testing, set up the way main.ts sets it up
 * (global prefix, ValidationPipe), initialised without listening.
 */
function nestGlue(kit: KitContext): ServerGlue {
  const { globalPrefix: prefix, validationPipe: pipe } = kit.nestBootstrap ?? {};
  const core = allDependencies(kit.detection.packageJson.json)['@nestjs/core'] ?? '^11.0.0';
  return {
    imports: ["import { Test } from '@nestjs/testing';", ...(pipe ? ["import { ValidationPipe } from '@nestjs/common';"] : [])],
    lines: [
      ...(prefix !== undefined ? [`app.setGlobalPrefix(${quote(prefix)});`] : []),
      ...(pipe ? [`app.useGlobalPipes(${pipe.replace(/\s+/g, ' ')});`] : []),
      'await app.init();',
      '',
      '/** What supertest drives: the HTTP server Nest built, not listening. */',
      'export const server = app.getHttpServer();',
    ],
    devDependencies: missing(kit, { '@nestjs/testing': core }),
  };
}

function missing(kit: KitContext, packages: Record<string, string>): Record<string, string> {
  const present = allDependencies(kit.detection.packageJson.json);
  return Object.fromEntries(Object.entries(packages).filter(([name]) => !present[name]));
}
