import type { Detection } from '../index.ts';
import { readDrizzleModels } from './drizzle.ts';
import { readPrismaModels } from './prisma.ts';
import { readSequelizeModels } from './sequelize.ts';
import { readTypeormModels } from './typeorm.ts';
import type { OrmModel } from './model.ts';

export type { FieldValue, OrmField, OrmModel } from './model.ts';

/** The ORM factories create rows through, and its models. */
export interface OrmModels {
  orm: 'prisma' | 'drizzle' | 'typeorm' | 'sequelize';
  models: OrmModel[];
}

/**
 * The models of the ORM whose client the harness builds (`orm`, else Drizzle): factories create
 * rows through that client. Undefined where the kit does not read that ORM's models yet.
 */
export function readOrmModels(detection: Detection, orm: string | undefined): OrmModels | undefined {
  if (orm === 'prisma' && detection.prisma) return { orm, models: readPrismaModels(detection.root, detection.prisma.schema) };
  if (orm === 'typeorm' && detection.typeorm) return { orm, models: readTypeormModels(detection.root, detection.typeorm.entityFiles) };
  if (orm === 'sequelize' && detection.sequelize) {
    // In TypeScript a define()d model creates untyped rows: its factory stays on the seed helper.
    const models = readSequelizeModels(detection.root, detection.sequelize.modelFiles);
    return { orm, models: detection.language === 'ts' ? models.filter((model) => model.typed) : models };
  }
  // Drizzle over a libSQL client the service opens itself: the harness has no Drizzle client to create through, seed helpers do.
  if (!orm && detection.drizzle?.schema && !detection.libsqlModule) return { orm: 'drizzle', models: readDrizzleModels(detection.root, detection.drizzle.schema, detection.drizzle.casing) };
  return undefined;
}
