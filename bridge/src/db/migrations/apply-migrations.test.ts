import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/create-test-database.ts";
import { applyMigrations, MigrationError } from "./apply-migrations.ts";
import {
  checksumOf,
  type MigrationFile,
  readMigrationFiles,
  resolveMigrationsDir,
} from "./read-migration-files.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../../..");

function migration(name: string, script: string): MigrationFile {
  return { name, script, checksum: checksumOf(script) };
}

interface HistoryRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

async function history(db: TestDatabase): Promise<HistoryRow[]> {
  const { rows } = await db.pool.query<HistoryRow>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

async function tableExists(db: TestDatabase, table: string): Promise<boolean> {
  const { rows } = await db.pool.query("SELECT to_regclass($1) AS oid", [`"${table}"`]);
  return rows[0]?.oid !== null;
}

describe("applyMigrations", () => {
  let db: TestDatabase;
  afterEach(async () => {
    await db?.drop();
  });

  it("applies the repository's migrations to an empty database and records them as prisma migrate deploy does", async () => {
    db = await createTestDatabase({ isEmpty: true });
    const files = await readMigrationFiles();
    const result = await applyMigrations({ databaseUrl: db.url });

    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await history(db);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const bytes = await readFile(path.join(resolveMigrationsDir(), row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await tableExists(db, "AuditionBooking")).toBe(true);
  });

  it("does nothing the second time", async () => {
    db = await createTestDatabase({ isEmpty: true });
    await applyMigrations({ databaseUrl: db.url });
    const before = await history(db);

    const again = await applyMigrations({ databaseUrl: db.url });

    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBe(before.length);
    expect(await history(db)).toEqual(before);
  });

  it("refuses to run anything when an applied migration's file changed", async () => {
    db = await createTestDatabase({ isEmpty: true });
    const first = migration("20260101000000_a", `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);`);
    await applyMigrations({ databaseUrl: db.url, migrations: [first] });

    const edited = migration(first.name, `CREATE TABLE "A" ("id" TEXT PRIMARY KEY, "x" INT);`);
    const next = migration("20260102000000_b", `CREATE TABLE "B" ("id" TEXT PRIMARY KEY);`);
    const attempt = applyMigrations({ databaseUrl: db.url, migrations: [edited, next] });

    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(/20260101000000_a was modified/);
    expect(await tableExists(db, "B")).toBe(false);
    expect((await history(db)).map((r) => r.migration_name)).toEqual([first.name]);
  });

  it("accepts a file whose only change is its line endings, as Prisma does", async () => {
    db = await createTestDatabase({ isEmpty: true });
    const unix = migration("20260101000000_a", `CREATE TABLE "A" (\n  "id" TEXT PRIMARY KEY\n);\n`);
    await applyMigrations({ databaseUrl: db.url, migrations: [unix] });

    const windows = migration(unix.name, unix.script.replaceAll("\n", "\r\n"));
    const result = await applyMigrations({ databaseUrl: db.url, migrations: [windows] });

    expect(result).toEqual({ applied: [], alreadyApplied: [unix.name] });
  });

  it("rolls a failing migration back whole, records it as rolled back with the error, and applies the fix later", async () => {
    db = await createTestDatabase({ isEmpty: true });
    const broken = migration(
      "20260101000000_a",
      `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);\nCREATE TABLE "B" ("aId" TEXT REFERENCES "Nope"("id"));`,
    );

    await expect(applyMigrations({ databaseUrl: db.url, migrations: [broken] })).rejects.toThrow(
      /20260101000000_a failed and was rolled back: relation "Nope" does not exist/,
    );
    expect(await tableExists(db, "A")).toBe(false);
    const [failed] = await history(db);
    expect(failed?.rolled_back_at).toBeInstanceOf(Date);
    expect(failed?.finished_at).toBeNull();
    expect(failed?.logs).toMatch(/relation "Nope" does not exist/);

    const fixed = migration(broken.name, `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);`);
    const result = await applyMigrations({ databaseUrl: db.url, migrations: [fixed] });
    expect(result.applied).toEqual([fixed.name]);
    expect(await tableExists(db, "A")).toBe(true);
  });

  it("refuses a history with a migration that started and never finished (a failed prisma migrate deploy)", async () => {
    db = await createTestDatabase({ isEmpty: true });
    const first = migration("20260101000000_a", `CREATE TABLE "A" ("id" TEXT PRIMARY KEY);`);
    await applyMigrations({ databaseUrl: db.url, migrations: [] });
    await db.pool.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES (gen_random_uuid(), $1, $2)`,
      [first.checksum, first.name],
    );

    await expect(applyMigrations({ databaseUrl: db.url, migrations: [first] })).rejects.toThrow(
      /20260101000000_a started but never finished.*prisma migrate resolve/s,
    );
  });

  it("lets two processes migrate one database at once: each migration is applied exactly once", async () => {
    db = await createTestDatabase({ isEmpty: true });
    const runCli = () =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "bridge/src/cli/main.ts", "migrate"], {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "test" },
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.stderr.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        child.on("close", (code) => resolve({ code, output }));
      });

    const [a, b] = await Promise.all([runCli(), runCli()]);

    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    const files = await readMigrationFiles();
    const rows = await history(db);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    // One of them applied everything, the other found nothing to do.
    expect([a.output, b.output].filter((o) => o.includes("nothing to apply"))).toHaveLength(1);
  });
});
