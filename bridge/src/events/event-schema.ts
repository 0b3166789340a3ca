import { z } from "zod";
import { bookingSchema } from "../bookings/booking-schema.ts";

/** What TakeOne's backend hears: one event per booking change, signed (Standard Webhooks). */
export const BOOKING_EVENT_TYPES = [
  "audition_booking.created",
  "audition_booking.rescheduled",
  "audition_booking.cancelled",
  "audition_booking.confirmed",
  "audition_booking.rejected",
  "audition_booking.completed",
  "audition_booking.no_show",
  "audition_booking.updated",
  "audition_booking.deleted",
  "audition_booking.reminder",
] as const;
export const bookingEventTypeSchema = z.enum(BOOKING_EVENT_TYPES);
export type BookingEventType = z.infer<typeof bookingEventTypeSchema>;

export const REMINDER_KINDS = ["24h", "1h"] as const;
export const reminderKindSchema = z.enum(REMINDER_KINDS);
export type ReminderKind = z.infer<typeof reminderKindSchema>;

const timestamp = z.iso.datetime({ offset: true });

const changeEventSchema = z.object({
  type: bookingEventTypeSchema.exclude(["audition_booking.reminder"]),
  /** when the change happened */
  timestamp,
  /** the booking after the change (for `deleted`, as it was before) */
  data: bookingSchema,
});

const reminderEventSchema = z.object({
  type: z.literal("audition_booking.reminder"),
  timestamp,
  data: bookingSchema.extend({ kind: reminderKindSchema }),
});

/** The body of every outbound event, `{"type","timestamp","data"}`. */
export const takeOneEventSchema = z.discriminatedUnion("type", [changeEventSchema, reminderEventSchema]);
export type TakeOneEvent = z.infer<typeof takeOneEventSchema>;
