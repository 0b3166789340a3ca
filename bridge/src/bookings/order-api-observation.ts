import type { Queryable } from "../db/queryable.ts";

/**
 * When an API change enters its application's chain: now, or just after the chain's latest fact if
 * that one is stamped later. Call it under the application's lock.
 *
 * Why: the chain is ordered by occurredAt (fold-booking.ts), and a Cal.com fact is stamped with
 * Cal.com's clock (the envelope's createdAt), an API change with the bridge's. If Cal.com's clock
 * runs ahead, a cancel made through the API after the user saw the booking would otherwise sort
 * before the Cal.com create it cancels, and the fold would ignore it. Two API changes within one
 * millisecond are likewise kept in the order they were made (ties are broken by the random dedupe
 * key, not by arrival).
 */
export async function orderApiObservation(db: Queryable, applicationId: string, now: Date): Promise<Date> {
  const { rows } = await db.query<{ last: Date | null }>(
    `SELECT max("occurredAt") AS "last" FROM "BookingObservation" WHERE "applicationId" = $1`,
    [applicationId],
  );
  const last = rows[0]?.last;
  return last && last.getTime() >= now.getTime() ? new Date(last.getTime() + 1) : now;
}
