import { matchingBrace, resolveImport, type ScannedProject } from './source.ts';

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
  const imported = resolveImport(project, file, source, owner ?? name);
  // `ctrl.method` names an imported module's function, never one of this file.
  if (!imported && owner) return undefined;
  const home = imported ? project.read(imported) : source;
  const body = functionBody(home, name);
  return body === undefined ? undefined : { file: imported ?? file, source: home, body };
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
    new RegExp(`^\\s*(?:async\\s+)?${name}\\s*\\([^)]*\\)\\s*\\{`, 'm'),
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
