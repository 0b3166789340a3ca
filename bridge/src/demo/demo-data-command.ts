import type { Command } from "commander";
import { withDatabase } from "../cli/with-database.ts";
import { ConfigError } from "../config/index.ts";
import { createPool } from "../db/create-pool.ts";
import { applyMigrations } from "../db/migrations/apply-migrations.ts";
import { insertDemoData } from "./insert-demo-data.ts";

export function registerDemoDataCommand(program: Command): void {
  program
    .command("demo-data")
    .description("insert demo users, a casting call and an application to try the API (not in production)")
    .action(async () => {
      const ids = await withDatabase(async ({ url, config }) => {
        if (config.NODE_ENV === "production") {
          throw new ConfigError([{ variable: "NODE_ENV", message: "demo-data does not run in production" }]);
        }
        await applyMigrations({ databaseUrl: url }); // the tables exist even before the first npm start
        const pool = createPool({ connectionString: url, max: 1 });
        try {
          return await insertDemoData(pool);
        } finally {
          await pool.end();
        }
      });
      process.stdout.write(`${JSON.stringify(ids, null, 2)}\n`);
    });
}
