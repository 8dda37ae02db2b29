import type { KitAction, KitGenerator } from '../src/kit/generator.ts';
import { importPath, templateFlags, upToRoot, type KitContext } from '../src/kit/context.ts';
import { ROWS_LEFT_DIR } from '../src/coverage/service-source.ts';
import { factoryCreate, ormImports } from '../src/db/factory-create.ts';
import { harnessDialect, knexIsHarnessClient } from '../src/db/engines/common.ts';
import { cleanupOrder, factoryViews, isolationProbe, type FactoryView } from '../src/db/factory-view.ts';
import { TIMESTAMP, tableViews } from '../src/db/seed-view.ts';
import { createEndpoints } from '../src/api/cases.ts';
import { camel } from '../src/kit/names.ts';

/** A factory whose table has a key: its rows can be read back. */
type KeyedFactoryView = FactoryView & { primaryKey: NonNullable<FactoryView['primaryKey']> };

/**
 * Test data from the schema: a fishery factory per table (faker seeded from each test's name,
 * unique columns from sequences, referenced rows created through their own factories), the
 * edge-case values of each column stored and read back, and two tests that prove isolation.
 */
export const factories: KitGenerator = {
  name: 'factories',
  description: 'fishery factories from the schema, edge-case round trips, isolation proof',
  plan(kit) {
    const views = plannedFactories(kit);
    const [first] = views;
    if (!first) return [];
    const { dir, support, ext } = kit.paths;
    const flags = templateFlags(kit);
    const file = `${support}/factories.${ext}`;
    const factoriesTest = `${dir}/db/factories.test.${ext}`;
    const withEdges = views.filter((view): view is KeyedFactoryView => view.edgeCases.length > 0 && view.primaryKey !== undefined);
    const edgeTest = `${dir}/db/edge-cases.test.${ext}`;
    const actions: KitAction[] = [
      {
        type: 'itest:render',
        template: 'factories/factories.ts.hbs',
        path: file,
        data: {
          ...flags,
          factories: views.map((view) => ({ ...view, create: factoryCreate(view, kit.orm, kit.answers.db) })),
          insertFns: views
            .filter((view) => !view.model)
            .map((view) => view.insertFn)
            .join(', '),
          ormImports: ormImports(kit.orm, ormModule(kit, file), kit.answers.db, views),
          rowTypes: views.map((view) => view.rowType).join(', '),
          allFactories: views.map((view) => view.factoryName).join(', '),
        },
      },
      {
        type: 'itest:render',
        template: 'factories/factories.test.ts.hbs',
        path: factoriesTest,
        data: { ...flags, factories: views, first, findsParents: views.some((view) => view.parents.length) },
      },
      { type: 'itest:package-json', devDependencies: { fishery: kit.versions.packages.fishery, '@faker-js/faker': kit.versions.packages['@faker-js/faker'] } },
      { type: 'itest:claim', items: ['data.factories'], files: [file, factoriesTest] },
    ];
    if (withEdges.length) {
      actions.push(
        {
          type: 'itest:render',
          template: 'factories/edge-cases.test.ts.hbs',
          path: edgeTest,
          data: {
            ...flags,
            factories: withEdges,
            imports: withEdges.flatMap((view) => [view.edgeCasesName, view.readBackName]).join(', '),
            insertFns: withEdges.map((view) => view.insertFn).join(', '),
          },
        },
        { type: 'itest:claim', items: ['data.edge-cases'], files: [file, edgeTest] },
        ...apiEdgeCaseActions(kit, withEdges),
      );
    }
    const probe = isolationProbe(kit.schema!.tables, views, harnessDialect(kit));
    if (probe) {
      const names = ['first', 'second'].map((writer) => `${dir}/db/isolation-${writer}.test.${ext}`);
      names.forEach((path, i) => {
        actions.push({
          type: 'itest:render',
          template: 'factories/isolation.test.ts.hbs',
          path,
          data: {
            ...flags,
            writer: i === 0 ? 'first' : 'second',
            otherFile: names[1 - i]!.split('/').pop(),
            column: probe.column.name,
            field: probe.view.uniqueColumns.find((unique) => unique.name === probe.column.name)!.field,
            value: probe.value,
            fixtureKey: probe.view.fixtureKey,
            table: probe.view.table,
          },
        });
      });
      actions.push({ type: 'itest:claim', items: ['data.isolated'], files: names });
    }
    actions.push(...cleanupActions(kit, views));
    return actions;
  },
};

/**
 * Each create endpoint gets the edge values of the fields it takes (those its create test sends),
 * through the API: refused with a 4xx and nothing stored, or stored as sent.
 */
function apiEdgeCaseActions(kit: KitContext, views: KeyedFactoryView[]): KitAction[] {
  const tables = tableViews(kit.schema!, kit.apiFields);
  const endpoints = createEndpoints(kit.routes.routes, tables).flatMap((endpoint) => {
    const view = views.find((candidate) => candidate.table === endpoint.table.name);
    if (!view?.primaryKey) return [];
    // The payload is the values function's columns, less the timestamps the app sets.
    const taken = endpoint.table.required.map((column) => column.name).filter((name) => !TIMESTAMP.test(name));
    if (!view.edgeCases.some((edge) => edge.columns.every((column) => taken.includes(column)))) return [];
    const pk = view.primaryKey;
    return [
      {
        ...endpoint,
        ...view,
        title: `${endpoint.label}: edge-case values`,
        taken,
        valuesFn: endpoint.table.valuesFn,
        valuesArgs: endpoint.parentArgs,
        timestamps: endpoint.table.timestamps,
        keyApi: endpoint.table.apiFields[pk] ?? pk,
      },
    ];
  });
  if (!endpoints.length) return [];
  const file = `${kit.paths.dir}/api/edge-cases.test.${kit.paths.ext}`;
  const unique = (names: string[]) => [...new Set(names)].sort().join(', ');
  return [
    {
      type: 'itest:render',
      template: 'factories/api-edge-cases.test.ts.hbs',
      path: file,
      data: {
        ...templateFlags(kit),
        // Every seed helper is awaited in this file, whatever the client: `await` on a row is the row.
        async: true,
        endpoints,
        imports: unique(['storedAsSent', ...endpoints.flatMap((endpoint) => [endpoint.edgeCasesName, endpoint.readBackName])]),
        seedImports: unique(['asApi', 'countRows', 'findRow', ...endpoints.flatMap((endpoint) => endpoint.uses)]),
      },
    },
    { type: 'itest:claim', items: ['data.edge-cases'], files: [file] },
  ];
}

/**
 * The cleanup after tests whose writes were committed (the rollback cannot undo them): rows added
 * since the test began are deleted, children first; and a test that commits a row in every table to prove it.
 */
function cleanupActions(kit: KitContext, views: FactoryView[]): KitAction[] {
  const order = cleanupOrder(kit.schema!.tables, views);
  if (!order.length) return [];
  const { dir, support, ext } = kit.paths;
  const file = `${support}/cleanup.${ext}`;
  const test = `${dir}/db/cleanup.test.${ext}`;
  const unkeyed = views.filter((view) => !order.some((entry) => entry.view === view)).map((view) => view.table);
  const rows = order.map(({ view }) => ({ variable: `${camel(view.singular)}Row`, insertFn: view.insertFn, table: view.table, key: view.primaryKey! }));
  return [
    {
      type: 'itest:render',
      template: 'factories/cleanup.ts.hbs',
      path: file,
      data: {
        ...templateFlags(kit),
        knex: knexIsHarnessClient(kit),
        tables: order.map(({ view, key, mark }) => ({ table: view.table, key, mark })),
        unkeyed: unkeyed.join(', '),
      },
    },
    {
      type: 'itest:render',
      template: 'factories/cleanup.test.ts.hbs',
      path: test,
      data: { rows, insertFns: [...new Set(rows.map((row) => row.insertFn))].sort().join(', '), cleaned: order.map(({ view }) => view.table) },
    },
    {
      type: 'itest:render',
      template: 'factories/rows-left.ts.hbs',
      path: `${support}/rows-left.${ext}`,
      data: { ...templateFlags(kit), rootFromSupport: upToRoot(support), rowsLeftDir: ROWS_LEFT_DIR },
    },
    { type: 'itest:claim', items: ['data.cleanup', 'quick.clean-db'], files: [file, test, `${support}/rows-left.${ext}`] },
  ];
}

/** A factory per table of the schema, when the harness has a database whose schema the kit read; through the ORM where it read its models. */
export function plannedFactories(kit: KitContext): FactoryView[] {
  if (kit.answers.db === 'none' || !kit.schema) return [];
  return factoryViews(kit.schema.tables, tableViews(kit.schema, kit.apiFields), harnessDialect(kit), { models: kit.orm?.models ?? [] });
}

/** Where factories.ts finds the ORM's types (Prisma's generated client, an entity's file) or tables (Drizzle's schema module). */
function ormModule(kit: KitContext, fromFile: string): (file?: string) => string {
  const { prisma, drizzle } = kit.detection;
  return (file) => {
    if (file) return importPath(fromFile, file, kit);
    if (kit.orm?.orm === 'prisma' && prisma) return prisma.clientIsFile ? importPath(fromFile, prisma.clientModule, kit) : prisma.clientModule;
    return drizzle?.schema ? importPath(fromFile, drizzle.schema, kit) : '';
  };
}
