import type pg from "pg";
import type { Env } from "../config/index.ts";
import type { PrismaClient } from "../db/create-prisma.ts";
import type { MigrationFile } from "../db/migrations/read-migration-files.ts";
import type { Logger } from "../http/create-logger.ts";

/** Where the bridge reads the time; tests inject a clock they move by hand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What capabilities get from the running service: config, logger, database, clock. */
export interface ServiceContext {
  config: Env;
  logger: Logger;
  pool: pg.Pool;
  prisma: PrismaClient;
  clock: Clock;
  /** the migrations this build knows, for /readyz */
  migrations: MigrationFile[];
}
