import type { Command } from "commander";
import { ConfigError } from "../config/index.ts";
import { MigrationError } from "../db/migrations/apply-migrations.ts";
import { type RunningService, startService } from "../service/start-service.ts";
import { EXIT } from "./exit-codes.ts";

/**
 * Runs the service until SIGINT/SIGTERM, then shuts down gracefully. A second signal exits at once.
 * Start-up errors print one readable message and exit with a code scripts can trust.
 */
export async function runServe(options: { isJobsEnabled: boolean; isHttpEnabled: boolean }): Promise<void> {
  let service: RunningService;
  try {
    service = await startService({
      ...options,
      onBanner: (text) => process.stdout.write(`${text}\n`),
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT.CONFIG);
    }
    process.stderr.write(
      `The bridge could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(EXIT.FAILURE);
  }

  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(EXIT.FAILURE);
    }
    isStopping = true;
    service.ctx.logger.info({ signal }, "stopping");
    service.stop().then(
      () => process.exit(EXIT.OK),
      (error: unknown) => {
        service.ctx.logger.error({ err: error }, "shutdown failed");
        process.exit(EXIT.FAILURE);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

export function registerServeCommands(program: Command): void {
  program
    .command("serve")
    .description("run the bridge: HTTP API and webhooks, and (unless --no-jobs) the background jobs")
    .option("--no-jobs", "serve HTTP only; run the jobs elsewhere with `takeone-cal worker`")
    .action(async (opts: { jobs: boolean }) => {
      await runServe({ isJobsEnabled: opts.jobs, isHttpEnabled: true });
    });
  program
    .command("worker")
    .description("run the background jobs only (event delivery, reminders, reconciliation), no HTTP")
    .action(async () => {
      await runServe({ isJobsEnabled: true, isHttpEnabled: false });
    });
}
