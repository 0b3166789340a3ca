import type { Queryable } from "../db/queryable.ts";

export interface ClaimedEvent {
  id: string;
  bookingId: string;
  sequence: string;
  type: string;
  payload: unknown;
  /** this attempt's number, 1 for the first */
  attempts: number;
}

/**
 * Claims up to `limit` outbound events that are due, at most one per booking: the booking's oldest
 * undelivered event (lowest sequence). A later event of a booking waits while an earlier one is
 * pending, even while that one backs off or is in flight, so a booking's events arrive in order.
 * A failed (dead-lettered) event no longer holds its booking's later events back.
 *
 * Claiming is a lease, not a lock held across the HTTP call: `nextAttemptAt` moves `leaseMs` ahead
 * and the attempt is counted, in one short statement. Another process (SKIP LOCKED) skips rows being
 * claimed and, once committed, sees them as not yet due; if this process dies mid-attempt the lease
 * runs out and the event is tried again with the same id (at-least-once).
 */
export async function claimDueEvents(
  db: Queryable,
  args: { now: Date; limit: number; leaseMs: number },
): Promise<ClaimedEvent[]> {
  const { rows } = await db.query<ClaimedEvent & { sequence: string }>(
    `WITH due AS (
       SELECT e."id"
         FROM "OutboxEvent" e
        WHERE e."status" = 'pending' AND e."nextAttemptAt" <= $1
          AND NOT EXISTS (
                SELECT 1 FROM "OutboxEvent" earlier
                 WHERE earlier."bookingId" = e."bookingId"
                   AND earlier."sequence" < e."sequence"
                   AND earlier."status" IN ('pending', 'held'))
        ORDER BY e."sequence"
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE "OutboxEvent" o
        SET "nextAttemptAt" = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
            "attempts" = o."attempts" + 1
       FROM due
      WHERE o."id" = due."id"
     RETURNING o."id", o."bookingId", o."sequence"::text AS "sequence", o."type", o."payload", o."attempts"`,
    [args.now, args.limit, args.leaseMs],
  );
  return rows.sort((a, b) => (BigInt(a.sequence) < BigInt(b.sequence) ? -1 : 1));
}

/**
 * Claims the next event of one booking right after its previous one was delivered, if it is the
 * booking's head and due. Lets a burst of one booking's events go out back to back without waiting
 * for the next round. FOR UPDATE without SKIP LOCKED: if another process is claiming the head, wait
 * and then see it leased (not due) rather than skip to the event behind it, which would break order.
 */
export async function claimNextEventOfBooking(
  db: Queryable,
  args: { bookingId: string; now: Date; leaseMs: number },
): Promise<ClaimedEvent | null> {
  const { rows } = await db.query<ClaimedEvent>(
    `WITH head AS (
       SELECT "id", "status", "nextAttemptAt"
         FROM "OutboxEvent"
        WHERE "bookingId" = $1 AND "status" IN ('pending', 'held')
        ORDER BY "sequence"
        LIMIT 1
        FOR UPDATE)
     UPDATE "OutboxEvent" o
        SET "nextAttemptAt" = $2::timestamptz + make_interval(secs => $3::double precision / 1000),
            "attempts" = o."attempts" + 1
       FROM head
      WHERE o."id" = head."id" AND head."status" = 'pending' AND head."nextAttemptAt" <= $2
     RETURNING o."id", o."bookingId", o."sequence"::text AS "sequence", o."type", o."payload", o."attempts"`,
    [args.bookingId, args.now, args.leaseMs],
  );
  return rows[0] ?? null;
}
