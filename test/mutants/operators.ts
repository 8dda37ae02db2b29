import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Mutant } from './index.ts';

/**
 * SQL is matched in capitals, as the fixtures write it, so that `import x from "y";` is never taken for a query.
 *
 * Mutation operators: each finds one kind of behaviour in a fixture's source and breaks it the way a
 * real regression would. Applied to every fixture, they give each one a list of mutants without
 * anyone writing them by hand; the hand-written lists in index.ts add what no pattern finds.
 */
interface Operator {
  name: string;
  pattern: RegExp;
  to: (match: RegExpExecArray) => string;
}

const OPERATORS: Operator[] = [
  {
    name: 'a create answers 200, not 201',
    pattern:
      /\b(status|code)\s*\(\s*201\s*\)|\bstatus\s*=\s*201\b|(\bc\s*\.\s*json\s*\((?:[^()]|\([^()]*\))*,\s*)201(\s*\))|\b(?:HttpStatus|StatusCodes|Status)\s*\.\s*CREATED\b/,
    to: (match) => (match[2] !== undefined ? `${match[2]}200${match[3]}` : match[0].replace(/201|CREATED/, (found) => (found === '201' ? '200' : 'OK'))),
  },
  {
    name: 'a not-found answered 200',
    pattern:
      /\b(?:HttpStatus|StatusCodes|Status)\s*\.\s*NOT_FOUND\b|\b(status|code|sendStatus)\s*\(\s*404\s*\)|\bstatus\s*=\s*404\b|\bthrow\s+new\s+NotFoundException\s*\(|\breply\s*\.\s*notFound\s*\(|\bc\s*\.\s*notFound\s*\(\s*\)/,
    to: (match) => {
      if (match[0].endsWith('NOT_FOUND')) return match[0].replace('NOT_FOUND', 'OK');
      if (match[0].startsWith('throw')) return match[0].replace(/^throw/, 'return');
      if (/notFound\s*\(\s*\)$/.test(match[0]) && match[0].startsWith('c')) return "c.json({ error: 'not found' }, 200)";
      if (/notFound/.test(match[0])) return match[0].replace(/notFound\s*\(/, 'send(');
      return match[0].replace('404', '200');
    },
  },
  {
    name: 'a bad request answered 200',
    pattern:
      /\b(?:HttpStatus|StatusCodes|Status)\s*\.\s*BAD_REQUEST\b|\b(status|code|sendStatus)\s*\(\s*(400|422)\s*\)|\bstatus\s*=\s*400\b|\bthrow\s+new\s+BadRequestException\s*\(|\breply\s*\.\s*badRequest\s*\(/,
    to: (match) =>
      match[0].endsWith('BAD_REQUEST')
        ? match[0].replace('BAD_REQUEST', 'OK')
        : match[0].startsWith('throw')
          ? match[0].replace(/^throw/, 'return')
          : /badRequest/.test(match[0])
            ? match[0].replace(/badRequest\s*\(/, 'send(')
            : match[0].replace(/400|422/, '200'),
  },
  {
    name: 'a delete removes nothing',
    pattern: /\b(DELETE\s+FROM\s+["`]?\w+["`]?\s+WHERE\s+)|\.del\s*\(\s*\)|\.destroy\s*\(\s*\{/,
    to: (match) => (match[1] ? `${match[1]}1 = 0 AND ` : match[0].startsWith('.del') ? ".whereRaw('1 = 0').del()" : '.count({'),
  },
  {
    // Prisma's create becomes a lookup, TypeORM's save a create that is never saved, Sequelize's create a build.
    name: 'a create stores nothing',
    pattern: /\.create\s*\(\s*\{\s*data\s*:|\b(\w+)\s*\.\s*save\s*\(\s*\1\s*\.\s*create\s*\(|\b(?!NestFactory\b)([A-Z]\w*)\s*\.\s*create\s*\(/,
    to: (match) => (match[1] ? `${match[1]}.create(${match[1]}.create(` : match[2] ? `${match[2]}.build(` : '.findFirst({ where:'),
  },
  {
    name: 'a nested list not filtered',
    pattern:
      /\b(findMany|findAll|find)\s*\(\s*\{\s*where\s*:\s*\{[^{}]*\}\s*,\s*|(\.from\s*\([\w.]+\))\s*\.where\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)(\s*\.all\s*\(\s*\))/,
    to: (match) => (match[1] ? `${match[1]}({ ` : `${match[2]}${match[3]}`),
  },
  {
    name: 'an update changes nothing',
    pattern: /\b(UPDATE\s+["`]?\w+["`]?\s+SET\s+[^'"`]*?\bWHERE\s+)/,
    to: (match) => `${match[1]}1 = 0 AND `,
  },
  {
    name: 'a list returns nothing',
    pattern: /\b(FROM\s+["`]?\w+["`]?)(\s+ORDER\s+BY\b|\s*['"`;])/,
    to: (match) => `${match[1]} WHERE 1 = 0${match[2]}`,
  },
  {
    name: 'a read finds another row',
    pattern: /\b(SELECT\b[^'"`]*?\bWHERE\s+(?:\w+\.)?\w*id["`]?\s*)=(\s*(?:\?|\$\d+|@\w+|:\w+))/,
    to: (match) => `${match[1]}<>${match[2]}`,
  },
];

/** The service's own source: scripts, not its tests, migrations or installed packages. */
function sourceFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return /^(node_modules|test|tests|__tests__|migrations|prisma|dist|\..*)$/.test(entry.name) ? [] : sourceFiles(root, file);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) && !/\.(test|spec|d)\.[cm]?[jt]s$|^(knexfile|drizzle\.config|vitest\.config)\./.test(entry.name) ? [file] : [];
  });
}

/** One mutant per operator per fixture: the operator's first match, in file order. */
export function derivedMutants(root: string): Mutant[] {
  const files = sourceFiles(root).sort();
  return OPERATORS.flatMap((operator) => {
    for (const file of files) {
      const source = readFileSync(path.join(root, file), 'utf8');
      const match = operator.pattern.exec(source);
      if (!match) continue;
      const line = source.slice(0, match.index).split('\n').length;
      return [{ name: `${operator.name} (${file}:${line})`, file, from: match[0], to: operator.to(match) }];
    }
    return [];
  });
}
