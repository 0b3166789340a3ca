import { z } from "zod";
import { ianaTimeZoneSchema } from "../time/time-zone-schema.ts";
import { bookingSchema, meetingTypeSchema } from "./booking-schema.ts";

const isoDateTime = z.iso.datetime({ offset: true, error: "an ISO 8601 date-time with offset" });
const minutes = z.number().int("whole minutes").min(5, "at least 5 minutes").max(480, "at most 8 hours");
const note = z.string().max(5_000);

/** POST /api/v1/bookings — the caster of the application's casting call books an audition. */
export const createBookingBodySchema = z.object({
  applicationId: z.string().min(1),
  scheduledAt: isoDateTime,
  duration: minutes,
  timezone: ianaTimeZoneSchema.optional(),
  meetingType: meetingTypeSchema,
  location: z.string().max(500).optional(),
  meetingUrl: z.url({ protocol: /^https?$/ }).optional(),
  meetingPassword: z.string().max(200).optional(),
  casterNotes: note.optional(),
});
export type CreateBookingBody = z.infer<typeof createBookingBodySchema>;

/**
 * PATCH /api/v1/bookings/:id — one or more of: reschedule (scheduledAt, duration, timezone), cancel
 * (status "cancelled" + cancellationReason), confirm (status "confirmed", by the talent), notes
 * (casterNotes by the caster, talentNotes by the talent), meeting details.
 */
export const updateBookingBodySchema = z
  .object({
    scheduledAt: isoDateTime.optional(),
    duration: minutes.optional(),
    timezone: ianaTimeZoneSchema.optional(),
    status: z.enum(["cancelled", "confirmed"]).optional(),
    cancellationReason: z.string().max(1_000).optional(),
    casterNotes: note.nullable().optional(),
    talentNotes: note.nullable().optional(),
    meetingType: meetingTypeSchema.optional(),
    location: z.string().max(500).nullable().optional(),
    meetingUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .optional(),
    meetingPassword: z.string().max(200).nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "nothing to change");
export type UpdateBookingBody = z.infer<typeof updateBookingBodySchema>;

/** GET /api/v1/bookings query. `status` may repeat or be comma-separated. */
export const listBookingsQuerySchema = z.object({
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).filter(Boolean),
    )
    .pipe(z.array(bookingSchema.shape.status))
    .optional(),
  /** true: scheduledAt ≥ now and not cancelled */
  upcoming: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** opaque: the nextCursor of the previous page */
  cursor: z.string().max(200).optional(),
});
export type ListBookingsQuery = z.infer<typeof listBookingsQuerySchema>;

/** The list answer: `{"success":true,"data":[…bookings],"page":{"nextCursor":…}}`. */
export const bookingListPageSchema = z.object({
  /** pass as `cursor` to get the next page; null on the last page */
  nextCursor: z.string().nullable(),
});
export type BookingListPage = z.infer<typeof bookingListPageSchema>;

export const bookingListResponseSchema = z.object({
  success: z.literal(true),
  data: z.array(bookingSchema),
  page: bookingListPageSchema,
});
