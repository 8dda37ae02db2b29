import { note, type KitAction, type KitGenerator } from '../src/kit/generator.ts';
import { templateFlags } from '../src/kit/context.ts';
import { mockPaths, serviceView } from '../src/mocks/views.ts';
import { allDependencies } from '../src/detect/package-json.ts';

/**
 * No real network in tests: msw answers for every external service the app calls (a module
 * per service under mocks/, found by the HTTP client scan), loopback passes, anything else
 * fails the test that called it. Also the helper that asserts async mocks were awaited.
 */
export const mocks: KitGenerator = {
  name: 'mocks',
  description: 'msw network guard, a mock module per external service, awaited-mock helper',
  plan(kit) {
    const files = mockPaths(kit);
    const flags = templateFlags(kit);
    const { services, undiciFiles } = kit.http;
    const deps = allDependencies(kit.detection.packageJson.json);
    const notes: string[] = [];
    if (deps.got && /^\D*3\./.test(deps.msw ?? ''))
      notes.push(
        `The project has msw ${deps.msw}: msw 3 leaves got's request timer running after a mocked answer, so a got client's test can fail a later one with "Timeout awaiting 'request'"; msw 2.15 does not.`,
      );
    if (undiciFiles.length)
      notes.push(
        `${undiciFiles.join(', ')} ${undiciFiles.length === 1 ? 'uses' : 'use'} undici's own client: support/network puts a MockAgent in front of it that hands what no interceptor answers to msw.`,
      );
    const index = `${files.mocks}/index.${kit.paths.ext}`;
    const actions: KitAction[] = [
      ...notes.map(note),
      {
        type: 'itest:render',
        template: 'mocks/network.ts.hbs',
        path: files.network,
        data: { ...flags, mocksDir: files.mocks, undici: undiciFiles.length > 0, undiciFiles: undiciFiles.join(', ') },
      },
      { type: 'itest:render', template: 'mocks/http-mocks.ts.hbs', path: files.httpMocks, data: {} },
      { type: 'itest:render', template: 'mocks/async-mocks.ts.hbs', path: files.asyncMocks, data: {} },
      { type: 'itest:render', template: 'mocks/async-mocks.test.ts.hbs', path: `${kit.paths.dir}/async-mocks.test.${kit.paths.ext}`, data: {} },
      {
        type: 'itest:render',
        template: 'mocks/index.ts.hbs',
        path: index,
        data: {
          services: services.map((service) => ({ name: service.name, handlersName: `${service.name}Handlers` })),
          sources: [...new Set(services.flatMap((service) => service.calls.map((call) => call.file)))].join(', '),
        },
      },
      ...services.map((service): KitAction => ({
        type: 'itest:render',
        template: 'mocks/service.ts.hbs',
        path: files.service(service),
        data: { ...flags, ...serviceView(kit, service) },
      })),
      { type: 'itest:package-json', devDependencies: { msw: kit.versions.packages.msw } },
      { type: 'itest:claim', items: ['setup.external-mocked', 'quick.no-network'], files: [files.network, index] },
      { type: 'itest:claim', items: ['async.mocks-awaited'], files: [files.asyncMocks] },
    ];
    if (services.length) actions.push({ type: 'itest:claim', items: ['ext.apis-mocked'], files: services.map((service) => files.service(service)) });
    return actions;
  },
};
