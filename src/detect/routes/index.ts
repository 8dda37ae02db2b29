import { SourceFiles } from '../files.ts';
import type { PathAlias } from '../path-aliases.ts';
import type { Framework } from '../stack.ts';
import { scanCallRoutes } from './calls.ts';
import { DIALECTS } from './dialects.ts';
import { scanNestRoutes, type NestBootstrap } from './nest.ts';
import { scannedProject } from './source.ts';
import type { RouteScan } from './route.ts';

export {
  endpointFromText,
  formatEndpoint,
  HTTP_METHODS,
  uniqueRoutes,
  type HandlerLines,
  type HttpMethod,
  type RequestBody,
  type RequestField,
  type Route,
  type RouteScan,
  type SelectedField,
  type SuccessField,
} from './route.ts';

export interface RouteSource {
  root: string;
  framework: Framework;
  /** The module that creates the app (Nest: the root module). */
  appFile: string;
  /** Nest: what the file that calls NestFactory.create sets up, for its global prefix (nestBootstrap reads it). */
  bootstrap?: NestBootstrap;
  aliases?: readonly PathAlias[];
  sources?: SourceFiles;
}

/** The service's routes as its source declares them, in the framework's own idiom. */
export function scanRoutes({ root, framework, appFile, bootstrap = {}, aliases = [], sources }: RouteSource): RouteScan {
  if (framework === 'nest') return scanNestRoutes(sources ?? new SourceFiles(root), bootstrap, scannedProject(root, aliases));
  return scanCallRoutes(DIALECTS[framework], root, appFile, aliases);
}
