import { randomUUID } from "node:crypto";
import type { Booking } from "../bookings/booking-schema.ts";
import type { Queryable } from "../db/queryable.ts";
import type { BookingEventType, ReminderKind, TakeOneEvent } from "./event-schema.ts";

export interface OutboxEventInput {
  type: BookingEventType;
  /** the booking after the change (for a deletion, as it was) */
  booking: Booking;
  /** when the change happened; the event's `timestamp` */
  occurredAt: Date;
  /** for `audition_booking.reminder` */
  reminderKind?: ReminderKind;
}

/**
 * Writes one outbound event in the caller's transaction, so the event exists if and only if the
 * change it reports was committed (transactional outbox). Its id is the `webhook-id` of every
 * delivery attempt. Delivery is a job's business; this only records.
 */
export async function recordOutboxEvent(db: Queryable, input: OutboxEventInput): Promise<{ id: string }> {
  const id = `evt_${randomUUID().replaceAll("-", "")}`;
  const timestamp = input.occurredAt.toISOString();
  let payload: TakeOneEvent;
  if (input.type === "audition_booking.reminder") {
    if (!input.reminderKind) throw new Error("a reminder event needs its reminderKind");
    payload = { type: input.type, timestamp, data: { ...input.booking, kind: input.reminderKind } };
  } else {
    payload = { type: input.type, timestamp, data: input.booking };
  }
  await db.query(
    `INSERT INTO "OutboxEvent" ("id", "type", "bookingId", "applicationId", "payload", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      input.type,
      input.booking.id,
      input.booking.applicationId,
      JSON.stringify(payload),
      input.occurredAt,
    ],
  );
  return { id };
}
