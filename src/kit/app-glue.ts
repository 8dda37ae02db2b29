import { allDependencies } from '../detect/package-json.ts';
import { defaultFrom, namedFrom, type ModuleBinding } from './module-binding.ts';
import type { KitContext } from './context.ts';

/**
 * What each framework needs between "the app object" and "something supertest drives":
 * Express apps are request handlers already; Koa hands one out with callback(); Fastify
 * serves through its `server` once ready(); Hono through @hono/node-server's listener.
 * None opens a port: supertest binds an ephemeral one per request.
 * templates/harness/server-glue.ts.hbs writes the statements for these facts.
 */
export type GlueFacts =
  | { express: true }
  | { koa: true }
  | { hono: true }
  /** A root plugin is registered on a fresh instance first, through fastify-plugin where the project has it (as fastify-cli does). */
  | { fastify: { plugin?: true; throughFp?: true } }
  /** Set up the way main.ts sets it up: its global prefix, and the ValidationPipe expression it passes, as it wrote it. */
  | { nest: { prefix?: string; pipe?: string } };

export interface ServerGlue {
  /** What the glue imports. */
  imports: ModuleBinding[];
  glue: GlueFacts;
  /** Packages the glue imports that the project may not have yet. */
  devDependencies: Record<string, string>;
}

/** The glue of an app the harness imports (a service started from its entry point serves itself: boot.ts captures its server). */
export function serverGlue(kit: KitContext): ServerGlue {
  switch (kit.answers.framework) {
    case 'koa':
      return { imports: [], glue: { koa: true }, devDependencies: {} };
    case 'fastify':
      return fastifyGlue(kit);
    case 'hono':
      return {
        imports: [namedFrom('@hono/node-server', 'getRequestListener')],
        glue: { hono: true },
        devDependencies: missing(kit, { '@hono/node-server': kit.versions.packages['@hono/node-server'] }),
      };
    case 'nest':
      return nestGlue(kit);
    default:
      return { imports: [], glue: { express: true }, devDependencies: {} };
  }
}

function fastifyGlue(kit: KitContext): ServerGlue {
  if (kit.app.kind !== 'plugin') return { imports: [], glue: { fastify: {} }, devDependencies: {} };
  const fp = allDependencies(kit.detection.packageJson.json)['fastify-plugin'] !== undefined;
  return {
    imports: [defaultFrom('fastify', 'Fastify'), ...(fp ? [defaultFrom('fastify-plugin', 'fp')] : [])],
    glue: { fastify: fp ? { plugin: true, throughFp: true } : { plugin: true } },
    devDependencies: {},
  };
}

/** Nest: the root module compiled with @nestjs/testing, initialised without listening. */
function nestGlue(kit: KitContext): ServerGlue {
  const { globalPrefix: prefix, validationPipe: pipe } = kit.nestBootstrap ?? {};
  const core = allDependencies(kit.detection.packageJson.json)['@nestjs/core'] ?? '^11.0.0';
  return {
    imports: [namedFrom('@nestjs/testing', 'Test'), ...(pipe ? [namedFrom('@nestjs/common', 'ValidationPipe')] : [])],
    glue: { nest: { ...(prefix !== undefined ? { prefix } : {}), ...(pipe ? { pipe: pipe.replace(/\s+/g, ' ') } : {}) } },
    devDependencies: missing(kit, { '@nestjs/testing': core }),
  };
}

function missing(kit: KitContext, packages: Record<string, string>): Record<string, string> {
  const present = allDependencies(kit.detection.packageJson.json);
  return Object.fromEntries(Object.entries(packages).filter(([name]) => !present[name]));
}
