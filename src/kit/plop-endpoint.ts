import type { NodePlopAPI } from 'node-plop';
import { GENERATORS } from '../../generators/index.ts';
import { parseEndpoint } from '../detect/declared-endpoints.ts';
import { detectProject } from '../detect/index.ts';
import { HTTP_METHODS } from '../detect/routes/index.ts';
import { resolveAnswers } from './answers.ts';
import { createContext } from './context.ts';
import { declareEndpoint } from './declare-endpoint.ts';
import { plopActions, type KitAnswers } from './plop.ts';

/**
 * `npx plop endpoint`, the plop face of `itest-kit add endpoint`: asks the method and
 * the path, declares the endpoint, and plans the whole kit so its test and the
 * coverage list come out as the CLI would write them.
 */
export function registerEndpointGenerator(plop: NodePlopAPI): void {
  plop.setGenerator('endpoint', {
    description: 'a test for an endpoint the route scan does not see (kept in test/integration/endpoints.json)',
    prompts: async (inquirer) => {
      const { method, path } = (await inquirer.prompt([
        { type: 'list', name: 'method', message: 'Method', choices: HTTP_METHODS.map((m) => m.toUpperCase()) },
        { type: 'input', name: 'path', message: 'Path (with :params)', validate: (value: string) => value.startsWith('/') || 'A path starts with /' },
      ])) as { method: string; path: string };
      const detection = detectProject(plop.getDestBasePath());
      const kit = createContext(detection, await resolveAnswers({}, detection, undefined));
      declareEndpoint(kit, parseEndpoint(`${method} ${path}`, 'the prompt'));
      kit.standalone = { policy: 'skip' };
      return { kit } satisfies KitAnswers;
    },
    actions: (answers) => [...GENERATORS.flatMap((generator) => plopActions(generator, (answers as KitAnswers).kit)), { type: 'itest:apply' }],
  });
}
