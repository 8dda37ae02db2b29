import { note, type KitAction, type KitGenerator } from '../src/kit/generator.ts';
import { templateFlags, upToRoot } from '../src/kit/context.ts';
import { formatEndpoint } from '../src/detect/routes/index.ts';

/**
 * Response validation against the service's OpenAPI document: support/openapi (Ajv over the
 * document itself), which the API tests call for every documented status they assert.
 * Endpoints the document and the app disagree on are reported, not tested against each other.
 */
export const openapi: KitGenerator = {
  name: 'openapi',
  description: 'validate API responses against the OpenAPI document (Ajv)',
  plan(kit) {
    const spec = kit.openapi;
    if (!spec) return [];
    const { paths } = kit;
    const file = `${paths.support}/openapi.${paths.ext}`;
    const routes = new Set(kit.routes.routes.map(formatEndpoint));
    const undocumented = kit.routes.routes.filter((route) => !kit.documented.has(formatEndpoint(route))).map(formatEndpoint);
    const unrouted = spec.operations
      .filter((operation) => !routes.has(formatEndpoint(operation)) && ![...kit.documented.values()].includes(operation))
      .map((operation) => `${operation.method.toUpperCase()} ${operation.specPath}`);
    const notes: KitAction[] = [
      ...(undocumented.length ? [note(`${spec.file} does not document ${undocumented.join(', ')}: their responses are not schema-checked.`)] : []),
      ...(unrouted.length ? [note(`${spec.file} documents ${unrouted.join(', ')}, which the app does not register: no tests for them.`)] : []),
    ];
    const v = kit.versions.packages;
    return [
      ...notes,
      {
        type: 'itest:render',
        template: 'openapi/openapi.ts.hbs',
        path: file,
        data: {
          ...templateFlags(kit),
          fromApp: spec.runtime,
          yaml: spec.format === 'yaml' && !spec.runtime,
          specFile: spec.file,
          specFromSupport: `${upToRoot(paths.support)}${spec.file}`,
          ajvModule: spec.version.startsWith('3.1') ? 'ajv/dist/2020.js' : 'ajv',
        },
      },
      {
        type: 'itest:package-json',
        devDependencies: { ajv: v.ajv, 'ajv-formats': v['ajv-formats'], ...(spec.format === 'yaml' && !spec.runtime ? { yaml: v.yaml } : {}) },
      },
    ];
  },
};
