import { Argument, type Command, InvalidArgumentError, Option } from "commander";
import { EXIT } from "../cli/exit-codes.ts";
import { parseDateTime, parseSince } from "../cli/parse-since.ts";
import { withPool } from "../cli/with-database.ts";
import { applyDevSecrets, loadConfig } from "../config/index.ts";
import {
  BUILDABLE_TRIGGERS,
  type BuildableTrigger,
  buildCalcomWebhook,
  newCalcomUid,
  signCalcomWebhook,
} from "./build-calcom-webhook.ts";
import { DELIVERY_OUTCOMES, type DeliveryOutcome, listDeliveries } from "./delivery-records.ts";
import { type ReplayResult, replayDelivery, replayUnmappedDeliveries } from "./replay-delivery.ts";
import { CALCOM_WEBHOOK_PATH } from "./webhook-routes.ts";

/** `takeone-cal deliveries`, `replay` and `trigger`: the delivery log, repairs, and set-up checks. */
export function registerWebhookCommands(program: Command): void {
  program
    .command("deliveries")
    .description("list Cal.com webhook deliveries, newest first")
    .option("--unmapped", "only deliveries waiting for their application (same as --outcome unmapped)")
    .addOption(
      new Option("--outcome <outcome>", "only deliveries with this outcome").choices(DELIVERY_OUTCOMES),
    )
    .option(
      "--since <when>",
      "received since: an ISO date-time, or a duration ago like 30m, 24h, 7d",
      parseSince,
    )
    .option("--limit <n>", "at most this many", parsePositiveInt, 50)
    .option("--json", "one JSON object per line instead of a table")
    .action(
      async (opts: {
        unmapped?: boolean;
        outcome?: DeliveryOutcome;
        since?: Date;
        limit: number;
        json?: boolean;
      }) => {
        const outcome = opts.unmapped ? "unmapped" : opts.outcome;
        const rows = await withPool((pool) =>
          listDeliveries(pool, {
            limit: opts.limit,
            ...(outcome ? { outcome } : {}),
            ...(opts.since ? { since: opts.since } : {}),
          }),
        );
        if (opts.json) {
          for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write("no deliveries\n");
          return;
        }
        printTable(
          ["id", "received", "trigger", "booking uid", "outcome", "application", "error"],
          rows.map((row) => [
            row.id,
            row.receivedAt.toISOString(),
            row.triggerEvent,
            row.bookingUid ?? "",
            row.outcome,
            row.applicationId ?? "",
            row.error ? truncate(row.error, 60) : "",
          ]),
        );
      },
    );

  program
    .command("replay")
    .description("apply stored deliveries again (safe to repeat: a delivery never changes a booking twice)")
    .argument("[id]", "the delivery to replay (see `takeone-cal deliveries`)")
    .option("--unmapped", "replay every unmapped delivery, oldest first")
    .action(async (id: string | undefined, opts: { unmapped?: boolean }) => {
      if (!id === !opts.unmapped) {
        process.stderr.write("replay needs a delivery id or --unmapped (not both)\n");
        process.exit(EXIT.CONFIG);
      }
      await withPool(async (pool, config) => {
        const deps = {
          pool,
          clock: { now: () => new Date() },
          applicationField: config.CALCOM_APPLICATION_FIELD,
        };
        if (id) {
          printReplay(await replayDelivery(deps, id));
          return;
        }
        const results = await replayUnmappedDeliveries(deps, (result, index, total) => {
          process.stdout.write(`[${index + 1}/${total}] `);
          printReplay(result);
        });
        const applied = results.filter((r) => r.outcome === "applied").length;
        process.stdout.write(
          results.length === 0
            ? "no unmapped deliveries\n"
            : `${applied} of ${results.length} applied; ${results.length - applied} still waiting or unchanged\n`,
        );
      });
    });

  program
    .command("trigger")
    .description(
      "send a signed, Cal.com-shaped webhook to a running bridge (a set-up check, like `stripe trigger`)",
    )
    .addArgument(new Argument("<trigger>", "the Cal.com trigger to send").choices(BUILDABLE_TRIGGERS))
    .requiredOption("--application <id>", "the TakeOne application the booking is for")
    .option(
      "--url <url>",
      "the bridge's webhook URL (default: http://localhost:$PORT/api/v1/webhooks/calcom)",
    )
    .option(
      "--uid <uid>",
      "the Cal.com booking uid (default: a new one; reuse one to cancel or reschedule it)",
    )
    .option("--reschedule-uid <uid>", "BOOKING_RESCHEDULED: the uid of the booking it replaces")
    .option(
      "--start <when>",
      "the audition's start, ISO 8601 (default: tomorrow 10:00 Asia/Riyadh)",
      parseDateTime,
    )
    .option("--duration <minutes>", "the audition's length", parsePositiveInt, 30)
    .option("--secret <secret>", "sign with this secret (default: the first of CALCOM_WEBHOOK_SECRET)")
    .action(async (trigger: BuildableTrigger, opts: TriggerOptions) => {
      await sendTrigger(trigger, opts);
    });
}

interface TriggerOptions {
  application: string;
  url?: string;
  uid?: string;
  rescheduleUid?: string;
  start?: Date;
  duration: number;
  secret?: string;
}

async function sendTrigger(trigger: BuildableTrigger, opts: TriggerOptions): Promise<void> {
  const config = loadConfig();
  const secret =
    opts.secret ??
    config.CALCOM_WEBHOOK_SECRET?.[0] ??
    (await applyDevSecrets(config)).config.CALCOM_WEBHOOK_SECRET?.[0];
  if (!secret) throw new Error("no webhook secret: pass --secret or set CALCOM_WEBHOOK_SECRET");
  const url = opts.url ?? `http://localhost:${config.PORT}${CALCOM_WEBHOOK_PATH}`;
  const uid = opts.uid ?? newCalcomUid();
  const body = buildCalcomWebhook(trigger, {
    createdAt: new Date(),
    booking: {
      uid,
      bookingId: Math.floor(Date.now() / 1000) % 1_000_000_000,
      startTime: opts.start ?? tomorrowAtTenInRiyadh(),
      durationMinutes: opts.duration,
      attendee: {
        name: "TakeOne set-up check",
        email: "setup-check@takeone.example",
        timeZone: "Asia/Riyadh",
      },
      organizer: { name: "Audition host", email: "host@takeone.example", timeZone: "Asia/Riyadh" },
      applicationId: opts.application,
      applicationField: config.CALCOM_APPLICATION_FIELD,
    },
    reason: "takeone-cal trigger",
    ...(opts.rescheduleUid ? { rescheduleUid: opts.rescheduleUid } : {}),
  });
  const signed = signCalcomWebhook(body, secret);
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", body: signed.body, headers: signed.headers });
  } catch (error) {
    process.stderr.write(
      `could not reach ${url}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(EXIT.UNAVAILABLE);
  }
  const text = await res.text();
  process.stdout.write(`${trigger} uid=${uid} → ${url}\nHTTP ${res.status} ${text}\n`);
  if (!res.ok) process.exit(EXIT.FAILURE);
}

function printReplay(result: ReplayResult): void {
  process.stdout.write(
    `${result.deliveryId} ${result.triggerEvent}: ${result.previousOutcome} → ${result.outcome}${result.applicationId ? ` (application ${result.applicationId})` : ""}\n`,
  );
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${[line(header), ...rows.map(line)].join("\n")}\n`);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("a positive whole number");
  return n;
}

/** 10:00 tomorrow in Riyadh (UTC+3 all year: no daylight saving). */
function tomorrowAtTenInRiyadh(now = new Date()): Date {
  const riyadh = new Date(now.getTime() + 3 * 3_600_000);
  return new Date(Date.UTC(riyadh.getUTCFullYear(), riyadh.getUTCMonth(), riyadh.getUTCDate() + 1, 7, 0, 0));
}
