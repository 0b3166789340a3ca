import { z } from "zod";

/**
 * The parts of Cal.com API v2 answers the bridge reads. Lenient (looseObject, optional) about what
 * it does not use, so a newer Cal.com that adds fields still parses; strict about what it uses.
 */

/**
 * GET /v2/me — the API key's user. Not in calcom-facts §4; shape read in Cal.com's source
 * (apps/api/v2 `MeOutput`: id, username, email, timeZone, …). Used for the username of the calLink.
 */
export const calcomMeSchema = z.looseObject({
  id: z.number().int(),
  username: z.string().nullable().optional(),
  email: z.string(),
  timeZone: z.string().optional(),
});
export type CalcomMe = z.infer<typeof calcomMeSchema>;

/**
 * A booking field of an event type as API v2 (2024-06-14) returns it: custom fields carry `slug`
 * (calcom-facts §4.2: "The v2 `slug` becomes the internal booking-field `name`"); default fields
 * may carry only `type` (name, email…), so everything but `type` is optional here.
 */
export const calcomBookingFieldSchema = z.looseObject({
  type: z.string(),
  slug: z.string().optional(),
  label: z.string().optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional(),
  disableOnPrefill: z.boolean().optional(),
});
export type CalcomBookingField = z.infer<typeof calcomBookingFieldSchema>;

/** An event type (cal-api-version 2024-06-14; `EventTypeOutput_2024_06_14`, calcom-facts §4.2). */
export const calcomEventTypeSchema = z.looseObject({
  id: z.number().int(),
  title: z.string(),
  slug: z.string(),
  lengthInMinutes: z.number().int(),
  description: z.string().nullable().optional(),
  locations: z.array(z.looseObject({ type: z.string() })).optional(),
  bookingFields: z.array(calcomBookingFieldSchema).optional(),
  hidden: z.boolean().optional(),
  ownerId: z.number().int().nullable().optional(),
});
export type CalcomEventType = z.infer<typeof calcomEventTypeSchema>;

/**
 * A webhook subscription (calcom-facts §4.3; `WebhookOutputDto`: id, payloadTemplate, triggers,
 * subscriberUrl, active, secret?). The DTO declares `id` a number while the Webhook table's id is a
 * uuid string (§1.5), so both are read, as text. Older Cal.com versions leave `secret` out.
 */
export const calcomWebhookSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  subscriberUrl: z.string(),
  active: z.boolean(),
  triggers: z.array(z.string()),
  payloadTemplate: z.string().nullable().optional(),
  secret: z.string().nullable().optional(),
});
export type CalcomWebhookSubscription = z.infer<typeof calcomWebhookSchema>;

const instant = z.iso.datetime({ offset: true, error: "an ISO 8601 date-time" });

/**
 * A booking (cal-api-version 2024-08-13; `booking.output.ts`, calcom-facts §4.4). Statuses are
 * lowercase here (webhooks use uppercase). A reschedule makes a new booking with
 * `rescheduledFromUid`; the old one is cancelled and gets `rescheduledToUid`.
 */
export const calcomBookingSchema = z.looseObject({
  id: z.number().int(),
  uid: z.string().min(1),
  title: z.string().optional(),
  status: z.enum(["cancelled", "accepted", "rejected", "pending"]).or(z.string()),
  start: instant,
  end: instant,
  duration: z.number().int().optional(),
  eventTypeId: z.number().int().nullable().optional(),
  eventType: z.looseObject({ id: z.number().int(), slug: z.string().optional() }).nullable().optional(),
  location: z.string().nullable().optional(),
  meetingUrl: z.string().nullable().optional(),
  cancellationReason: z.string().nullable().optional(),
  cancelledByEmail: z.string().nullable().optional(),
  rescheduledFromUid: z.string().nullable().optional(),
  rescheduledToUid: z.string().nullable().optional(),
  createdAt: instant,
  updatedAt: instant.nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  hosts: z.array(z.looseObject({ email: z.string().optional(), timeZone: z.string().optional() })).optional(),
  attendees: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        email: z.string(),
        timeZone: z.string().optional(),
        absent: z.boolean().optional(),
      }),
    )
    .optional(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type CalcomBooking = z.infer<typeof calcomBookingSchema>;

/** What `POST /v2/event-types` and `PATCH /v2/event-types/{id}` take (calcom-facts §4.2). */
export interface EventTypeInput {
  title: string;
  slug: string;
  lengthInMinutes: number;
  description?: string;
  locations?: { type: string; [key: string]: unknown }[];
  bookingFields?: {
    type: string;
    slug: string;
    label: string;
    required: boolean;
    hidden?: boolean;
    disableOnPrefill?: boolean;
    placeholder?: string;
  }[];
}

/** What `POST /v2/webhooks` takes; `PATCH` takes any part of it (calcom-facts §4.3: `triggers`, not `eventTriggers`). */
export interface WebhookInput {
  subscriberUrl: string;
  active: boolean;
  triggers: string[];
  secret?: string;
  payloadTemplate?: string;
}
