import type { Command } from "commander";
import { EXIT } from "../cli/exit-codes.ts";
import { withPool } from "../cli/with-database.ts";
import { releaseHeldEvents } from "./hold-events.ts";
import { countEventsByStatus, listEvents } from "./list-events.ts";
import { redeliverEvents } from "./redeliver-events.ts";

const STATUSES = ["pending", "delivered", "failed", "held"] as const;

/**
 * `takeone-cal events [--failed]` lists outbound events; `takeone-cal events redeliver` sends them
 * again; `takeone-cal events release` sends the held ones.
 */
export function registerEventsCommand(program: Command): void {
  const events = program
    .command("events")
    .description("list outbound events to TakeOne (newest first), with their delivery state")
    .option("--failed", "only events whose retries are used up (dead-lettered)")
    .option("--status <status>", `only events in this status: ${STATUSES.join(", ")}`)
    .option("--limit <n>", "how many at most", "50")
    .option("--json", "one JSON object per line")
    .action(async (opts: { failed?: boolean; status?: string; limit: string; json?: boolean }) => {
      const status = opts.failed ? "failed" : opts.status;
      const limit = Number(opts.limit);
      if ((status && !STATUSES.includes(status as never)) || !Number.isInteger(limit) || limit < 1) {
        process.stderr.write(
          `events: --status is one of ${STATUSES.join(", ")}; --limit a positive whole number\n`,
        );
        process.exitCode = EXIT.CONFIG;
        return;
      }
      await withPool(async (pool) => {
        const rows = await listEvents(pool, {
          status: status as (typeof STATUSES)[number] | undefined,
          limit,
        });
        if (opts.json) {
          for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
          return;
        }
        const counts = await countEventsByStatus(pool);
        process.stdout.write(
          `events: ${STATUSES.map((s) => `${counts[s] ?? 0} ${s}`).join(", ")}\n` +
            rows
              .map(
                (r) =>
                  `${r.id}  ${r.status.padEnd(9)} ${r.type.padEnd(29)} booking ${r.bookingId}  attempts ${r.attempts}` +
                  (r.lastError ? `  last error: ${r.lastError}` : "") +
                  (r.status === "pending" ? `  next ${r.nextAttemptAt.toISOString()}` : ""),
              )
              .map((line) => `${line}\n`)
              .join(""),
        );
      });
    });

  events
    .command("redeliver")
    .description("send events again with their original webhook-id: the given ids, or every failed one")
    .argument("[ids...]", "event ids (evt_…)")
    .option("--failed", "every dead-lettered event")
    .action(async (ids: string[], opts: { failed?: boolean }, command: Command) => {
      // `events redeliver --failed`: commander gives --failed to `events`, which declares it too.
      const allFailed = opts.failed === true || command.parent?.opts().failed === true;
      if (ids.length === 0 && !allFailed) {
        process.stderr.write("events redeliver: give event ids, or --failed\n");
        process.exitCode = EXIT.CONFIG;
        return;
      }
      const requeued = await withPool((pool) => redeliverEvents(pool, { ids, allFailed, now: new Date() }));
      const missing = ids.filter((id) => !requeued.includes(id));
      process.stdout.write(
        `${requeued.length} event(s) queued for delivery; a running bridge (serve or worker) sends them\n`,
      );
      if (missing.length > 0) {
        process.stderr.write(`not found: ${missing.join(", ")}\n`);
        process.exitCode = EXIT.FAILURE;
      }
    });

  events
    .command("release")
    .description("send the held events (held after the receiver answered 410 Gone), oldest first")
    .action(async () => {
      const released = await withPool((pool) => releaseHeldEvents(pool, new Date()));
      process.stdout.write(
        `${released} held event(s) queued for delivery; a running bridge (serve or worker) sends them\n`,
      );
    });
}
