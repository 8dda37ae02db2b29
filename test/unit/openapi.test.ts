import { describe, expect, test } from 'vitest';
import { planApiTests } from '../../src/api/cases.ts';
import { documentsStatus, findOpenApiDocument, pathShape } from '../../src/detect/openapi.ts';
import { formatEndpoint, type Route } from '../../src/detect/routes/index.ts';
import { tempProject } from '../support/temp-project.ts';
import { USERS } from '../support/table-views.ts';
import { tableViews } from '../../src/db/seed-view.ts';
import type { Schema } from '../../src/detect/schema-sqlite.ts';
import { withDocumentedColumns } from '../../src/db/documented-columns.ts';

const SPEC = `openapi: 3.0.3
info: { title: t, version: '1' }
servers:
  - url: https://api.example.com/api/v1
paths:
  /users/{userId}:
    get:
      responses:
        '200': { $ref: '#/components/responses/User' }
        4XX: { description: client error }
    delete:
      responses:
        '204': { description: gone }
  /stats:
    get:
      responses:
        '200':
          description: counts
          content: { application/json: { schema: { type: object } } }
components:
  responses:
    User: { description: one user }
`;

describe('OpenAPI documents', () => {
  test('found by name and content, with the server path as base and parameters in the app syntax', () => {
    const dir = tempProject({ 'docs/api/openapi.yml': SPEC, 'openapi-notes.yaml': 'just: notes\n', 'node_modules/x/openapi.yaml': SPEC });
    const document = findOpenApiDocument(dir);
    expect(document).toMatchObject({ file: 'docs/api/openapi.yml', version: '3.0.3', format: 'yaml', basePath: '/api/v1' });
    expect(document!.operations.map((operation) => [formatEndpoint(operation), operation.specPath, operation.successStatus])).toEqual([
      ['GET /api/v1/users/:userId', '/users/{userId}', 200],
      ['DELETE /api/v1/users/:userId', '/users/{userId}', 204],
      ['GET /api/v1/stats', '/stats', 200],
    ]);
    expect(documentsStatus(document!.operations[0]!, 404)).toBe(true);
    expect(documentsStatus(document!.operations[1]!, 404)).toBe(false);
  });

  test('Swagger 2 basePath; files that are not OpenAPI are passed over', () => {
    const dir = tempProject({
      'swagger.json': JSON.stringify({ swagger: '2.0', basePath: 'v2/', paths: { '/pets': { post: { responses: { 201: {} } } } } }),
      'api.json': '{"name":"not a spec"}',
    });
    expect(findOpenApiDocument(dir)?.operations.map(formatEndpoint)).toEqual(['POST /v2/pets']);
    expect(findOpenApiDocument(tempProject({ 'api.json': '{"paths":{}}' }))).toBeUndefined();
  });

  test('the required properties of a JSON request body, with the values the schema gives', () => {
    const spec = {
      openapi: '3.1.0',
      paths: {
        '/tasks': { post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/NewTask' } } } }, responses: { 201: {} } } },
      },
      components: {
        schemas: {
          NewTask: {
            type: 'object',
            required: ['title', 'done', 'priority', 'size'],
            properties: { title: { type: 'string' }, done: { type: 'boolean' }, priority: { enum: ['low', 'high'] }, size: { type: 'integer', default: 3 } },
          },
        },
      },
    };
    expect(findOpenApiDocument(tempProject({ 'openapi.json': JSON.stringify(spec) }))?.operations[0]?.requiredBody).toEqual([
      { name: 'title' },
      { name: 'done', value: false },
      { name: 'priority', value: 'low' },
      { name: 'size', value: 3 },
    ]);
    const swagger = {
      swagger: '2.0',
      paths: {
        '/pets': {
          post: { parameters: [{ in: 'body', name: 'pet', schema: { required: ['name'], properties: { name: { type: 'string' } } } }], responses: { 201: {} } },
        },
      },
    };
    expect(findOpenApiDocument(tempProject({ 'swagger.json': JSON.stringify(swagger) }))?.operations[0]?.requiredBody).toEqual([{ name: 'name' }]);
  });

  test("the columns a table's documented schema requires get values in the seed helpers, NULL-able or not", () => {
    const spec = {
      openapi: '3.0.3',
      paths: {},
      components: {
        schemas: { Order: { type: 'object', required: ['productId', 'mode'], properties: { productId: { type: 'integer' }, mode: { type: 'string' } } } },
      },
    };
    const document = findOpenApiDocument(tempProject({ 'openapi.json': JSON.stringify(spec) }))!;
    expect(document.requiredBySchema).toEqual({ Order: ['productId', 'mode'] });
    const column = (name: string, type: string) => ({ name, type, notNull: false, primaryKey: false, hasDefault: false, unique: false });
    const schema: Schema = {
      engine: 'ddl',
      tables: [
        {
          name: 'Orders',
          columns: [{ ...column('id', 'INTEGER'), primaryKey: true }, column('productId', 'INTEGER'), column('mode', 'VARCHAR(255)'), column('note', 'TEXT')],
          foreignKeys: [],
          indexes: [],
        },
      ],
    };
    const [orders] = tableViews(withDocumentedColumns(schema, document.requiredBySchema, {}));
    expect(orders!.required.map((c) => c.name)).toEqual(['productId', 'mode']);
  });

  test('paths compare equal whatever the parameters are called', () => {
    expect(pathShape('/users/{userId}/notes/')).toBe(pathShape('/users/:id/notes'));
    expect(pathShape('/users/:id(\\d+)')).toBe(pathShape('/users/{id}'));
    expect(pathShape('/users/me')).not.toBe(pathShape('/users/{id}'));
  });

  test('generated cases check their body only for the statuses the operation documents', () => {
    const operation = findOpenApiDocument(tempProject({ 'openapi.yaml': SPEC }))!.operations;
    const route = (method: Route['method'], path: string, statuses: number[] = []): Route => ({ method, path, file: 'app.ts', statuses });
    const routes = [route('get', '/api/v1/stats'), route('get', '/api/v1/users/:id', [404]), route('delete', '/api/v1/users/:id', [204, 404])];
    const documented = new Map(routes.map((r, i) => [formatEndpoint(r), [operation[2]!, operation[0]!, operation[1]!][i]!]));
    const files = planApiTests(routes, [USERS], { documented });
    const checks = files.flatMap((file) => file.routes.flatMap((r) => r.cases.map((c) => [r.describe, c.partial, c.schemaCheck])));
    expect(checks).toEqual([
      ['GET /api/v1/stats', 'documented', 'GET /stats'],
      ['GET /api/v1/users/:id', 'read', 'GET /users/{userId}'],
      ['GET /api/v1/users/:id', 'missing', 'GET /users/{userId}'],
      ['DELETE /api/v1/users/:id', 'delete', 'DELETE /users/{userId}'],
      // 404 is not documented for DELETE: the case asserts the status, and no schema.
      ['DELETE /api/v1/users/:id', 'missing', undefined],
    ]);
    expect(files.every((file) => file.usesSchema)).toBe(true);
  });
});
