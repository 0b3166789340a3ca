import path from "node:path";
import type { Env } from "../config/index.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.ts";

export interface OpenDatabaseResult {
  url: string;
  /** set when DATABASE_URL is unset and the embedded server was started or adopted */
  embedded?: EmbeddedPostgres;
}

/** DATABASE_URL when set (nothing is started); else the embedded PostgreSQL under DATA_DIR. */
export async function openDatabase(
  config: Pick<Env, "DATABASE_URL" | "DATA_DIR">,
  onLog?: (message: string) => void,
): Promise<OpenDatabaseResult> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dir: path.resolve(config.DATA_DIR, "postgres"),
    ...(onLog ? { onLog } : {}),
  });
  return { url: embedded.url, embedded };
}
