import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../src/db/embedded-postgres.ts";
import { applyMigrations } from "../src/db/migrations/apply-migrations.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** postgresql://user:password@host:port, no database: where test files create theirs */
    pgServerUrl: string;
    /** a migrated database to copy (CREATE DATABASE … TEMPLATE) */
    pgTemplateDatabase: string;
  }
}

/**
 * One PostgreSQL for the whole run — the server at DATABASE_URL, else an embedded one in a temp
 * directory — and one migrated template database; each test file copies the template into a
 * database of its own (see create-test-database.ts), so files run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "";
    serverUrl = url.toString().replace(/\/$/, "");
  } else {
    dir = await mkdtemp(path.join(tmpdir(), "takeone-test-pg-"));
    embedded = await startEmbeddedPostgres({ dir, database: "postgres", isThrowaway: true });
    serverUrl = embedded.url.replace(/\/postgres$/, "");
  }

  const template = `takeone_tpl_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await applyMigrations({ databaseUrl: `${serverUrl}/${template}` });
  await admin.end();

  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplateDatabase", template);

  return async () => {
    const cleanup = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'takeone_t%'",
    );
    for (const row of rows) await cleanup.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await cleanup.end();
    await embedded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
