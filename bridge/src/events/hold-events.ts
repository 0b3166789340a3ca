import type pg from "pg";
import type { Queryable } from "../db/queryable.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { settleEvent } from "./settle-event.ts";

/** Advisory lock key serialising the 410 handlers (lock-chain.ts uses 7301–7303). */
const HOLD_LOCK = 7304;

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

/**
 * The receiver answered 410 Gone to this event: it and every pending event become held, in one
 * transaction. One handler at a time: two holding each other's pending rows would deadlock.
 */
export async function holdAfterGone(db: pg.Pool, event: { id: string; error: string }): Promise<void> {
  await withTransaction(db, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [HOLD_LOCK]);
    await settleEvent(client, { id: event.id, outcome: "held", status: 410, error: event.error });
    await holdPendingEvents(client);
  });
}

/**
 * Whether the receiver answered 410 Gone and the events it held have not been released: then
 * nothing is sent (Svix disables such an endpoint until it is enabled again).
 */
export async function isReceiverGone(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ gone: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "OutboxEvent" WHERE "status" = 'held' AND "lastStatus" = 410) AS "gone"`,
  );
  return rows[0]?.gone === true;
}
