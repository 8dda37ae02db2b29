import { templateFlags, type KitContext } from '../../kit/context.ts';
import { supportFile } from './common.ts';
import type { KitAction } from '../../kit/generator.ts';
import { quote } from '../../kit/literals.ts';

export type DatabaseMode = 'container' | 'url' | 'embedded';

/** The modes a harness supports and its default, as the info module and the README state them. */
export function modeData(kit: KitContext, modes: DatabaseMode[]) {
  const defaultMode = kit.answers['db-mode'] ?? 'container';
  return {
    defaultMode,
    modes,
    modeList: modes.map(quote).join(', '),
    modeUnion: modes.map(quote).join(' | '),
    modePipe: modes.join('|'),
  };
}

/** test/integration/README.md: how to run the suite in each mode. */
export function databaseDocs(kit: KitContext, engine: string, modes: ReturnType<typeof modeData>): KitAction {
  return {
    type: 'itest:render',
    template: 'db/shared/README.md.hbs',
    path: `${kit.paths.dir}/README.md`,
    data: {
      engine,
      ...modes,
      embedded: modes.modes.includes('embedded'),
      scheme: engine === 'MySQL' ? 'mysql' : 'postgres',
      port: engine === 'MySQL' ? 3306 : 5432,
    },
  };
}

/** JavaScript projects cannot augment Vitest's types in a .js file: a declaration file does it. */
export function providedTypes(kit: KitContext, modes: ReturnType<typeof modeData>): KitAction[] {
  if (kit.paths.ext === 'ts') return [];
  return [{ type: 'itest:render', template: 'db/shared/provided.d.ts.hbs', path: `${kit.paths.support}/database/provided.d.ts`, data: modes }];
}

const SERVERS = {
  postgres: { name: 'Postgres', image: 'postgres:17-alpine', modes: ['container', 'url', 'embedded'] },
  mysql: { name: 'MySQL', image: 'mysql:8.4', modes: ['container', 'url'] },
} as const satisfies Record<string, { name: string; image: string; modes: readonly DatabaseMode[] }>;

/**
 * The files every server engine needs, whatever the data layer: where the server comes
 * from (info, server), how a test process gets its own database (worker), connecting
 * with one clear line on failure (connection), the global setup, and the harness README.
 */
export function serverActions(kit: KitContext, engine: keyof typeof SERVERS): KitAction[] {
  const server = SERVERS[engine];
  const common = templateFlags(kit);
  const file = (name: string) => supportFile(kit, `database/${name}`);
  const modes = modeData(kit, [...server.modes]);
  return [
    { type: 'itest:render', template: 'db/shared/info.ts.hbs', path: file('info'), data: { ...common, ...modes } },
    { type: 'itest:render', template: `db/${engine}/connection.ts.hbs`, path: file('connection'), data: {} },
    { type: 'itest:render', template: `db/${engine}/server.ts.hbs`, path: file('server'), data: { ...common, image: server.image } },
    { type: 'itest:render', template: `db/${engine}/worker.ts.hbs`, path: file('worker'), data: {} },
    { type: 'itest:render', template: 'db/shared/global-setup.ts.hbs', path: `${kit.paths.dir}/global-setup.${kit.paths.ext}`, data: {} },
    ...providedTypes(kit, modes),
    databaseDocs(kit, server.name, modes),
    { type: 'itest:claim', items: ['setup.database'], files: [file('server'), file('worker')] },
  ];
}

/** What a server engine's harness installs: the driver, testcontainers, and PGlite for Postgres's embedded mode. */
export function serverDependencies(kit: KitContext, engine: keyof typeof SERVERS): Record<string, string> {
  const v = kit.versions.packages;
  return engine === 'postgres'
    ? {
        pg: v.pg,
        ...(kit.paths.ext === 'ts' ? { '@types/pg': v['@types/pg'] } : {}),
        testcontainers: v.testcontainers,
        '@testcontainers/postgresql': v['@testcontainers/postgresql'],
        '@electric-sql/pglite': v['@electric-sql/pglite'],
        '@electric-sql/pglite-socket': v['@electric-sql/pglite-socket'],
      }
    : { mysql2: v.mysql2, testcontainers: v.testcontainers, '@testcontainers/mysql': v['@testcontainers/mysql'] };
}
