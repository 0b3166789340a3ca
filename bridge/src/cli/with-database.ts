import type pg from "pg";
import { type Env, loadConfig } from "../config/index.ts";
import { createPool } from "../db/create-pool.ts";
import { openDatabase } from "../db/open-database.ts";

/**
 * Runs a CLI command against the bridge's database: DATABASE_URL, or the embedded server under
 * DATA_DIR — used as found if a bridge is running, else started for the command and stopped after.
 */
export async function withDatabase<T>(work: (args: { url: string; config: Env }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    return await work({ url: database.url, config });
  } finally {
    if (database.embedded && !database.embedded.wasRunning) await database.embedded.stop();
  }
}

/** withDatabase with a small pool on it, ended after the command. */
export async function withPool<T>(work: (pool: pg.Pool, config: Env) => Promise<T>): Promise<T> {
  return withDatabase(async ({ url, config }) => {
    const pool = createPool({ connectionString: url, max: 2, applicationName: "takeone-cal" });
    try {
      return await work(pool, config);
    } finally {
      await pool.end();
    }
  });
}
