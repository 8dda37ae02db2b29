import type { NodePlopAPI } from 'node-plop';
import { isInteractive } from '../cli/prompts.ts';
import { detectProject } from '../detect/index.ts';
import { GENERATORS } from '../../generators/index.ts';
import { resolveAnswers, type Asker } from './answers.ts';
import { createContext } from './context.ts';
import type { KitGenerator } from './generator.ts';
import { planGenerator, type KitAnswers, type NodePlopPrompts } from './plop.ts';

/**
 * Prompts for a generator run through plop (`npx plop db`): detect the project
 * at plop's destination, ask with plop's inquirer what detection leaves open, and
 * plan the generators this one builds on, so what it writes is complete.
 */
export function plopPrompts(plop: NodePlopAPI, generator: KitGenerator): NodePlopPrompts {
  return async (inquirer) => {
    const detection = detectProject(plop.getDestBasePath());
    const asker: Asker | undefined = isInteractive(false)
      ? {
          choose: async (option, defaultValue) =>
            (
              (await inquirer.prompt([
                {
                  type: 'list',
                  name: 'value',
                  message: option.question,
                  default: defaultValue,
                  choices: option.choices.filter((c) => !c.planned).map((c) => ({ name: c.label, value: c.value })),
                },
              ])) as { value: string }
            ).value,
          text: async (message) => ((await inquirer.prompt([{ type: 'input', name: 'value', message }])) as { value: string }).value,
        }
      : undefined;
    const kit = createContext(detection, await resolveAnswers({}, detection, asker));
    for (const before of GENERATORS.slice(0, GENERATORS.indexOf(generator))) await planGenerator(kit, before);
    kit.standalone = { policy: 'skip' };
    return { kit } satisfies KitAnswers;
  };
}
