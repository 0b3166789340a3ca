import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One migration folder in Prisma's layout: prisma/migrations/<name>/migration.sql */
export interface MigrationFile {
  name: string;
  script: string;
  /** hex sha256 of the script, as `prisma migrate deploy` records it */
  checksum: string;
}

/**
 * Where the migrations are: MIGRATIONS_DIR, else `prisma/migrations` inside the package (a published
 * build), else the repository's `prisma/migrations` (this checkout: bridge/src|dist/db/migrations).
 */
export function resolveMigrationsDir(): string {
  if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const packaged = path.resolve(here, "../../../prisma/migrations");
  if (existsSync(packaged)) return packaged;
  return path.resolve(here, "../../../../prisma/migrations");
}

export async function readMigrationFiles(dir = resolveMigrationsDir()): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: checksumOf(script) };
    }),
  );
}

export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether a script still matches the checksum recorded when it was applied. Like Prisma's schema
 * engine, a checkout that only changed line endings (git on Windows) still matches.
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")].some(
    (variant) => checksumOf(variant) === checksum,
  );
}
