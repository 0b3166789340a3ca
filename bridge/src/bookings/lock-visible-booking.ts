import { randomUUID } from "node:crypto";
import type { AuthenticatedUser } from "../auth/index.ts";
import type { Queryable } from "../db/queryable.ts";
import { AppError } from "../http/app-error.ts";
import { canSeeBooking } from "./booking-access.ts";
import type { Booking } from "./booking-schema.ts";
import { lockApplicationCaster } from "./lock-application-caster.ts";
import { lockBookingUids } from "./lock-chain.ts";
import { readBookingView } from "./read-booking-view.ts";
import { type BookingRowState, readBookingRowForUpdate } from "./write-booking-row.ts";

/**
 * The booking a user is about to change, locked for the transaction: 404 if it does not exist or
 * the user may not see it. Locks are taken in the order the webhook path takes them (the Cal.com
 * uid, then the application, then the row) so an API change and a webhook about the same booking
 * queue up instead of deadlocking.
 */
export async function lockVisibleBooking(
  db: Queryable,
  args: { bookingId: string; user: AuthenticatedUser },
): Promise<{ booking: Booking; row: BookingRowState }> {
  const seen = await readBookingView(db, args.bookingId);
  if (!seen || !canSeeBooking(args.user, seen)) throw bookingNotFound(args.bookingId);
  await lockBookingUids(db, seen.calcomBookingUid ? [seen.calcomBookingUid] : []);
  await lockApplicationCaster(db, seen.applicationId);
  const row = await readBookingRowForUpdate(db, seen.applicationId);
  if (!row || row.id !== args.bookingId) throw bookingNotFound(args.bookingId);
  if (row.calcomBookingUid !== seen.calcomBookingUid) {
    // Cal.com rescheduled it between our read and our lock; the client can simply try again.
    throw new AppError("CONFLICT", "The booking changed while this request ran; try again.");
  }
  const booking = await readBookingView(db, args.bookingId);
  if (!booking) throw bookingNotFound(args.bookingId);
  return { booking, row };
}

export function bookingNotFound(bookingId: string): AppError {
  return new AppError("NOT_FOUND", `No booking ${bookingId}.`);
}

/**
 * The dedupe key of an API change: the client's Idempotency-Key (scoped to the user, so two users'
 * keys never collide), else a fresh one — every call is then a new fact.
 */
export function apiDedupeKey(userId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey ? `api:${userId}:${idempotencyKey}` : `api:${randomUUID()}`;
}
