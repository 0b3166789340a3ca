import { type Env, loadConfig } from "../config/index.ts";
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
