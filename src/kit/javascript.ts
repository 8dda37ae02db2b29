import amaro from 'amaro';
import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import { format } from 'prettier/standalone';
import { withJsdocTypes } from './jsdoc-types.ts';

/**
 * The kit's style for generated JavaScript: its templates' style (single quotes, semicolons, long
 * lines a reader can still take in), so a JavaScript file reads like its TypeScript twin.
 */
const KIT_STYLE = { singleQuote: true, printWidth: 160, trailingComma: 'all', arrowParens: 'always' } as const;

/**
 * A planned TypeScript file as JavaScript: the types a JavaScript reader needs moved into JSDoc
 * (typedefs, casts, generic functions), the rest removed by Node's own type stripper (amaro, which
 * keeps every comment and line in place), then formatted. CommonJS or ESM is the template's business.
 */
export async function toJavaScript(typescript: string): Promise<string> {
  const documented = withJsdocTypes(typescript);
  const stripped = amaro.transformSync(documented, { mode: 'strip-only' }).code;
  return format(withoutOrphanComments(documented, stripped), { parser: 'babel', plugins: [babel, estree], ...KIT_STYLE });
}

/**
 * Stripping leaves the comment of an interface or type alias behind, above nothing: a line that held
 * code and holds none now was a type, and the comment block right above it goes too.
 */
function withoutOrphanComments(typescript: string, stripped: string): string {
  const before = typescript.split('\n');
  const after = stripped.split('\n');
  for (let line = 0; line < before.length; line++) {
    if (!before[line]!.trim() || after[line]!.trim()) continue;
    // Only the comment right above: one with a blank line under it is about more than that declaration.
    const above = line - 1;
    if (above < 0 || !after[above]!.trim()) continue;
    if (after[above]!.trim().endsWith('*/')) {
      let start = above;
      while (start > 0 && !after[start]!.trimStart().startsWith('/*')) start--;
      for (let at = start; at <= above; at++) after[at] = '';
    } else {
      for (let at = above; at >= 0 && after[at]!.trimStart().startsWith('//'); at--) after[at] = '';
    }
  }
  return after.join('\n');
}
