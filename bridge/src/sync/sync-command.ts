import type { Command } from "commander";
import { Option } from "commander";
import { exitOnCalcomError, loadCliConfig, requireClient } from "../calcom/index.ts";
import { EXIT } from "../cli/exit-codes.ts";
import { parseSince } from "../cli/parse-since.ts";
import { withDatabase } from "../cli/with-database.ts";
import { ConfigError } from "../config/index.ts";
import { createPool } from "../db/create-pool.ts";
import { systemClock } from "../service/service-context.ts";
import { chooseSyncSource, type SyncSourceKind } from "./run-scheduled-sync.ts";
import { syncFromCalcomApi } from "./sync-from-calcom-api.ts";
import { syncFromCalcomDatabase } from "./sync-from-calcom-database.ts";

export function registerSyncCommand(program: Command): void {
  program
    .command("sync")
    .description(
      "repair bookings whose Cal.com webhooks were missed: read the Audition bookings from Cal.com (API v2 or its database) and apply them",
    )
    .option(
      "--since <when>",
      "bookings starting at or after this ISO date-time or age such as 24h (default: 30d)",
      (value: string) => parseSince(value, systemClock.now()),
    )
    .option("--dry-run", "report what would change, change nothing (exit 1 if something would)")
    .addOption(
      new Option(
        "--source <source>",
        "api (CALCOM_API_URL/KEY) or database (CALCOM_DATABASE_URL, read only, no license needed); default: whichever is configured, api first",
      ).choices(["api", "database"]),
    )
    .action(async (flags: { since?: Date; dryRun?: boolean; source?: SyncSourceKind }) => {
      const since = flags.since ?? parseSince("30d", systemClock.now());
      const config = await loadCliConfig();
      const source = chooseSyncSource(config, flags.source) ?? "api";
      const calcomDatabaseUrl = config.CALCOM_DATABASE_URL;
      if (source === "database" && !calcomDatabaseUrl) {
        throw new ConfigError([
          {
            variable: "CALCOM_DATABASE_URL",
            message: "required for --source database (a read-only URL of Cal.com's database)",
          },
        ]);
      }
      const client = source === "api" ? requireClient(config) : undefined;
      const report = await withDatabase(async ({ url }) => {
        const pool = createPool({ connectionString: url, max: 5, applicationName: "takeone-cal sync" });
        const common = {
          pool,
          clock: systemClock,
          slug: config.CALCOM_EVENT_TYPE_SLUG,
          applicationField: config.CALCOM_APPLICATION_FIELD,
          since,
          isDryRun: flags.dryRun === true,
          onProgress: (line: string) => process.stderr.write(`${line}\r`),
        };
        try {
          return client
            ? await syncFromCalcomApi({ ...common, client })
            : await syncFromCalcomDatabase({ ...common, calcomDatabaseUrl: calcomDatabaseUrl as string });
        } finally {
          await pool.end();
        }
      }).catch(exitOnCalcomError);
      const o = report.observations;
      process.stdout.write(
        `\nRead ${report.bookingsRead} Cal.com booking(s) from ${source === "api" ? "API v2" : "Cal.com's database"} starting since ${since.toISOString()}; ` +
          `${report.bookingsSkipped} name no TakeOne application.\n` +
          `Facts: ${o.applied} applied, ${o.duplicate} already known, ${o.stale} changed nothing, ${o.unmapped} for unknown applications.\n`,
      );
      for (const change of report.changes) {
        process.stdout.write(
          `  ${report.isDryRun ? "would record" : "recorded"} ${change.eventType} for application ${change.applicationId} (Cal.com booking ${change.bookingUid})\n`,
        );
      }
      if (report.changes.length === 0) process.stdout.write("Everything already matched Cal.com.\n");
      if (report.isDryRun && report.changes.length > 0) process.exitCode = EXIT.FAILURE;
    });
}
