import { note, type KitAction, type KitGenerator } from '../src/kit/generator.ts';
import { templateFlags } from '../src/kit/context.ts';
import { clientTestViews, mockPaths, retrySchedulesView } from '../src/mocks/views.ts';

/**
 * A test file per client of an external service, against its mock: the request it sends and
 * how it maps the answer, then what its retry, timeout and circuit-breaker settings promise,
 * under fake timers. Nothing is generated for resilience code the project does not have.
 */
export const clients: KitGenerator = {
  name: 'clients',
  description: 'boundary, retry, timeout and circuit-breaker tests for each external-service client',
  plan(kit) {
    const files = mockPaths(kit);
    const { services, skipped, libraries } = kit.http;
    const notes = skipped.map((reason) => `HTTP client ${reason}.`);
    const actions: KitAction[] = [];
    const claimed = new Map<string, string[]>();
    const claim = (item: string, file: string) => claimed.set(item, [...(claimed.get(item) ?? []), file]);
    for (const service of services) {
      for (const view of clientTestViews(kit, service)) {
        actions.push({ type: 'itest:render', template: 'clients/client.test.ts.hbs', path: view.path, data: { ...templateFlags(kit), ...view.data } });
        claim('ext.boundaries', view.path);
        for (const call of view.calls) {
          if (call.retry) {
            if (call.retry.transientStatus || call.retry.retriesNetworkErrors) claim('retry.transient', view.path);
            claim('retry.max-attempts', view.path);
            if (call.retry.permanentStatus) claim('retry.permanent', view.path);
            if (call.retry.delays) claim('retry.backoff', view.path);
          }
          if (call.timeout) claim('ext.timeouts', view.path);
          if (call.breaker) claim('ext.circuit-breaker', view.path);
        }
      }
    }
    const rendered = actions.flatMap((action) => (action.type === 'itest:render' && action.template === 'clients/client.test.ts.hbs' ? [action.data] : []));
    if (rendered.some((data) => data.usesTimers)) actions.unshift({ type: 'itest:render', template: 'mocks/timers.ts.hbs', path: files.timers, data: {} });
    // Kept while any client retries through the project's own helper: it is how a schedule gets (re)recorded.
    if (services.some((service) => service.calls.some((call) => call.ownRetry))) {
      actions.unshift({
        type: 'itest:render',
        template: 'mocks/retry-schedules.ts.hbs',
        path: files.retrySchedules,
        data: { ...templateFlags(kit), ...retrySchedulesView(kit) },
      });
    }
    if (rendered.some((data) => data.observesRetries)) {
      notes.push(
        "Clients that retry through the project's own helper: this run records what the helper does against a failing service; the next plan pins it in their tests (run the kit again if it did not re-plan).",
      );
    }
    for (const [item, paths] of claimed) actions.push({ type: 'itest:claim', items: [item], files: [...new Set(paths)] });
    if (libraries.length && !claimed.has('retry.transient') && !claimed.has('ext.circuit-breaker')) {
      notes.push(`The project depends on ${libraries.join(', ')}, but no client the kit could read uses it: no retry or breaker tests were generated.`);
    }
    return [...notes.map(note), ...actions];
  },
};
