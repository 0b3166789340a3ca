import type { Queryable } from "../db/queryable.ts";

/**
 * Records the outcome of one attempt. On `done`, a reschedule's new Cal.com uid is handed to the
 * booking's later pending changes that still name the old one: Cal.com cancelled the old booking
 * when it made the new one (calcom-facts §4.4), so a later cancel sent to the old uid would find it
 * "already cancelled" and leave the new booking standing.
 */
export async function settlePropagation(
  db: Queryable,
  args:
    | {
        id: string;
        outcome: "done";
        bookingId: string;
        sequence: string;
        calcomBookingUid: string;
        resultUid: string;
        now: Date;
      }
    | { id: string; outcome: "retry"; error: string; nextAttemptAt: Date; now: Date }
    | { id: string; outcome: "failed"; error: string; now: Date },
): Promise<void> {
  if (args.outcome === "done") {
    await db.query(
      `UPDATE "CalcomPropagation" SET "status" = 'done', "resultUid" = $2, "lastError" = NULL, "updatedAt" = $3
        WHERE "id" = $1`,
      [args.id, args.resultUid, args.now],
    );
    if (args.resultUid !== args.calcomBookingUid) {
      await db.query(
        `UPDATE "CalcomPropagation" SET "calcomBookingUid" = $4, "updatedAt" = $5
          WHERE "bookingId" = $1 AND "status" = 'pending' AND "sequence" > $2::bigint AND "calcomBookingUid" = $3`,
        [args.bookingId, args.sequence, args.calcomBookingUid, args.resultUid, args.now],
      );
    }
    return;
  }
  const error = args.error.slice(0, 500);
  if (args.outcome === "retry") {
    await db.query(
      `UPDATE "CalcomPropagation" SET "nextAttemptAt" = $2, "lastError" = $3, "updatedAt" = $4 WHERE "id" = $1`,
      [args.id, args.nextAttemptAt, error, args.now],
    );
    return;
  }
  await db.query(
    `UPDATE "CalcomPropagation" SET "status" = 'failed', "lastError" = $2, "updatedAt" = $3 WHERE "id" = $1`,
    [args.id, error, args.now],
  );
}
