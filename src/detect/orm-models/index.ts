import type { Detection } from '../index.ts';
import { readDrizzleModels } from './drizzle.ts';
import { readPrismaModels } from './prisma.ts';
import type { OrmModel } from './model.ts';

export type { FieldValue, OrmField, OrmModel } from './model.ts';

/** The ORM factories create rows through, and its models. */
export interface OrmModels {
  orm: 'prisma' | 'drizzle';
  models: OrmModel[];
}

/**
 * The models of the ORM whose client the harness builds (`orm`, else Drizzle): factories create
 * rows through that client. Undefined where the kit does not read that ORM's models yet.
 */
export function readOrmModels(detection: Detection, orm: string | undefined): OrmModels | undefined {
  if (orm === 'prisma' && detection.prisma) return { orm, models: readPrismaModels(detection.root, detection.prisma.schema) };
  if (!orm && detection.drizzle?.schema) return { orm: 'drizzle', models: readDrizzleModels(detection.root, detection.drizzle.schema) };
  return undefined;
}
