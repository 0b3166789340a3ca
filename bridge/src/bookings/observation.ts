import { z } from "zod";
import { meetingTypeSchema } from "./booking-schema.ts";

/**
 * An observation is one fact about an application's audition booking — from a Cal.com webhook, the
 * TakeOne app inside Cal.com (crm), a reconciliation with Cal.com (sync), or a change made through
 * the bridge's API. The AuditionBooking row is a fold of the observations of its chain
 * (fold-booking.ts), so every source goes through the same code and order of arrival does not matter.
 */
export const OBSERVATION_SOURCES = ["webhook", "crm", "sync", "api"] as const;
export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];

export const OBSERVATION_KINDS = [
  /** a Cal.com booking awaiting the host's confirmation */
  "requested",
  /** a Cal.com booking accepted, or an audition booked through the API */
  "created",
  /** new time (Cal.com: a new uid replacing previousUid; API: the same booking) */
  "rescheduled",
  "cancelled",
  "rejected",
  /** the meeting ended */
  "completed",
  /** attendees marked (or unmarked) absent */
  "no_show",
  /** new meeting details at the same time */
  "location_changed",
  /** the talent confirmed (API) */
  "confirmed",
  /** the booking was deleted (API) */
  "deleted",
] as const;
export const observationKindSchema = z.enum(OBSERVATION_KINDS);
export type ObservationKind = z.infer<typeof observationKindSchema>;

export const meetingSchema = z.object({
  meetingType: meetingTypeSchema,
  location: z.string().nullable(),
  meetingUrl: z.string().nullable(),
  meetingPassword: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const scheduleSchema = z.object({
  scheduledAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().positive(),
  timezone: z.string(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** The normalised facts an observation carries; which are present depends on its kind. */
export const observationDataSchema = z.object({
  schedule: scheduleSchema.optional(),
  meeting: meetingSchema.optional(),
  /** Cal.com's numeric booking id, as text */
  calcomEventId: z.string().nullable().optional(),
  /** for created / rescheduled: Cal.com's status said the host has not accepted yet */
  isAwaitingHost: z.boolean().optional(),
  /** cancellation or rejection reason */
  reason: z.string().nullable().optional(),
  /** who acted, as Cal.com reports it (an e-mail) */
  actorEmail: z.string().nullable().optional(),
  /** who acted, as a TakeOne user id (API changes) */
  actorUserId: z.string().nullable().optional(),
  /** for no_show: each attendee's mark */
  attendees: z.array(z.object({ email: z.string(), noShow: z.boolean() })).optional(),
});
export type ObservationData = z.infer<typeof observationDataSchema>;

/** An observation before it is stored. */
export interface ObservationInput {
  /** equal keys are the same fact: recording it again changes nothing */
  dedupeKey: string;
  source: ObservationSource;
  kind: ObservationKind;
  /** the chain's order: Cal.com's envelope createdAt, or the bridge's clock for API changes */
  occurredAt: Date;
  bookingUid: string | null;
  /** for a Cal.com reschedule, the uid it replaced */
  previousUid: string | null;
  /** the application the source names, if it names one */
  applicationId: string | null;
  deliveryId?: string;
  data: ObservationData;
}

/** A stored observation, as the fold reads it. */
export interface Observation extends Omit<ObservationInput, "deliveryId"> {
  id: string;
}
