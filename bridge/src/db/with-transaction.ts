import type pg from "pg";
import { isPipelined } from "./in-parallel.ts";

/** PostgreSQL errors after which running the whole transaction again is correct. */
const RETRYABLE = new Set(["40001" /* serialization_failure */, "40P01" /* deadlock_detected */]);

/**
 * Runs `work` in one transaction on one connection of the pool and commits it; rolls back on error.
 * Deadlocks and serialization failures roll back and run again (PostgreSQL chose this transaction
 * as the victim; the other one has committed by then), up to `attempts` times.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let isBroken = false;
    // A checked-out client whose connection dies (PostgreSQL restarted) emits "error" besides
    // failing its query; with no listener that would crash the process. The query's rejection
    // carries the error; here the client is only marked so the pool discards it.
    const onError = () => {
      isBroken = true;
    };
    client.on("error", onError);
    try {
      const begun = client.query("BEGIN");
      // On a pipelined client BEGIN goes out with the work's first statements (in-parallel.ts).
      if (isPipelined(client)) begun.catch(() => {});
      else await begun;
      const result = await work(client);
      await begun;
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch {
        isBroken = true; // the connection is gone; do not return it to the pool
      }
      const code = (error as { code?: string }).code;
      if (attempt < attempts && code !== undefined && RETRYABLE.has(code)) continue;
      throw error;
    } finally {
      client.off("error", onError);
      client.release(isBroken);
    }
  }
}
