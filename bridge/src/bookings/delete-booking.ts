import type pg from "pg";
import type { AuthenticatedUser } from "../auth/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { AppError } from "../http/app-error.ts";
import type { Clock } from "../service/service-context.ts";
import { applyObservation } from "./apply-observation.ts";
import { isBookingCaster } from "./booking-access.ts";
import { apiDedupeKey, lockVisibleBooking } from "./lock-visible-booking.ts";
import { orderApiObservation } from "./order-api-observation.ts";
import { recordCalcomPropagation } from "./record-calcom-propagation.ts";

const OPEN = new Set(["pending", "scheduled", "confirmed"]);

/**
 * DELETE /api/v1/bookings/:id: the caster (or an admin) removes the booking row for good — the
 * seed's "hard delete". It is a `deleted` observation, so a late Cal.com fact about the same booking
 * does not bring it back (fold-booking.ts), and the application may be booked again. The talent: 403;
 * anyone else: 404. A booking still open in Cal.com is also recorded to be cancelled there.
 */
export async function deleteBooking(
  deps: { pool: pg.Pool; clock: Clock },
  args: { user: AuthenticatedUser; bookingId: string },
): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (db) => {
    const { booking, row } = await lockVisibleBooking(db, args);
    if (!isBookingCaster(args.user, booking) && args.user.role !== "admin") {
      throw new AppError("FORBIDDEN", "Only the caster can delete a booking.");
    }
    const applied = await applyObservation(
      db,
      {
        dedupeKey: apiDedupeKey(args.user.id, undefined),
        source: "api",
        kind: "deleted",
        occurredAt: await orderApiObservation(db, booking.applicationId, now),
        bookingUid: row.calcomBookingUid,
        previousUid: null,
        applicationId: booking.applicationId,
        data: { actorUserId: args.user.id },
      },
      now,
    );
    if (applied.outcome !== "applied") {
      throw new Error(`booking ${booking.id}: the fold answered ${applied.outcome} to deleted`);
    }
    if (row.calcomBookingUid && OPEN.has(booking.status)) {
      await recordCalcomPropagation(db, {
        bookingId: booking.id,
        calcomBookingUid: row.calcomBookingUid,
        action: "cancel",
        data: { reason: "deleted in TakeOne", byUserId: args.user.id },
      });
    }
  });
}
