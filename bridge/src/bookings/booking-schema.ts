import { z } from "zod";

/** The states of an audition booking, enforced by a CHECK constraint in the database. */
export const BOOKING_STATUSES = [
  "pending",
  "scheduled",
  "confirmed",
  "cancelled",
  "rejected",
  "completed",
  "no-show",
] as const;
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const MEETING_TYPES = ["video", "phone", "in-person"] as const;
export const meetingTypeSchema = z.enum(MEETING_TYPES);
export type MeetingType = z.infer<typeof meetingTypeSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const bookingPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
});

/**
 * An audition booking as the bridge shows it: the AuditionBooking row with the talent, the caster
 * and the casting call. The REST API answers with it, outbound events carry it, and the plugin's
 * client reads it. Times are ISO 8601 in UTC; `timezone` is the zone the audition was booked in.
 */
export const bookingSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  talentUserId: z.string(),
  casterUserId: z.string(),
  castingCallId: z.string(),
  scheduledAt: isoDateTime,
  /** minutes */
  duration: z.number().int().positive(),
  timezone: z.string(),
  meetingType: meetingTypeSchema,
  location: z.string().nullable(),
  meetingUrl: z.string().nullable(),
  meetingPassword: z.string().nullable(),
  status: bookingStatusSchema,
  /** the TakeOne user id of who cancelled, else the e-mail Cal.com reported */
  cancelledBy: z.string().nullable(),
  cancelledAt: isoDateTime.nullable(),
  cancellationReason: z.string().nullable(),
  reminderSent24h: z.boolean(),
  reminderSent1h: z.boolean(),
  casterNotes: z.string().nullable(),
  talentNotes: z.string().nullable(),
  /** Cal.com's numeric booking id, as text */
  calcomEventId: z.string().nullable(),
  calcomBookingUid: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  talent: bookingPersonSchema,
  caster: bookingPersonSchema,
  castingCall: z.object({ id: z.string(), title: z.string() }),
});
export type Booking = z.infer<typeof bookingSchema>;
