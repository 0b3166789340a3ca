import type { Queryable } from "../db/queryable.ts";

/**
 * Without TAKEONE_EVENTS_URL, or once the receiver answered 410 Gone, events are kept, not sent:
 * pending ones become `held`, which `takeone-cal events` shows. Returns how many were held.
 */
export async function holdPendingEvents(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE "OutboxEvent" SET "status" = 'held' WHERE "status" = 'pending'`,
  );
  return rowCount ?? 0;
}

/**
 * Held events go out, oldest first, like any pending event: when the bridge starts with a URL, or
 * when an admin releases them (`takeone-cal events release`).
 */
export async function releaseHeldEvents(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE "OutboxEvent" SET "status" = 'pending', "nextAttemptAt" = $1 WHERE "status" = 'held'`,
    [now],
  );
  return rowCount ?? 0;
}
