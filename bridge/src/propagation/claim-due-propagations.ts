import type { Queryable } from "../db/queryable.ts";

/** A pending propagation, leased to this process for one attempt. */
export interface ClaimedPropagation {
  id: string;
  bookingId: string;
  calcomBookingUid: string;
  action: "cancel" | "reschedule";
  data: unknown;
  sequence: string;
  /** this attempt's number, 1 for the first */
  attempts: number;
  /** e-mail of the user who made the change (data.byUserId), Cal.com's `rescheduledBy` */
  byEmail: string | null;
}

/**
 * Claims up to `limit` propagations that are due, at most one per booking: the booking's oldest
 * pending change (lowest sequence). A later change of a booking waits while an earlier one is
 * pending — backing off or in flight — so Cal.com sees a booking's changes in the order they were
 * made. A failed one no longer holds the booking's later changes back (as claim-due-events.ts).
 *
 * Claiming is a lease, not a lock held across the calls to Cal.com: `nextAttemptAt` moves `leaseMs`
 * ahead and the attempt is counted, in one short statement. Another process (SKIP LOCKED) skips
 * rows being claimed and, once committed, sees them as not yet due; if this process dies mid-attempt
 * the lease runs out and the change is tried again, which propagateBookingChange makes harmless.
 */
export async function claimDuePropagations(
  db: Queryable,
  args: { now: Date; limit: number; leaseMs: number },
): Promise<ClaimedPropagation[]> {
  const { rows } = await db.query<ClaimedPropagation>(
    `WITH due AS (
       SELECT p."id"
         FROM "CalcomPropagation" p
        WHERE p."status" = 'pending' AND p."nextAttemptAt" <= $1
          AND NOT EXISTS (
                SELECT 1 FROM "CalcomPropagation" earlier
                 WHERE earlier."bookingId" = p."bookingId"
                   AND earlier."sequence" < p."sequence"
                   AND earlier."status" = 'pending')
        ORDER BY p."sequence"
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE "CalcomPropagation" c
        SET "nextAttemptAt" = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
            "attempts" = c."attempts" + 1,
            "updatedAt" = $1
       FROM due
      WHERE c."id" = due."id"
     RETURNING c."id", c."bookingId", c."calcomBookingUid", c."action", c."data",
               c."sequence"::text AS "sequence", c."attempts",
               (SELECT u."email" FROM "User" u WHERE u."id" = c."data"->>'byUserId') AS "byEmail"`,
    [args.now, args.limit, args.leaseMs],
  );
  return rows.sort((a, b) => (BigInt(a.sequence) < BigInt(b.sequence) ? -1 : 1));
}
