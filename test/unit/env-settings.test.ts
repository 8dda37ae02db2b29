import { describe, expect, test } from 'vitest';
import { readEnvSettings } from '../../src/detect/env-settings.ts';
import { SourceFiles } from '../../src/detect/files.ts';
import { tempProject } from '../support/temp-project.ts';

describe('the settings a service reads', () => {
  test('database settings from process.env reads, destructuring, env schemas and example files, by the part each holds', () => {
    const dir = tempProject({
      'src/env.ts': 'export const env = z.object({\n  DATABASE_URL: z.string().url(),\n  REDIS_URL: z.string(),\n}).parse(process.env);\n',
      'src/db.js': 'const { DB_HOST, DB_PORT } = process.env;\nconst user = process.env.DB_USER;\nconst name = process.env["DB_NAME"];\n',
      '.env.example': 'DB_PASSWORD=secret\nPORT=3000\n',
    });
    expect(readEnvSettings(dir, new SourceFiles(dir)).db).toEqual([
      { name: 'DATABASE_URL', part: 'url' },
      { name: 'DB_HOST', part: 'host' },
      { name: 'DB_NAME', part: 'database' },
      { name: 'DB_PASSWORD', part: 'password' },
      { name: 'DB_PORT', part: 'port' },
      { name: 'DB_USER', part: 'user' },
    ]);
  });

  test('secrets read in code that the example env file setup loads does not set', () => {
    const dir = tempProject({
      'src/config.ts': 'export const jwt = process.env.JWT_SECRET!;\nexport const key = process.env.STRIPE_API_KEY;\nexport const port = process.env.PORT;\n',
      '.env.sample': 'STRIPE_API_KEY=sk_test_123\nCOOKIE_SECRET=\n',
    });
    // COOKIE_SECRET= leaves it empty: a secret all the same.
    expect(readEnvSettings(dir, new SourceFiles(dir))).toMatchObject({ unsetSecrets: ['COOKIE_SECRET', 'JWT_SECRET'], exampleFile: '.env.sample' });
  });

  test('example values as dotenv reads them: quotes off even with a comment after, unquoted ones end at the comment', () => {
    const dir = tempProject({ '.env.template': 'PORT="8080"            # The port\nHOST=localhost # where\nNOTE="a # b"\n' });
    expect(readEnvSettings(dir, new SourceFiles(dir)).example).toEqual({ PORT: '8080', HOST: 'localhost', NOTE: 'a # b' });
  });
});
