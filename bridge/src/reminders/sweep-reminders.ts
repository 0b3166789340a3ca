import type pg from "pg";
import type { Booking } from "../bookings/booking-schema.ts";
import { readBookingView } from "../bookings/read-booking-view.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { type ReminderKind, recordOutboxEvent } from "../events/index.ts";
import { decideReminder } from "./decide-reminder.ts";

export interface SweepResult {
  sent24h: number;
  sent1h: number;
}

/** Called inside the reminder's transaction (e.g. to enqueue its e-mails with the same commit). */
export type OnReminder = (
  client: pg.PoolClient,
  reminder: { booking: Booking; kind: ReminderKind },
) => Promise<void>;

/**
 * Sends every reminder that is due at `now`: for each booking owed one, in one transaction, set its
 * flag, record an `audition_booking.reminder` event (data.kind = 24h | 1h) and call `onReminder`.
 *
 * Exactly once per booking and kind, however many bridges sweep at the same time: the candidates
 * are locked with FOR UPDATE SKIP LOCKED, so two sweeps never hold the same booking, and PostgreSQL
 * re-checks the WHERE clause on the newest row version when it locks, so a booking whose flag another
 * sweep has just committed is no longer selected. A reschedule clears both flags
 * (bookings/write-booking-row.ts), so the new time is reminded again.
 *
 * The query reads AuditionBooking_reminder_due_idx (a partial index on scheduledAt of bookings still
 * owed a reminder): its WHERE repeats the index predicate so the planner can use it.
 */
export async function sweepReminders(args: {
  pool: pg.Pool;
  now: Date;
  batchSize?: number;
  onReminder?: OnReminder;
}): Promise<SweepResult> {
  const result: SweepResult = { sent24h: 0, sent1h: 0 };
  const batchSize = args.batchSize ?? 500;
  for (;;) {
    // Counted after the commit: withTransaction may run the work again after a deadlock.
    const batch = await withTransaction(args.pool, async (client) => {
      const kinds: ReminderKind[] = [];
      const { rows } = await client.query<{
        id: string;
        scheduledAt: Date;
        reminderSent24h: boolean;
        reminderSent1h: boolean;
      }>(
        `SELECT "id", "scheduledAt", "reminderSent24h", "reminderSent1h"
           FROM "AuditionBooking"
          WHERE "status" IN ('scheduled', 'confirmed') AND NOT ("reminderSent24h" AND "reminderSent1h")
            AND "scheduledAt" > $1 AND "scheduledAt" <= $1::timestamptz + interval '24 hours'
            AND (NOT "reminderSent24h" OR "scheduledAt" <= $1::timestamptz + interval '1 hour')
          ORDER BY "scheduledAt"
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [args.now, batchSize],
      );
      for (const row of rows) {
        const kind = decideReminder({ now: args.now, ...row });
        if (!kind) continue;
        // A 1 h reminder also settles the 24 h one: it is never sent late.
        await client.query(
          kind === "1h"
            ? `UPDATE "AuditionBooking" SET "reminderSent1h" = true, "reminderSent24h" = true WHERE "id" = $1`
            : `UPDATE "AuditionBooking" SET "reminderSent24h" = true WHERE "id" = $1`,
          [row.id],
        );
        const booking = await readBookingView(client, row.id);
        if (!booking) continue;
        await recordOutboxEvent(client, {
          type: "audition_booking.reminder",
          booking,
          occurredAt: args.now,
          reminderKind: kind,
        });
        await args.onReminder?.(client, { booking, kind });
        kinds.push(kind);
      }
      return { size: rows.length, kinds };
    });
    for (const kind of batch.kinds) result[kind === "1h" ? "sent1h" : "sent24h"] += 1;
    if (batch.size < batchSize) return result;
  }
}
