import type { AuthenticatedUser } from "../auth/index.ts";

/** The parties of a booking, as access rules read them. */
export interface BookingParties {
  talentUserId: string;
  casterUserId: string;
}

/**
 * Whether the user may see the booking: its talent, its caster (the owner of the casting call:
 * AuditionBooking.casterUserId is copied from CastingCall.casterUserId), or an admin.
 * Anyone else is answered 404, as if the booking did not exist, so ids cannot be probed.
 */
export function canSeeBooking(user: AuthenticatedUser, booking: BookingParties): boolean {
  return user.role === "admin" || booking.talentUserId === user.id || booking.casterUserId === user.id;
}

export function isBookingCaster(user: AuthenticatedUser, booking: BookingParties): boolean {
  return booking.casterUserId === user.id;
}

export function isBookingTalent(user: AuthenticatedUser, booking: BookingParties): boolean {
  return booking.talentUserId === user.id;
}
