import type { BookingEventType } from "../events/event-schema.ts";
import type { FoldedBooking } from "./fold-booking.ts";
import type { BookingRowState } from "./write-booking-row.ts";

/**
 * The outbound event a change of a booking row means, or null when the fold changes nothing.
 * One event per change, named by what matters most to TakeOne: the booking's status, then its time,
 * then anything else.
 */
export function describeBookingChange(
  before: BookingRowState | null,
  after: FoldedBooking | null,
): BookingEventType | null {
  if (!before && !after) return null;
  if (!before) return "audition_booking.created";
  if (!after) return "audition_booking.deleted";

  const isRescheduled =
    before.scheduledAt.getTime() !== new Date(after.schedule.scheduledAt).getTime() ||
    before.duration !== after.schedule.durationMinutes;

  if (before.status !== after.status) {
    switch (after.status) {
      case "cancelled":
        return "audition_booking.cancelled";
      case "rejected":
        return "audition_booking.rejected";
      case "completed":
        return "audition_booking.completed";
      case "no-show":
        return "audition_booking.no_show";
      case "confirmed":
        return "audition_booking.confirmed";
      case "scheduled":
      case "pending":
        // A closed booking that lives again is a new audition for TakeOne.
        if (before.status === "cancelled" || before.status === "rejected") return "audition_booking.created";
        return isRescheduled ? "audition_booking.rescheduled" : "audition_booking.updated";
    }
  }
  if (isRescheduled) return "audition_booking.rescheduled";
  const isSame =
    before.calcomBookingUid === after.calcomBookingUid &&
    before.calcomEventId === after.calcomEventId &&
    before.timezone === after.schedule.timezone &&
    before.meetingType === after.meeting.meetingType &&
    before.location === after.meeting.location &&
    before.meetingUrl === after.meeting.meetingUrl &&
    before.meetingPassword === after.meeting.meetingPassword &&
    (before.cancelledAt?.toISOString() ?? null) === after.cancelledAt &&
    before.cancelledBy === after.cancelledBy &&
    before.cancellationReason === after.cancellationReason;
  return isSame ? null : "audition_booking.updated";
}
