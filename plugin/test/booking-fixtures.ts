import { type Booking, bookingSchema } from "@takeone/calcom-bridge/contract";

/** A contract-valid booking (checked with the bridge's own schema), changed by `overrides`. */
export function makeBooking(overrides: Partial<Booking> = {}): Booking {
  return bookingSchema.parse({
    id: "bk_1",
    applicationId: "app_1",
    talentUserId: "u_talent",
    casterUserId: "u_caster",
    castingCallId: "cc_1",
    scheduledAt: "2026-12-01T11:00:00.000Z",
    duration: 30,
    timezone: "Asia/Riyadh",
    meetingType: "video",
    location: null,
    meetingUrl: "https://meet.example.com/abc",
    meetingPassword: null,
    status: "scheduled",
    cancelledBy: null,
    cancelledAt: null,
    cancellationReason: null,
    reminderSent24h: false,
    reminderSent1h: false,
    casterNotes: null,
    talentNotes: null,
    calcomEventId: "101",
    calcomBookingUid: "cal_uid_1",
    createdAt: "2026-11-20T09:00:00.000Z",
    updatedAt: "2026-11-20T09:00:00.000Z",
    talent: { id: "u_talent", name: "Layla Haddad", email: "layla@example.com" },
    caster: { id: "u_caster", name: "Omar Casting", email: "omar@example.com" },
    castingCall: { id: "cc_1", title: "Hamlet — lead" },
    ...overrides,
  });
}
