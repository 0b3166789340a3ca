import type { Booking } from "../bookings/booking-schema.ts";
import { newId } from "../db/new-id.ts";
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
  return (await recordOutboxEvents(db, [input]))[0] as { id: string };
}

/**
 * The same for several events in one statement (a batch of deliveries). Their sequence numbers
 * follow the order given, so events of one booking stay in order.
 */
export async function recordOutboxEvents(
  db: Queryable,
  inputs: readonly OutboxEventInput[],
): Promise<{ id: string }[]> {
  if (inputs.length === 0) return [];
  const events = inputs.map((input) => ({ id: `evt_${newId().replaceAll("-", "")}`, input }));
  await db.query({
    name: "record-outbox-events",
    text: `INSERT INTO "OutboxEvent" ("id", "type", "bookingId", "applicationId", "payload", "createdAt")
     SELECT e."id", e."type", e."bookingId", e."applicationId", e."payload", e."createdAt"
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
       WITH ORDINALITY AS e("id", "type", "bookingId", "applicationId", "payload", "createdAt", "position")
      ORDER BY "position"`,
    values: [
      events.map((event) => event.id),
      events.map((event) => event.input.type),
      events.map((event) => event.input.booking.id),
      events.map((event) => event.input.booking.applicationId),
      events.map((event) => JSON.stringify(payloadOf(event.input))),
      events.map((event) => event.input.occurredAt.toISOString()),
    ],
  });
  return events.map(({ id }) => ({ id }));
}

function payloadOf(input: OutboxEventInput): TakeOneEvent {
  const timestamp = input.occurredAt.toISOString();
  if (input.type === "audition_booking.reminder") {
    if (!input.reminderKind) throw new Error("a reminder event needs its reminderKind");
    return { type: input.type, timestamp, data: { ...input.booking, kind: input.reminderKind } };
  }
  return { type: input.type, timestamp, data: input.booking };
}
