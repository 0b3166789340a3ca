import type pg from "pg";
import { systemClock } from "../src/service/service-context.ts";
import { applyCalcomBookings } from "../src/sync/index.ts";
import { calcomBookingFixture, type FakeCalcom } from "./fake-calcom-server.ts";

/**
 * A booking made in Cal.com for an existing application: in the fake Cal.com, and in the bridge
 * (applied as the sync applies it) unless `isMissed`. Booked in the past (before the changes a test
 * makes now), for a meeting in 2030.
 */
export async function bookInCalcom(
  pool: pg.Pool,
  fake: FakeCalcom,
  booking: { id: number; uid: string; applicationId: string; isMissed?: boolean },
): Promise<{ uid: string; bookingId: string | null }> {
  const calcomBooking = calcomBookingFixture({
    id: booking.id,
    uid: booking.uid,
    createdAt: "2026-01-05T10:00:00.000Z",
    updatedAt: "2026-01-05T10:00:00.000Z",
    metadata: { applicationId: booking.applicationId },
  });
  fake.state.bookings.push(calcomBooking);
  if (booking.isMissed) return { uid: booking.uid, bookingId: null };
  await applyCalcomBookings([calcomBooking as never], {
    pool,
    clock: systemClock,
    applicationField: "applicationId",
    isDryRun: false,
  });
  const { rows } = await pool.query<{ id: string }>(
    `SELECT "id" FROM "AuditionBooking" WHERE "applicationId" = $1`,
    [booking.applicationId],
  );
  return { uid: booking.uid, bookingId: rows[0]?.id ?? null };
}
