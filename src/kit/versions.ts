import semver from 'semver';

/**
 * The exact devDependency versions the harness installs. Two sets: current majors
 * for Node >= 22.12, and the last majors that still support Node 20. The target's
 * lowest supported Node picks the set (see detect/node-version.ts).
 */
export interface VersionSet {
  name: 'current' | 'node20';
  minNode: string;
  packages: Record<HarnessPackage, string>;
  /** Why a package differs from the set's own pin in this project (see fitToTree). */
  adjusted?: string;
}

export type HarnessPackage =
  | 'vitest'
  | 'supertest'
  | '@types/supertest'
  | 'better-sqlite3'
  | '@types/better-sqlite3'
  | 'pg'
  | '@types/pg'
  | 'mysql2'
  | 'testcontainers'
  | '@testcontainers/postgresql'
  | '@testcontainers/mysql'
  | '@electric-sql/pglite'
  | '@electric-sql/pglite-socket'
  | 'ajv'
  | 'ajv-formats'
  | 'yaml'
  | '@hono/node-server'
  | 'msw'
  | 'fishery'
  | '@faker-js/faker'
  | 'jsonwebtoken'
  | '@types/jsonwebtoken';

export const VERSION_SETS: readonly VersionSet[] = [
  {
    name: 'current',
    minNode: '22.12.0',
    packages: {
      vitest: '5.1.1',
      supertest: '7.3.2',
      '@types/supertest': '7.2.1',
      'better-sqlite3': '13.2.0',
      '@types/better-sqlite3': '9.6.0',
      pg: '8.23.1',
      '@types/pg': '8.23.1',
      mysql2: '3.24.6',
      testcontainers: '12.2.0',
      '@testcontainers/postgresql': '12.2.0',
      '@testcontainers/mysql': '12.1.0',
      '@electric-sql/pglite': '0.5.14',
      '@electric-sql/pglite-socket': '0.2.17',
      ajv: '8.20.0',
      'ajv-formats': '3.0.1',
      yaml: '2.9.1',
      '@hono/node-server': '2.1.9',
      // msw 3 (September 2026) never ends a mocked response for got: got's request timer fires
      // in a later test. 2.15 works on every Node the kit supports.
      msw: '2.15.0',
      fishery: '2.4.0',
      '@faker-js/faker': '10.6.0',
      jsonwebtoken: '9.0.3',
      '@types/jsonwebtoken': '9.0.10',
    },
  },
  {
    name: 'node20',
    minNode: '20.19.0',
    packages: {
      vitest: '4.1.12',
      supertest: '7.3.2',
      '@types/supertest': '7.2.1',
      'better-sqlite3': '12.11.1',
      '@types/better-sqlite3': '9.6.0',
      pg: '8.23.1',
      '@types/pg': '8.23.1',
      mysql2: '3.24.6',
      // testcontainers 12 needs Node 22.22: 11 is the last line for Node 20.
      testcontainers: '11.14.0',
      '@testcontainers/postgresql': '11.9.0',
      '@testcontainers/mysql': '11.7.0',
      '@electric-sql/pglite': '0.5.14',
      '@electric-sql/pglite-socket': '0.2.17',
      ajv: '8.20.0',
      'ajv-formats': '3.0.1',
      yaml: '2.9.1',
      '@hono/node-server': '2.1.9',
      msw: '2.15.0',
      fishery: '2.4.0',
      '@faker-js/faker': '10.6.0',
      jsonwebtoken: '9.0.3',
      '@types/jsonwebtoken': '9.0.10',
    },
  },
];

export function versionSetFor(nodeVersion: string): VersionSet {
  return VERSION_SETS.find((set) => semver.gte(nodeVersion, set.minNode)) ?? VERSION_SETS[VERSION_SETS.length - 1]!;
}

/**
 * Peers each Vitest major declares that a project's tree can already hold at a version outside
 * their range. npm enforces an optional peer once it is present, and refuses the install (ERESOLVE):
 * a tree pinned to @opentelemetry/api 1.3 by an older OpenTelemetry SDK cannot take Vitest 4.
 */
const VITEST_PEERS: Record<number, Record<string, string>> = {
  4: { '@opentelemetry/api': '^1.9.0', vite: '^6.0.0 || ^7.0.0 || ^8.0.0' },
  5: { '@opentelemetry/api': '^1.9.0', vite: '^6.4.0 || ^7.0.0 || ^8.0.0' },
};
/** The oldest Vitest the harness runs on: it declares neither peer, and depends on its own vite. */
export const VITEST_FALLBACK = '3.2.4';
/** The packages whose installed versions decide the fit. */
export const VITEST_PEER_NAMES = [...new Set(Object.values(VITEST_PEERS).flatMap((peers) => Object.keys(peers)))];

/** The set with a Vitest the project's tree accepts: the set's own when its peers fit, else VITEST_FALLBACK. */
export function fitToTree(set: VersionSet, installed: Readonly<Record<string, string>>): VersionSet {
  const vitest = set.packages.vitest;
  const peers = VITEST_PEERS[semver.major(vitest)] ?? {};
  const refused = Object.entries(peers).find(
    ([name, range]) => installed[name] !== undefined && semver.valid(installed[name]) && !semver.satisfies(installed[name]!, range),
  );
  if (!refused) return set;
  const [name, range] = refused;
  return {
    ...set,
    packages: { ...set.packages, vitest: VITEST_FALLBACK },
    adjusted: `The project's dependencies hold ${name} ${installed[name]}, outside the range Vitest ${vitest} accepts for it (${range}, a peer npm enforces once present): the harness installs Vitest ${VITEST_FALLBACK}, which does not ask for it.`,
  };
}
