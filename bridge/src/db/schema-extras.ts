/**
 * Database objects that prisma/schema.prisma cannot express and the migrations add by hand. The
 * schema test checks that each exists and that nothing else differs from the Prisma schema.
 */
export const CHECK_CONSTRAINTS = {
  User: ["User_role_check", "User_locale_check"],
  AvailabilitySlot: [
    "AvailabilitySlot_dayOfWeek_check",
    "AvailabilitySlot_kind_check",
    "AvailabilitySlot_time_check",
  ],
  AuditionBooking: [
    "AuditionBooking_status_check",
    "AuditionBooking_meetingType_check",
    "AuditionBooking_duration_check",
  ],
  CalcomDelivery: ["CalcomDelivery_source_check", "CalcomDelivery_outcome_check"],
  BookingObservation: ["BookingObservation_source_check", "BookingObservation_kind_check"],
  OutboxEvent: ["OutboxEvent_status_check"],
  CalcomPropagation: ["CalcomPropagation_action_check", "CalcomPropagation_status_check"],
} as const satisfies Record<string, readonly string[]>;

/** Partial indexes (Prisma has no WHERE on @@index). */
export const PARTIAL_INDEXES = {
  AuditionBooking: ["AuditionBooking_reminder_due_idx"],
} as const satisfies Record<string, readonly string[]>;
