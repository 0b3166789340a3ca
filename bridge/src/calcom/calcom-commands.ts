import type { Command } from "commander";
import { EXIT } from "../cli/exit-codes.ts";
import { applyDevSecrets, ConfigError, type Env, loadConfig } from "../config/index.ts";
import { AppError } from "../http/app-error.ts";
import { CALCOM_WEBHOOK_PATH } from "../webhooks/index.ts";
import { type CalcomClient, createCalcomClient } from "./api/index.ts";
import { runDoctor } from "./doctor/run-doctor.ts";
import { runCalcomSetup } from "./setup/run-calcom-setup.ts";

/** `takeone-cal setup` and `takeone-cal doctor`. */
export function registerCalcomCommands(program: Command): void {
  program
    .command("setup")
    .description(
      "create or update, in Cal.com, the Audition event type and the webhook subscription to this bridge (idempotent)",
    )
    .option("--dry-run", "show what would change, change nothing")
    .option("--force-secret", "write the webhook secret even when Cal.com does not show the stored one")
    .action(async (flags: { dryRun?: boolean; forceSecret?: boolean }) => {
      const config = await loadCliConfig();
      const client = requireClient(config);
      const bridgeUrl = bridgeUrlOf(config);
      const secret = config.CALCOM_WEBHOOK_SECRET?.[0];
      if (!secret) {
        // Without one Cal.com signs "no-secret-provided", which the bridge refuses (calcom-facts §1.2).
        throw new ConfigError([
          {
            variable: "CALCOM_WEBHOOK_SECRET",
            message: "required: the secret the subscription is created with",
          },
        ]);
      }
      const report = await runCalcomSetup(client, {
        slug: config.CALCOM_EVENT_TYPE_SLUG,
        applicationField: config.CALCOM_APPLICATION_FIELD,
        subscriberUrl: `${bridgeUrl}${CALCOM_WEBHOOK_PATH}`,
        secret,
        isSecretForced: flags.forceSecret === true,
        isDryRun: flags.dryRun === true,
        onProgress: (line) => process.stdout.write(`${line}\n`),
      }).catch(exitOnCalcomError);
      process.stdout.write(
        `${report.isDryRun ? "Dry run: " : ""}${report.isChanged ? (report.isDryRun ? "changes are needed" : "done") : "nothing to change"}. ` +
          `Embed calLink: ${report.calLink} (calOrigin ${config.CALCOM_URL}).\n`,
      );
    });

  program
    .command("doctor")
    .description(
      "check the chain Cal.com → webhook → bridge → database → TakeOne, and say what is broken (exit 1)",
    )
    .action(async () => {
      const config = await loadCliConfig();
      const client = config.CALCOM_API_URL && config.CALCOM_API_KEY ? requireClient(config) : undefined;
      const mark = { ok: "ok  ", problem: "FAIL", skipped: "skip" } as const;
      const checks = await runDoctor({
        calcomUrl: config.CALCOM_URL,
        client,
        slug: config.CALCOM_EVENT_TYPE_SLUG,
        applicationField: config.CALCOM_APPLICATION_FIELD,
        bridgeUrl: bridgeUrlOf(config),
        webhookSecrets: config.CALCOM_WEBHOOK_SECRET ?? [],
        eventsUrl: config.TAKEONE_EVENTS_URL,
        calcomDatabaseUrl: config.CALCOM_DATABASE_URL,
        onCheck: (check) => process.stdout.write(`[${mark[check.status]}] ${check.name}: ${check.detail}\n`),
      });
      const problems = checks.filter((c) => c.status === "problem").length;
      process.stdout.write(problems === 0 ? "No problems found.\n" : `${problems} problem(s) found.\n`);
      if (problems > 0) process.exitCode = EXIT.FAILURE;
    });
}

/** The config with the dev secrets a local bridge uses, so the CLI and the bridge agree on them. */
export async function loadCliConfig(): Promise<Env> {
  const config = loadConfig();
  return config.NODE_ENV === "production" ? config : (await applyDevSecrets(config)).config;
}

export function requireClient(config: Env): CalcomClient {
  if (!config.CALCOM_API_URL || !config.CALCOM_API_KEY) {
    throw new ConfigError([
      {
        variable: "CALCOM_API_URL / CALCOM_API_KEY",
        message:
          "both must be set: the Cal.com API v2 base URL (e.g. http://localhost:5555/v2) and a cal_… key from Settings → Developer → API keys",
      },
    ]);
  }
  return createCalcomClient({
    baseUrl: config.CALCOM_API_URL,
    apiKey: config.CALCOM_API_KEY,
    onRetry: ({ method, path, delayMs, reason }) =>
      process.stderr.write(
        `  Cal.com: ${method} ${path} failed (${reason}); retrying in ${Math.round(delayMs / 100) / 10} s\n`,
      ),
  });
}

function bridgeUrlOf(config: Env): string {
  return (config.BRIDGE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
}

/** Cal.com failures end the command with their message and an exit code scripts can trust. */
export function exitOnCalcomError(error: unknown): never {
  if (error instanceof AppError && error.code.startsWith("CALCOM_")) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.code === "CALCOM_UNAVAILABLE" ? EXIT.UNAVAILABLE : EXIT.FAILURE);
  }
  throw error;
}
