// @takeone/calcom-bridge/contract: the bridge's data shapes as zod schemas and types, with no Node
// imports, for browsers (the plugin's client) and for TakeOne's code that reads the bridge's output.

export {
  type AvailabilitySlot,
  availabilitySlotSchema,
  type CreateAvailabilitySlotBody,
  createAvailabilitySlotBodySchema,
  type UpdateAvailabilitySlotBody,
  updateAvailabilitySlotBodySchema,
} from "./availability/availability-schemas.ts";
export {
  BOOKING_STATUSES,
  type Booking,
  type BookingStatus,
  bookingPersonSchema,
  bookingSchema,
  bookingStatusSchema,
  MEETING_TYPES,
  type MeetingType,
  meetingTypeSchema,
} from "./bookings/booking-schema.ts";
export {
  type BookingListPage,
  bookingListPageSchema,
  bookingListResponseSchema,
  type CreateBookingBody,
  createBookingBodySchema,
  type ListBookingsQuery,
  listBookingsQuerySchema,
  type UpdateBookingBody,
  updateBookingBodySchema,
} from "./bookings/bookings-schemas.ts";
export {
  BOOKING_EVENT_TYPES,
  type BookingEventType,
  bookingEventTypeSchema,
  REMINDER_KINDS,
  type ReminderKind,
  reminderKindSchema,
  type TakeOneEvent,
  takeOneEventSchema,
} from "./events/event-schema.ts";
