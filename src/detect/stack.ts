import semver from 'semver';
import { allDependencies, type PackageJson } from './package-json.ts';

export const FRAMEWORKS = ['express', 'fastify', 'koa', 'nest', 'hono'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** How each framework is named in messages. */
export const FRAMEWORK_NAMES: Record<Framework, string> = { express: 'Express', fastify: 'Fastify', koa: 'Koa', nest: 'Nest', hono: 'Hono' };

export const FRAMEWORK_PACKAGES: [string, Framework][] = [
  ['@nestjs/core', 'nest'],
  ['fastify', 'fastify'],
  ['hono', 'hono'],
  ['koa', 'koa'],
  ['express', 'express'],
];

export const DATA_LAYERS = [
  'better-sqlite3',
  'node:sqlite',
  'pg',
  'mysql2',
  'knex',
  'drizzle-orm',
  'prisma',
  'typeorm',
  'sequelize',
  'mongoose',
  'sqlite3',
] as const;
export type DataLayer = (typeof DATA_LAYERS)[number];

const DATA_PACKAGES: [string, DataLayer][] = [
  ['@prisma/client', 'prisma'],
  ['drizzle-orm', 'drizzle-orm'],
  ['typeorm', 'typeorm'],
  ['sequelize', 'sequelize'],
  ['knex', 'knex'],
  ['mongoose', 'mongoose'],
  ['better-sqlite3', 'better-sqlite3'],
  ['pg', 'pg'],
  ['mysql2', 'mysql2'],
  ['sqlite3', 'sqlite3'],
];

export const TEST_RUNNERS = ['vitest', 'jest', 'mocha', 'node'] as const;
export type TestRunner = (typeof TEST_RUNNERS)[number];

export interface Detected<T> {
  value: T;
  version?: string;
}

export function detectFramework(pkg: PackageJson): Detected<Framework> | undefined {
  const deps = allDependencies(pkg);
  for (const [name, framework] of FRAMEWORK_PACKAGES) if (deps[name]) return { value: framework, version: majorOf(deps[name]) };
  return undefined;
}

/** Every data layer the project depends on, ORMs first: they decide how tests reach the database. */
export function detectDataLayers(pkg: PackageJson): Detected<DataLayer>[] {
  const deps = allDependencies(pkg);
  return DATA_PACKAGES.filter(([name]) => deps[name]).map(([name, layer]) => ({ value: layer, version: majorOf(deps[name]!) }));
}

export function detectTestRunner(pkg: PackageJson): Detected<TestRunner> | undefined {
  const deps = allDependencies(pkg);
  for (const runner of ['vitest', 'jest', 'mocha'] as const) if (deps[runner]) return { value: runner, version: majorOf(deps[runner]) };
  if (/\bnode\s+(--[\w-]+\s+)*--test\b/.test(Object.values(pkg.scripts ?? {}).join('\n'))) return { value: 'node' };
  return undefined;
}

export function majorOf(range: string): string | undefined {
  return semver.validRange(range) ? semver.minVersion(range)?.version : undefined;
}

/** Whether the project's data layers include this one. */
export function usesLayer(layers: readonly { value: string }[], layer: DataLayer): boolean {
  return layers.some((candidate) => candidate.value === layer);
}
