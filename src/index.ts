/** Programmatic API: plan and apply the harness from code (tests, benchmarks, other tools). */
export { detectProject, type Detection } from './detect/index.ts';
export { resolveAnswers, type Answers } from './kit/answers.ts';
export { createContext, type KitContext } from './kit/context.ts';
export { planKit } from './kit/plan-kit.ts';
export { applyTree } from './plan/apply.ts';
export { classify } from './plan/changes.ts';
export { GENERATORS } from '../generators/index.ts';
export { registerKit } from './kit/plop.ts';
export { versionSetFor, VERSION_SETS } from './kit/versions.ts';
