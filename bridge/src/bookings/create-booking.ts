import type pg from "pg";
import type { AuthenticatedUser } from "../auth/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { AppError } from "../http/app-error.ts";
import type { Clock } from "../service/service-context.ts";
import { applyObservation } from "./apply-observation.ts";
import { readObservationByKey, resetReplacedBooking } from "./booking-row-extras.ts";
import type { Booking } from "./booking-schema.ts";
import type { CreateBookingBody } from "./bookings-schemas.ts";
import { lockApplicationCaster } from "./lock-application-caster.ts";
import { apiDedupeKey } from "./lock-visible-booking.ts";
import { orderApiObservation } from "./order-api-observation.ts";
import { readBookingView, readBookingViewByApplication } from "./read-booking-view.ts";
import { readBookingRowForUpdate } from "./write-booking-row.ts";

/** Time zone when the request names none: TakeOne's default (ARCHITECTURE.md, User.timezone). */
const DEFAULT_TIME_ZONE = "Asia/Riyadh";

/** Statuses after which an application may be booked again (the fold starts afresh only after these). */
const REPLACEABLE = new Set(["cancelled", "rejected"]);

/**
 * POST /api/v1/bookings: the caster of the application's casting call (or an admin) books its
 * audition. The booking is a `created` observation folded like any Cal.com fact (apply-observation.ts),
 * under the application's lock, so concurrent requests for one application make one booking.
 *
 * - a talent: 403; an application that does not exist or is not among the caster's calls: 404
 * - an active booking exists (anything but cancelled / rejected): 409 BOOKING_EXISTS
 * - a time that has passed: 422 SCHEDULED_IN_PAST
 * - the same Idempotency-Key again: the booking it made, `isNew: false`
 */
export async function createBooking(
  deps: { pool: pg.Pool; clock: Clock },
  args: { user: AuthenticatedUser; body: CreateBookingBody; idempotencyKey?: string | undefined },
): Promise<{ booking: Booking; isNew: boolean }> {
  const { user, body } = args;
  if (user.role === "talent") {
    throw new AppError("FORBIDDEN", "Only the caster of the casting call can book an audition.");
  }
  const now = deps.clock.now();
  const dedupeKey = apiDedupeKey(user.id, args.idempotencyKey);

  const result = await withTransaction(deps.pool, async (db) => {
    const parties = await lockApplicationCaster(db, body.applicationId);
    if (!parties || (user.role !== "admin" && parties.casterUserId !== user.id)) {
      throw new AppError("NOT_FOUND", `No application ${body.applicationId} among your casting calls.`);
    }

    const earlier = await readObservationByKey(db, dedupeKey);
    if (earlier) {
      const booking = await readBookingViewByApplication(db, parties.applicationId);
      if (earlier.kind !== "created" || earlier.applicationId !== parties.applicationId || !booking) {
        throw new AppError("CONFLICT", "This Idempotency-Key was used for another request.");
      }
      return { booking, isNew: false };
    }

    const current = await readBookingRowForUpdate(db, parties.applicationId);
    if (current && !REPLACEABLE.has(current.status)) {
      throw new AppError("BOOKING_EXISTS", "This application already has an active booking.", {
        details: { bookingId: current.id, status: current.status },
      });
    }
    if (new Date(body.scheduledAt).getTime() <= now.getTime()) {
      throw new AppError("SCHEDULED_IN_PAST", "scheduledAt must be in the future.", {
        details: [{ path: "scheduledAt", message: "must be in the future" }],
      });
    }

    const applied = await applyObservation(
      db,
      {
        dedupeKey,
        source: "api",
        kind: "created",
        occurredAt: await orderApiObservation(db, parties.applicationId, now),
        bookingUid: null,
        previousUid: null,
        applicationId: parties.applicationId,
        data: {
          schedule: {
            scheduledAt: new Date(body.scheduledAt).toISOString(),
            durationMinutes: body.duration,
            timezone: body.timezone ?? DEFAULT_TIME_ZONE,
          },
          meeting: {
            meetingType: body.meetingType,
            location: body.location ?? null,
            meetingUrl: body.meetingUrl ?? null,
            meetingPassword: body.meetingPassword ?? null,
          },
          actorUserId: user.id,
        },
      },
      now,
    );
    if (applied.outcome !== "applied" || !applied.bookingId) {
      // The checks above ran under the application's lock; the fold refusing means it disagrees with them.
      throw new Error(`booking application ${parties.applicationId}: the fold answered ${applied.outcome}`);
    }
    const folded = await readBookingView(db, applied.bookingId);
    if (folded?.calcomBookingUid) {
      // The chain already held a Cal.com booking with no row yet (it arrived before the application
      // existed): folding brought it in, and it wins over this request. Keep it; answer 409 below.
      return { booking: folded, isNew: false, isCalcomBooking: true };
    }
    await resetReplacedBooking(db, { bookingId: applied.bookingId, casterNotes: body.casterNotes ?? null });
    const booking = await readBookingView(db, applied.bookingId);
    if (!booking) throw new Error(`booking ${applied.bookingId} vanished inside its own transaction`);
    return { booking, isNew: true, isCalcomBooking: false };
  });
  if (result.isCalcomBooking) {
    throw new AppError("BOOKING_EXISTS", "This application already has a booking made in Cal.com.", {
      details: { bookingId: result.booking.id, status: result.booking.status },
    });
  }
  return { booking: result.booking, isNew: result.isNew };
}
