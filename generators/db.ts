import { usesLayer } from '../src/detect/stack.ts';
import { KitError } from '../src/kit/errors.ts';
import { planKnex } from '../src/db/engines/knex.ts';
import { planServerDriver } from '../src/db/engines/driver.ts';
import { planSqlite } from '../src/db/engines/sqlite.ts';
import { planNoDatabase } from '../src/db/engines/none.ts';
import { planTypeorm } from '../src/db/engines/typeorm.ts';
import { planSequelize } from '../src/db/engines/sequelize.ts';
import { planPrisma } from '../src/db/engines/prisma.ts';
import { note, type KitAction, type KitGenerator } from '../src/kit/generator.ts';
import type { KitContext } from '../src/kit/context.ts';

// Drizzle, TypeORM, Sequelize and Prisma wrap the harness's own client (see the app wiring) and Knex gets a per-test transaction; Mongoose is not SQL.
const ORMS = new Set(['mongoose']);

/**
 * The test database: the project's own migrations, a real engine per run, a
 * database per worker, a rolled-back transaction per test, seed helpers and
 * constraint/index tests from the schema.
 */
export const db: KitGenerator = {
  name: 'db',
  description: 'test database from your migrations (SQLite, Postgres, MySQL), a rollback per test, seed helpers, constraint tests',
  plan(kit) {
    if (kit.answers.db === 'none') return planNoDatabase(kit);
    const orm = kit.detection.dataLayers.find((layer) => ORMS.has(layer.value));
    // A relational layer beside MongoDB is the one the harness serves; MongoDB stays untested here, and the plan says so.
    const relational = kit.detection.dataLayers.find((layer) => !ORMS.has(layer.value));
    if (orm && relational) {
      return [
        note(
          `This service also uses ${orm.value} (MongoDB): the harness runs its ${relational.value} database; code that reads MongoDB is not given a test database.`,
        ),
        ...planSql(kit),
      ];
    }
    if (orm) {
      throw new KitError(
        `This service keeps its data in MongoDB (${orm.value}), and the kit builds test databases for SQL engines only (SQLite, Postgres, MySQL through their drivers, Drizzle, Knex, TypeORM, Sequelize or Prisma): --db none gives the harness and API tests without a database.`,
      );
    }
    return planSql(kit);
  },
};

/** The harness of the SQL data layer: the ORM's or query builder's own, else the driver's. */
function planSql(kit: KitContext): KitAction[] {
  if (usesLayer(kit.detection.dataLayers, 'knex')) return planKnex(kit);
  if (usesLayer(kit.detection.dataLayers, 'typeorm')) return planTypeorm(kit);
  if (usesLayer(kit.detection.dataLayers, 'sequelize')) return planSequelize(kit);
  if (usesLayer(kit.detection.dataLayers, 'prisma')) return planPrisma(kit);
  switch (kit.answers.db) {
    case 'sqlite':
      return planSqlite(kit);
    case 'postgres':
    case 'mysql':
      return planServerDriver(kit, kit.answers.db);
  }
  return [];
}
