import { takesDatabase } from '../src/detect/app-module.ts';
import { planApiTests, type DatabaseFailure } from '../src/api/cases.ts';
import { tableViews } from '../src/db/seed-view.ts';
import { note, type KitAction, type KitGenerator } from '../src/kit/generator.ts';
import type { KitContext } from '../src/kit/context.ts';
import { clientDialect } from '../src/db/dialects.ts';
import { projectOrm, templateFlags } from '../src/kit/context.ts';
import { FRAMEWORK_NAMES, usesLayer } from '../src/detect/stack.ts';
import semver from 'semver';
import { allDependencies } from '../src/detect/package-json.ts';
import { signIns, unknownSchemes, unknownSchemeNote } from '../src/api/signed-in.ts';
import { credentialViews, exampleRequest, flowView, mintingView } from '../src/api/auth-view.ts';
import { signInWays, usedSignIn } from '../src/api/signed-in.ts';

/**
 * supertest tests for every route the service declares: one file per resource,
 * seeded through the test database so the assertions are about real rows.
 */
export const api: KitGenerator = {
  name: 'api',
  description: 'supertest tests for every endpoint, seeded through the test database',
  plan(kit) {
    const { paths } = kit;
    const async = kit.answers.db !== 'none' && clientDialect(kit.answers.db, kit.detection.dataLayers).async;
    const files = planApiTests(kit.routes.routes, kit.schema ? tableViews(kit.schema, kit.apiFields) : [], {
      signIn: usedSignIn(kit),
      documented: kit.documented,
      findings: kit.findings,
      refusedShapes: kit.refusedShapes,
      pinnedStatuses: kit.pinnedStatuses,
      pinnedFields: kit.pinnedFields,
      ...failingDatabase(kit),
    });
    const notes = files.flatMap((file) => file.notes);
    for (const item of files.flatMap((file) => file.routes.flatMap((route) => route.cases.map((found) => ({ file, route, found }))))) {
      if (item.found.note) notes.push(item.found.note);
      if (item.found.finding)
        notes.push(
          `Possible defect: ${item.found.finding} (${item.route.describe} > ${item.found.title}, ${paths.api}/${item.file.name}.test.${paths.ext}): the test is a known failure (test.fails) until the service answers it.`,
        );
    }
    const passedOver = kit.detection.frameworkPassedOver;
    if (passedOver)
      notes.push(
        `The project also declares ${FRAMEWORK_NAMES[passedOver.value]}, whose app is only in a sample folder (${passedOver.file}): the harness tests the ${FRAMEWORK_NAMES[kit.answers.framework]} service in ${kit.app.file}.`,
      );
    for (const skipped of kit.routes.skipped) notes.push(`Route not tested: ${skipped}.`);
    if (!files.length) notes.push(`No routes found in ${kit.app.file} or the routers it mounts: only the unknown-route test was generated.`);
    const testFiles = files.map((file) => `${paths.api}/${file.name}.test.${paths.ext}`);
    const notFound = `${paths.dir}/not-found.test.${paths.ext}`;
    const asyncData = { async };
    const actions: KitAction[] = files.map((file, i) => ({
      type: 'itest:render',
      template: 'api/resource.test.ts.hbs',
      path: testFiles[i]!,
      data: { ...file, ...asyncData },
    }));
    // Something mounted at / that the scan cannot see into (a docs UI, a static folder, routes added in a loop) may answer
    // every path: the unknown-route test then only asks for no server error. It still loads the app, so the first run
    // shows the routes the app registers.
    const opaqueRoot = kit.routes.opaqueMounts.includes('/');
    if (opaqueRoot) notes.push('The unknown-route test only checks for no 5xx: a handler mounted at / that the scan cannot follow may answer any path.');
    const guardsUnknown = kit.routes.guardsUnknown === true;
    actions.push({ type: 'itest:render', template: 'api/not-found.test.ts.hbs', path: notFound, data: { opaqueRoot, guardsUnknown, guardFile: kit.app.file } });
    // Guards the kit can pass: support/auth gives tests their credentials; the others are named in a note.
    const credentials = signIns(kit.routes.routes);
    const ways = usedSignIn(kit);
    if (credentials.length || ways) {
      const tables = kit.schema ? tableViews(kit.schema, kit.apiFields) : [];
      const data = {
        ...templateFlags(kit),
        ...asyncData,
        credentials: credentialViews(credentials),
        example: exampleRequest(kit.routes.routes, ways),
        flow: ways?.flow && flowView(ways.flow, tables),
        minting: ways?.minting && mintingView(ways.minting, tables),
        expiredWith: ways?.expiredWith,
        jwt: Boolean(ways?.minting || ways?.expiredWith),
        // The service verifies tokens it does not issue: the comments of support/auth say whose tokens these are.
        verifiesOnly: ways?.minting?.readOnly === true,
      };
      actions.push({ type: 'itest:render', template: 'harness/auth.ts.hbs', path: `${paths.support}/auth.${paths.ext}`, data });
      if (data.jwt) actions.push(...jsonwebtokenPackage(kit, paths.ext === 'ts'));
    }
    const known = signInWays(kit);
    for (const reason of unknownSchemes(kit.routes.routes, known)) notes.push(unknownSchemeNote(reason, kit.routes.routes, known));
    actions.push(...headersTest(kit));
    if (files.length) actions.push({ type: 'itest:claim', items: ['api.all-endpoints', 'api.status-codes', 'api.headers'], files: testFiles });
    // Response bodies are checked against the OpenAPI document where a generated test asserts a status it documents.
    const validated = testFiles.filter((_, i) => files[i]!.usesSchema);
    if (validated.length) actions.push({ type: 'itest:claim', items: ['api.response-schema'], files: [`${paths.support}/openapi.${paths.ext}`, ...validated] });
    // Notes first, as the user reads them: before what the package.json merge and the finished plan add.
    return [...notes.map(note), ...actions];
  },
};

/** jsonwebtoken for support/auth, where the service does not declare it (it only verifies tokens, through koa-jwt or express-jwt). */
function jsonwebtokenPackage(kit: KitContext, ts: boolean): KitAction[] {
  if (allDependencies(kit.detection.packageJson.json).jsonwebtoken) return [];
  const { packages } = kit.versions;
  const devDependencies: Record<string, string> = { jsonwebtoken: packages.jsonwebtoken };
  if (ts) devDependencies['@types/jsonwebtoken'] = packages['@types/jsonwebtoken'];
  return [{ type: 'itest:package-json', devDependencies }];
}

/**
 * How a test makes the data layer fail, where the app gets the test database's own object: with the
 * raw SQLite drivers every query goes through its prepare(), with pg through the pool's query(), so
 * replacing that one method reaches them all. Express 4 does not catch errors thrown in async
 * handlers (the request would hang), so it gets no such case.
 */
function failingDatabase(kit: KitContext): { failDatabase?: DatabaseFailure } {
  const { detection } = kit;
  const raw = !projectOrm(detection) && !detection.drizzle && !usesLayer(detection.dataLayers, 'knex');
  const express4 =
    kit.answers.framework === 'express' && semver.valid(detection.framework?.version ?? '') !== null && semver.major(detection.framework!.version!) < 5;
  if (!raw || express4) return {};
  if (kit.answers.db === 'sqlite') return { failDatabase: { method: 'prepare', rejects: false } };
  // The app queries through the pool it was given: `db` is that pool (not its checked-out clients).
  if (kit.answers.db === 'postgres' && takesDatabase(kit.app)) return { failDatabase: { method: 'query', rejects: true } };
  return {};
}

/** headers.test: the security, CORS and X-Powered-By promises of the app's middleware, on a route without parameters. */
function headersTest(kit: KitContext): KitAction[] {
  const policy = kit.headerPolicy;
  if (!policy.securityHeaders && !policy.hidesPoweredBy && !policy.corsOrigin) return [];
  const computedOrigin =
    policy.cors && !policy.corsOrigin
      ? [note('CORS is configured with a computed origin: no CORS test was generated; add one with the origins your clients use.')]
      : [];
  const route = kit.routes.routes.find((r) => r.method === 'get' && !r.path.includes(':') && !r.path.includes('*'));
  const path = route?.path ?? '/__itest-kit/no-such-route';
  const origin = policy.corsOrigin && !['*', 'reflect'].includes(policy.corsOrigin) ? policy.corsOrigin : 'https://client.example.test';
  const file = `${kit.paths.dir}/headers.test.${kit.paths.ext}`;
  return [
    ...computedOrigin,
    {
      type: 'itest:render',
      template: 'api/headers.test.ts.hbs',
      path: file,
      data: {
        ...policy,
        corsAfterOthers: policy.securityHeaders || policy.hidesPoweredBy,
        appFile: kit.app.file,
        url: path,
        urlText: route ? `GET ${path}` : 'an unknown path (middleware runs before routing)',
        origin,
        corsOriginText: policy.corsOrigin === '*' || policy.corsOrigin === 'reflect' ? 'any origin' : policy.corsOrigin,
        expectedOrigin: policy.corsOrigin === '*' ? '*' : origin,
      },
    },
    { type: 'itest:claim', items: ['api.headers'], files: [file] },
  ];
}
