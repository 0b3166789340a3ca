import { z } from "zod";

/**
 * What the `takeone` Cal.com app (plugin/app-store/takeone) POSTs for each CRM call Cal.com makes:
 * one booking event and the CalendarEvent Cal.com passed (calcom-app-store-facts: CrmService). The
 * app sends a trimmed CalendarEvent (no translate functions, no team lists); only the fields the
 * fold reads are checked here, the rest is allowed and ignored, as Cal.com adds fields over time.
 */

const instant = z.iso.datetime({ offset: true, error: "an ISO 8601 date-time" });

const person = z.looseObject({
  email: z.string().optional(),
  name: z.unknown().optional(),
  timeZone: z.string().optional(),
});

/** The part of Cal.com's CalendarEvent (packages/types/Calendar.d.ts) the bridge reads. */
export const crmCalendarEventSchema = z.looseObject({
  uid: z.string().min(1).nullable().optional(),
  /** Cal.com's numeric booking id; optional in CalendarEvent, sent when Cal.com set it */
  bookingId: z.number().int().nullable().optional(),
  startTime: instant,
  endTime: instant,
  location: z.string().nullable().optional(),
  videoCallData: z
    .looseObject({
      type: z.string().nullable().optional(),
      url: z.string().nullable().optional(),
      password: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  /** booking-form answers `{label, value, isHidden?}` keyed by field name: carries the application id */
  responses: z.record(z.string(), z.unknown()).nullable().optional(),
  organizer: person.optional(),
  attendees: z.array(person).nullable().optional(),
  cancellationReason: z.string().nullable().optional(),
});
export type CrmCalendarEvent = z.infer<typeof crmCalendarEventSchema>;

export const CRM_CALL_TYPES = ["booking.created", "booking.updated", "booking.deleted"] as const;

export const crmCallSchema = z.object({
  /** createEvent → booking.created, updateEvent → booking.updated, deleteEvent → booking.deleted */
  type: z.enum(CRM_CALL_TYPES),
  /**
   * When Cal.com made the call, by the Cal.com server's clock (the same clock as a webhook's
   * createdAt): the chain's order. Signed with the body.
   */
  occurredAt: instant,
  /** the uid Cal.com passed to updateEvent / deleteEvent: the reference createEvent returned */
  referenceUid: z.string().min(1).nullable().optional(),
  /** the answer of the booking field the event type names for the application id, read by the app */
  applicationId: z.string().min(1).max(200).nullable().optional(),
  event: crmCalendarEventSchema,
});
export type CrmCall = z.infer<typeof crmCallSchema>;
