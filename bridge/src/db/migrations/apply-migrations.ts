import { randomUUID } from "node:crypto";
import pg from "pg";
import { type MigrationFile, readMigrationFiles, scriptMatchesChecksum } from "./read-migration-files.ts";

/** The advisory lock `prisma migrate deploy` takes, so that it and the bridge exclude each other. */
export const PRISMA_MIGRATE_LOCK = 72707369;

/** The migration history cannot be applied as it is; the message says what to do. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

export interface ApplyMigrationsResult {
  applied: string[];
  alreadyApplied: string[];
}

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  migrations?: MigrationFile[];
  /** how long to wait for another process that is migrating */
  lockTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/**
 * Applies pending migrations like `prisma migrate deploy`, recorded in `_prisma_migrations` the same
 * way, with two differences: each migration runs in one transaction (a failure leaves nothing
 * half-applied, and is recorded as rolled back with its error), and an applied migration whose file
 * has changed stops everything before any SQL runs.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const progress = options.onProgress ?? (() => {});
  const migrations = options.migrations ?? (await readMigrationFiles());
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: "takeone-migrate",
  });
  // A dropped connection fails the running query; without a listener it would also crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.trunc(options.lockTimeoutMs ?? 60_000))}`);
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query("RESET lock_timeout");
    try {
      await createHistoryTable(client);
      const history = await readHistory(client);
      checkHistory(history, migrations);
      const done = new Set(history.filter(isApplied).map((row) => row.migration_name));
      const pending = migrations.filter((migration) => !done.has(migration.name));
      const applied: string[] = [];
      for (const migration of pending) {
        progress(`applying migration ${migration.name}`);
        await applyOne(client, migration);
        applied.push(migration.name);
      }
      return { applied, alreadyApplied: migrations.filter((m) => done.has(m.name)).map((m) => m.name) };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") {
      throw new MigrationError("Timed out waiting for another process that is applying migrations.", {
        cause: error,
      });
    }
    throw error;
  } finally {
    await client.end();
  }
}

async function createHistoryTable(client: pg.Client): Promise<void> {
  // Prisma's own definition of the table (schema engine, postgres flavour).
  await client.query(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
}

async function readHistory(client: pg.Client): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return rows;
}

function isApplied(row: MigrationRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

function checkHistory(history: MigrationRow[], migrations: MigrationFile[]): void {
  const failed = history.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration ${failed.map((row) => row.migration_name).join(", ")} started but never finished ` +
        "(a failed `prisma migrate deploy`?). Inspect the database, then mark it with " +
        "`prisma migrate resolve --rolled-back <name>` or `--applied <name>`.",
    );
  }
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  const changed = history
    .filter(isApplied)
    .filter((row) => {
      const file = files.get(row.migration_name);
      return file !== undefined && !scriptMatchesChecksum(file.script, row.checksum);
    })
    .map((row) => row.migration_name);
  if (changed.length > 0) {
    throw new MigrationError(
      `Applied migration ${changed.join(", ")} was modified after it was applied. ` +
        "Restore the file as it was and put the change in a new migration.",
    );
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script);
    await client.query(
      `UPDATE "_prisma_migrations" SET applied_steps_count = 1, finished_at = now() WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    // Nothing of it remains (one transaction), so record it as rolled back: Prisma then ignores the
    // row and a corrected migration can run; the logs say what failed.
    const message = error instanceof Error ? error.message : String(error);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at)
       VALUES ($1, $2, $3, $4, now(), now())`,
      [id, migration.checksum, migration.name, message],
    );
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`, {
      cause: error,
    });
  }
}
