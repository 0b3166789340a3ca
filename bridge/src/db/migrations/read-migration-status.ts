import type { Queryable } from "../queryable.ts";
import type { MigrationFile } from "./read-migration-files.ts";

/** Names of the local migrations not (successfully) applied to the database. */
export async function listPendingMigrations(db: Queryable, migrations: MigrationFile[]): Promise<string[]> {
  const { rows } = await db.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return migrations.map((m) => m.name).filter((name) => !applied.has(name));
}
