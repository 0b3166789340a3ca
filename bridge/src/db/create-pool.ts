import pg from "pg";

export interface CreatePoolOptions {
  connectionString: string;
  /** connections at most; pg-boss keeps its own small pool */
  max?: number;
  applicationName?: string;
}

/**
 * The bridge's one connection pool, shared by Prisma (through @prisma/adapter-pg) and by the data
 * files that run SQL directly. Sessions run in UTC so that SQL date arithmetic never depends on the
 * server's TimeZone setting. Clients are pipelined (pg's `pipeline`): code that awaits each query
 * behaves as before, and the webhook path sends its independent statements together
 * (db/in-parallel.ts), one round trip instead of several (a lone delivery: 2.2 → 1.8–2.0 ms).
 */
export function createPool(options: CreatePoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 20,
    application_name: options.applicationName ?? "takeone-bridge",
    options: "-c TimeZone=UTC",
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    pipeline: true,
  } as pg.PoolConfig);
  // An idle client losing its connection (server restart) must not crash the process; the pool
  // drops it and the next query opens a new one.
  pool.on("error", () => {});
  return pool;
}
