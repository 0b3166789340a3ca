import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPool } from "../src/db/create-pool.ts";

export interface TestDatabase {
  name: string;
  url: string;
  /** a pool on it, closed by drop() */
  pool: pg.Pool;
  /** runs SQL on the server's maintenance database (for ALTER DATABASE and the like) */
  adminQuery(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/**
 * A database of the test file's own on the run's server: a copy of the migrated template, or with
 * `isEmpty`, a blank one (for the migration tests).
 */
export async function createTestDatabase(options: { isEmpty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = inject("pgServerUrl");
  const name = `takeone_test_${randomBytes(6).toString("hex")}`;
  const template = options.isEmpty ? "template0" : inject("pgTemplateDatabase");
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    // Copies of one template made at the same moment can collide ("source database is being
    // accessed by other users" while a sibling copy runs): try again shortly.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || (error as { code?: string }).code !== "55006") throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = `${serverUrl}/${name}`;
  const pool = createPool({ connectionString: url, max: 10 });
  const adminQuery = async (text: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await client.connect();
    try {
      return await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  return {
    name,
    url,
    pool,
    adminQuery,
    drop: async () => {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
