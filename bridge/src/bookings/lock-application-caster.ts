import type { Queryable } from "../db/queryable.ts";

/**
 * The application's chain lock — the same transaction-scoped advisory lock the fold takes
 * (bookings/lock-chain.ts: namespace 7302, hashtext(applicationId)) — taken in the statement that
 * reads who owns the application's casting call. Null (and no lock) when the application does not
 * exist. The API takes it before checking a change, so the check and the fold see the same chain.
 */
export async function lockApplicationCaster(
  db: Queryable,
  applicationId: string,
): Promise<{ applicationId: string; casterUserId: string } | null> {
  const { rows } = await db.query<{ applicationId: string; casterUserId: string }>(
    `SELECT a."id" AS "applicationId", cc."casterUserId", pg_advisory_xact_lock(7302, hashtext(a."id"))
       FROM "Application" a
       JOIN "CastingCall" cc ON cc."id" = a."castingCallId"
      WHERE a."id" = $1`,
    [applicationId],
  );
  const row = rows[0];
  return row ? { applicationId: row.applicationId, casterUserId: row.casterUserId } : null;
}
