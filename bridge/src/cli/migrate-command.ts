import type { Command } from "commander";
import { applyMigrations } from "../db/migrations/apply-migrations.ts";
import { withDatabase } from "./with-database.ts";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (the bridge also does this when it starts)")
    .action(async () => {
      const result = await withDatabase(({ url }) =>
        applyMigrations({ databaseUrl: url, onProgress: (message) => process.stdout.write(`${message}\n`) }),
      );
      process.stdout.write(
        result.applied.length > 0
          ? `applied ${result.applied.length} migration(s); ${result.alreadyApplied.length} were already applied\n`
          : `nothing to apply; ${result.alreadyApplied.length} migration(s) already applied\n`,
      );
    });
}
