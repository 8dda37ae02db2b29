import { matchingBrace, resolveImport, resolveSpecifier, type ScannedProject } from './source.ts';

/**
 * The source of a handler a route names instead of writing inline (`router.post('/', authors.postAuthor)`,
 * `app.get('/x', getThing)`): the function's body in the module the name is imported from, or in
 * this file. Undefined when the registration has its handler inline or the name cannot be followed.
 */
export function referencedHandler(project: ScannedProject, file: string, source: string, args: string): HandlerSource | undefined {
  // The last argument of the registration: `ctrl.method` or `name`, with nothing after it but the closing parenthesis.
  const named = /,\s*(?:(\w+)\s*\.\s*)?(\w+)\s*\)?\s*;?\s*$/.exec(args.trim());
  if (!named) return undefined;
  const [, owner, name] = named;
  return namedFunction(project, file, source, name!, owner);
}

/**
 * The function a name refers to in this file: declared here, or in the module it (or `owner`, for
 * `ctrl.method`) is imported from. Undefined where no declaration is found.
 */
export function namedFunction(project: ScannedProject, file: string, source: string, name: string, owner?: string): HandlerSource | undefined {
  const found = resolveImport(project, file, source, owner ?? name);
  // `ctrl.method` names an imported module's function, never one of this file.
  if (!found && owner) return undefined;
  const imported = found && owner ? reexported(project, found, owner) : found;
  const home = imported ? project.read(imported) : source;
  const body = functionBody(home, name);
  return body === undefined ? undefined : { file: imported ?? file, source: home, body };
}

/** `export { default as user } from './user'` in an index module: the module `owner` really comes from. */
function reexported(project: ScannedProject, file: string, owner: string): string {
  const from = new RegExp(`export\\s*\\{[^}]*\\b(?:default\\s+as\\s+)?${owner}\\b[^}]*\\}\\s*from\\s*['"]([^'"]+)['"]`).exec(project.read(file))?.[1];
  return (from && resolveSpecifier(project, file, from)) ?? file;
}

/** A handler's own text, and the module it is written in (where the names it uses are imported). */
export interface HandlerSource {
  file: string;
  source: string;
  body: string;
}

/** `function name(`, `const name = (async) (...) =>`, `name: function (`, `exports.name = (...) =>`, `name(req, res) {`. */
export function functionBody(source: string, name: string): string | undefined {
  const declarations = [
    new RegExp(`\\bfunction\\s+${name}\\s*\\(`),
    new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:function\\b[^(]*)?\\(`),
    new RegExp(`\\bexports\\s*\\.\\s*${name}\\s*=\\s*(?:async\\s+)?(?:function\\b[^(]*)?\\(`),
    // A method, of an object or a class: `name(req, res) {`, `public static async name(ctx: Context): Promise<void> {`.
    new RegExp(`^\\s*(?:(?:public|private|protected|static|async|override)\\s+)*${name}\\s*\\([^)]*\\)\\s*(?::\\s*[^{;=]+)?\\{`, 'm'),
    new RegExp(`\\b${name}\\s*:\\s*(?:async\\s+)?(?:function\\b[^(]*)?\\(`),
    // A class property: `public getUsers: RequestHandler = async (req, res) => {`.
    new RegExp(`^\\s*(?:(?:public|private|protected|static|readonly)\\s+)*${name}\\s*(?::[^=;\\n]+)?=\\s*(?:async\\s+)?(?:function\\b[^(]*)?\\(`, 'm'),
  ];
  for (const declaration of declarations) {
    const match = declaration.exec(source);
    if (!match) continue;
    const open = source.indexOf('{', match.index + match[0].length - 1);
    if (open < 0) continue;
    const close = matchingBrace(source, open);
    return source.slice(match.index, close === undefined ? undefined : close + 1);
  }
  return undefined;
}
