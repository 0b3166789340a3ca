import type { Queryable } from "../db/queryable.ts";

/**
 * Transaction-scoped advisory locks that serialise work on one booking chain. Two namespaces (the
 * first key of PostgreSQL's two-key form) keep uid and application locks apart; hashtext collisions
 * only make unrelated chains wait for each other, never wrong. A transaction takes the locks it
 * knows it needs first, uids before applications, each kind in sorted order. It may need more later
 * (following a chain through reschedules; a batch applying its remaining deliveries one by one after
 * the ones it locked together), and those can come after an application lock: a crosswise wait that
 * results ends in PostgreSQL's deadlock detector and a retry of the whole transaction
 * (with-transaction.ts), never in a wrong row.
 */
const UID_LOCKS = 7301;
export const APPLICATION_LOCKS = 7302;

/** Locks the Cal.com booking uids, in a fixed order. */
export async function lockBookingUids(db: Queryable, uids: readonly string[]): Promise<void> {
  await lockChains(db, { uids, applicationIds: [] });
}

/**
 * Locks booking uids and applications in one round trip (a batch of deliveries): uids first, then
 * applications, each in sorted order.
 */
export async function lockChains(
  db: Queryable,
  keys: { uids: readonly string[]; applicationIds: readonly string[] },
): Promise<void> {
  if (keys.uids.length === 0 && keys.applicationIds.length === 0) return;
  await db.query({
    name: "lock-chains",
    text: `SELECT pg_advisory_xact_lock(namespace, hashtext(key))
       FROM (SELECT DISTINCT namespace, key
               FROM (SELECT $1::int AS namespace, unnest($2::text[]) AS key
                     UNION ALL
                     SELECT $3::int, unnest($4::text[])) wanted
              ORDER BY 1, 2) ordered`,
    values: [UID_LOCKS, [...keys.uids], APPLICATION_LOCKS, [...keys.applicationIds]],
  });
}

/** The application lock is also taken with the read of its parties: read-application-parties.ts. */
