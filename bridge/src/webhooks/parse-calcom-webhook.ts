import { z } from "zod";

/**
 * Cal.com webhook bodies (payload version 2021-10-20, and 2026-07-27 which only adds fields), per
 * calcom-facts 1.3–1.10. Lenient about fields the bridge does not use — Cal.com adds fields over time
 * and its documented examples disagree on types — and strict about the ones it does: a booking
 * trigger without a uid or with an unreadable time is refused, not guessed at.
 */

/** ISO 8601 with Z or an offset: Cal.com sends `…:00Z`, `….000Z` and `…+00:00` on different paths. */
const instant = z.iso
  .datetime({ offset: true, error: "an ISO 8601 date-time" })
  .transform((value) => new Date(value))
  // Beyond year 9999 in UTC, toISOString() writes a six-digit year that no ISO parser reads back.
  .refine(
    (date) => date.getUTCFullYear() >= 1970 && date.getUTCFullYear() <= 9999,
    "a date between 1970 and 9999",
  );

const person = z.looseObject({
  email: z.string().optional(),
  name: z.unknown().optional(),
  timeZone: z.string().optional(),
  noShow: z.boolean().nullable().optional(),
});

/** Booking-question answers by field name: `{label, value, isHidden?}`, or a bare value (INSTANT_MEETING). */
const responses = z.record(z.string(), z.unknown()).nullable().optional();
const metadata = z.record(z.string(), z.unknown()).nullable().optional();

const videoCallData = z
  .looseObject({
    type: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    password: z.string().nullable().optional(),
  })
  .nullable()
  .optional();

/** The booking payload of BOOKING_* triggers (CalendarEvent + extras). */
export const bookingPayloadSchema = z.looseObject({
  uid: z.string().min(1, "the booking uid is required"),
  bookingId: z.number().int().nullable().optional(),
  eventTypeId: z.number().int().nullable().optional(),
  startTime: instant,
  endTime: instant,
  /** ACCEPTED | PENDING | CANCELLED | REJECTED (| AWAITING_HOST) */
  status: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  videoCallData,
  metadata,
  responses,
  organizer: person.optional(),
  attendees: z.array(person).nullable().optional(),
  rescheduleUid: z.string().nullable().optional(),
  cancellationReason: z.string().nullable().optional(),
  cancelledBy: z.string().nullable().optional(),
  rejectionReason: z.string().nullable().optional(),
  requestReschedule: z.boolean().nullable().optional(),
});
export type BookingPayload = z.infer<typeof bookingPayloadSchema>;

/** BOOKING_NO_SHOW_UPDATED: who was marked (or unmarked) absent. */
export const noShowPayloadSchema = z.looseObject({
  bookingUid: z.string().min(1, "the booking uid is required"),
  bookingId: z.number().int().nullable().optional(),
  message: z.string().nullable().optional(),
  attendees: z.array(z.looseObject({ email: z.string(), noShow: z.boolean() })),
});
export type NoShowPayload = z.infer<typeof noShowPayloadSchema>;

/** MEETING_STARTED / MEETING_ENDED arrive flat: the Booking row itself beside triggerEvent (facts 1.3). */
export const flatMeetingSchema = z.looseObject({
  triggerEvent: z.enum(["MEETING_STARTED", "MEETING_ENDED"]),
  uid: z.string().min(1, "the booking uid is required"),
  startTime: instant,
  endTime: instant,
  responses,
  metadata,
});
export type FlatMeeting = z.infer<typeof flatMeetingSchema>;

const envelopeSchema = z.looseObject({
  triggerEvent: z.string().min(1),
  createdAt: instant.optional(),
  payload: z.unknown().optional(),
});

/** Triggers whose payload is a booking. */
export const BOOKING_TRIGGERS = [
  "BOOKING_REQUESTED",
  "BOOKING_CREATED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REJECTED",
  "BOOKING_LOCATION_UPDATED",
] as const;
export type BookingTrigger = (typeof BOOKING_TRIGGERS)[number];

/** A parsed, signature-verified Cal.com webhook, typed by its trigger. */
export type CalcomWebhook =
  | { triggerEvent: BookingTrigger; createdAt: Date; payload: BookingPayload }
  | { triggerEvent: "BOOKING_NO_SHOW_UPDATED"; createdAt: Date; payload: NoShowPayload }
  | { triggerEvent: "MEETING_STARTED" | "MEETING_ENDED"; meeting: FlatMeeting }
  | { triggerEvent: "PING"; createdAt: Date | undefined; payload: unknown }
  /** a trigger the bridge does not act on (stored, answered 200, ignored) */
  | { triggerEvent: string; createdAt: Date | undefined; payload: unknown; isUnhandled: true };

/** A signed body that is not a Cal.com webhook the bridge can read. */
export class CalcomPayloadError extends Error {
  override readonly name = "CalcomPayloadError";
  constructor(
    readonly reason: "invalid-json" | "missing-trigger" | "invalid-payload",
    message: string,
    readonly triggerEvent?: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Parses the raw body of a verified delivery. Throws CalcomPayloadError, never anything else. */
export function parseCalcomWebhook(rawBody: Uint8Array | string): CalcomWebhook {
  let json: unknown;
  try {
    json = JSON.parse(
      typeof rawBody === "string" ? rawBody : new TextDecoder("utf-8", { fatal: true }).decode(rawBody),
      withoutNul,
    );
  } catch {
    throw new CalcomPayloadError("invalid-json", "The body is not valid UTF-8 JSON.");
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new CalcomPayloadError(
      "missing-trigger",
      "The body has no triggerEvent: it is not a Cal.com webhook.",
    );
  }
  const { triggerEvent } = envelope.data;

  if (triggerEvent === "MEETING_STARTED" || triggerEvent === "MEETING_ENDED") {
    return { triggerEvent, meeting: parseOrThrow(flatMeetingSchema, json, triggerEvent) };
  }
  if (triggerEvent === "PING") {
    return { triggerEvent, createdAt: envelope.data.createdAt, payload: envelope.data.payload };
  }
  if (isBookingTrigger(triggerEvent) || triggerEvent === "BOOKING_NO_SHOW_UPDATED") {
    const createdAt = envelope.data.createdAt;
    if (!createdAt) {
      // The envelope's createdAt orders a booking's deliveries; without it there is no order.
      throw new CalcomPayloadError(
        "invalid-payload",
        `${triggerEvent} without the envelope's createdAt.`,
        triggerEvent,
        [{ path: "createdAt", message: "required" }],
      );
    }
    if (triggerEvent === "BOOKING_NO_SHOW_UPDATED") {
      return {
        triggerEvent,
        createdAt,
        payload: parseOrThrow(noShowPayloadSchema, envelope.data.payload, triggerEvent),
      };
    }
    return {
      triggerEvent,
      createdAt,
      payload: parseOrThrow(bookingPayloadSchema, envelope.data.payload, triggerEvent),
    };
  }
  return {
    triggerEvent,
    createdAt: envelope.data.createdAt,
    payload: envelope.data.payload,
    isUnhandled: true,
  };
}

function isBookingTrigger(trigger: string): trigger is BookingTrigger {
  return (BOOKING_TRIGGERS as readonly string[]).includes(trigger);
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, triggerEvent: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new CalcomPayloadError(
    "invalid-payload",
    `The ${triggerEvent} payload is not as Cal.com documents it: ${issues.map((i) => `${i.path || "payload"}: ${i.message}`).join("; ")}.`,
    triggerEvent,
    issues,
  );
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000: a string carrying one would make the delivery
 * unstorable. The raw bytes are kept as they came (bytea); the parsed strings lose the NULs.
 */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}
