import type { Queryable } from "../db/queryable.ts";

/**
 * Transaction-scoped advisory locks that serialise work on one booking chain. Two namespaces (the
 * first key of PostgreSQL's two-key form) keep uid and application locks apart; hashtext collisions
 * only make unrelated chains wait for each other, never wrong.
 */
const UID_LOCKS = 7301;
export const APPLICATION_LOCKS = 7302;

/** Locks the Cal.com booking uids, in a fixed order so two transactions never wait on each other crosswise. */
export async function lockBookingUids(db: Queryable, uids: readonly string[]): Promise<void> {
  if (uids.length === 0) return;
  await db.query({
    name: "lock-booking-uids",
    text: `SELECT pg_advisory_xact_lock($1::int, hashtext(uid))
       FROM (SELECT DISTINCT unnest($2::text[]) AS uid ORDER BY 1) ordered`,
    values: [UID_LOCKS, [...uids]],
  });
}

/** The application lock is taken with the read of its parties: read-application-parties.ts. */
