import type { Queryable } from "../db/queryable.ts";

/**
 * Without TAKEONE_EVENTS_URL, events are kept, not sent: pending ones become `held`, which
 * `takeone-cal events` shows. Returns how many were held.
 */
export async function holdPendingEvents(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE "OutboxEvent" SET "status" = 'held' WHERE "status" = 'pending'`,
  );
  return rowCount ?? 0;
}

/** Once a URL is configured, held events go out, oldest first, like any pending event. */
export async function releaseHeldEvents(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE "OutboxEvent" SET "status" = 'pending', "nextAttemptAt" = $1 WHERE "status" = 'held'`,
    [now],
  );
  return rowCount ?? 0;
}
