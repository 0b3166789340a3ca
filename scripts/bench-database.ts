import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../bridge/src/db/embedded-postgres.ts";
import { applyMigrations } from "../bridge/src/db/migrations/apply-migrations.ts";

/**
 * A fresh migrated database for a benchmark: on the server at DATABASE_URL, else on an embedded
 * PostgreSQL in a temp directory (fsync on, as in production). drop() removes everything.
 */
export async function openBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  let serverUrl: string;
  let stopEmbedded = async () => {};
  let dir: string | undefined;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "";
    serverUrl = url.toString().replace(/\/$/, "");
  } else {
    dir = await mkdtemp(path.join(tmpdir(), "takeone-bench-pg-"));
    const embedded = await startEmbeddedPostgres({ dir, database: "postgres" });
    serverUrl = embedded.url.replace(/\/postgres$/, "");
    stopEmbedded = () => embedded.stop();
  }
  const name = `takeone_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `${serverUrl}/${name}`;
  await applyMigrations({ databaseUrl: url });
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await stopEmbedded();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
