/**
 * What a harness module takes from another module, and under which name: spelled as an `import` or,
 * where the project is CommonJS, as a `require` (importCode, requireCode in spelling.ts).
 * - `named`: one exported name, under another `local` name where it would clash;
 * - `default`: the default export (under CommonJS, module.exports), named `local`;
 * - `whole`: the whole module, named `local`.
 */
export type ModuleBinding = { specifier: string } & ({ named: string; local?: string } | { default: string } | { whole: string });

export function namedFrom(specifier: string, named: string, local?: string): ModuleBinding {
  return local === undefined || local === named ? { specifier, named } : { specifier, named, local };
}

export function defaultFrom(specifier: string, local: string): ModuleBinding {
  return { specifier, default: local };
}

export function wholeModule(specifier: string, local: string): ModuleBinding {
  return { specifier, whole: local };
}
