import type { Command } from "commander";
import { EXIT } from "../cli/exit-codes.ts";
import { withPool } from "../cli/with-database.ts";
import {
  countPropagationsByStatus,
  listPropagations,
  PROPAGATION_STATUSES,
  type PropagationStatus,
  retryFailedPropagations,
} from "./list-propagations.ts";

/**
 * `takeone-cal propagations [--failed]` lists the cancels and reschedules made through the API that
 * are carried to Cal.com; `takeone-cal propagations retry` puts failed ones back in line.
 */
export function registerPropagationsCommand(program: Command): void {
  const propagations = program
    .command("propagations")
    .description("list API cancels/reschedules carried to Cal.com (newest first), with their state")
    .option("--failed", "only changes Cal.com did not take (retries used up, or refused)")
    .option("--status <status>", `only changes in this status: ${PROPAGATION_STATUSES.join(", ")}`)
    .option("--limit <n>", "how many at most", "50")
    .option("--json", "one JSON object per line")
    .action(async (opts: { failed?: boolean; status?: string; limit: string; json?: boolean }) => {
      const status = opts.failed ? "failed" : opts.status;
      const limit = Number(opts.limit);
      if (
        (status && !PROPAGATION_STATUSES.includes(status as never)) ||
        !Number.isInteger(limit) ||
        limit < 1
      ) {
        process.stderr.write(
          `propagations: --status is one of ${PROPAGATION_STATUSES.join(", ")}; --limit a positive whole number\n`,
        );
        process.exitCode = EXIT.CONFIG;
        return;
      }
      await withPool(async (pool) => {
        const rows = await listPropagations(pool, {
          ...(status ? { status: status as PropagationStatus } : {}),
          limit,
        });
        if (opts.json) {
          for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
          return;
        }
        const counts = await countPropagationsByStatus(pool);
        process.stdout.write(
          `propagations: ${PROPAGATION_STATUSES.map((s) => `${counts[s] ?? 0} ${s}`).join(", ")}\n` +
            rows
              .map(
                (r) =>
                  `${r.id}  ${r.status.padEnd(7)} ${r.action.padEnd(10)} booking ${r.bookingId}  cal.com ${r.calcomBookingUid}` +
                  `  attempts ${r.attempts}` +
                  (r.resultUid && r.resultUid !== r.calcomBookingUid ? `  now ${r.resultUid}` : "") +
                  (r.lastError ? `  last error: ${r.lastError}` : "") +
                  (r.status === "pending" ? `  next ${r.nextAttemptAt.toISOString()}` : ""),
              )
              .map((line) => `${line}\n`)
              .join(""),
        );
      });
    });

  propagations
    .command("retry")
    .description("send failed changes to Cal.com again: the given ids, or every failed one")
    .argument("[ids...]", "propagation ids")
    .option("--failed", "every failed change")
    .action(async (ids: string[], opts: { failed?: boolean }, command: Command) => {
      // `propagations retry --failed`: commander gives --failed to `propagations`, which declares it too.
      const allFailed = opts.failed === true || command.parent?.opts().failed === true;
      if (ids.length === 0 && !allFailed) {
        process.stderr.write("propagations retry: give propagation ids, or --failed\n");
        process.exitCode = EXIT.CONFIG;
        return;
      }
      const requeued = await withPool((pool) =>
        retryFailedPropagations(pool, { ids, allFailed, now: new Date() }),
      );
      process.stdout.write(
        `${requeued.length} change(s) queued for Cal.com; a running bridge with CALCOM_API_URL/CALCOM_API_KEY sends them\n`,
      );
      const missing = ids.filter((id) => !requeued.includes(id));
      if (missing.length > 0) {
        process.stderr.write(`not found among failed changes: ${missing.join(", ")}\n`);
        process.exitCode = EXIT.FAILURE;
      }
    });
}
