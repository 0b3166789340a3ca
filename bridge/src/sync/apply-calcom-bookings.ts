import type pg from "pg";
import { type ApplyOutcome, applyObservation } from "../bookings/apply-observation.ts";
import type { CalcomBooking } from "../calcom/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import type { BookingEventType } from "../events/event-schema.ts";
import type { Clock } from "../service/service-context.ts";
import { observeCalcomBooking } from "./observe-calcom-booking.ts";

export interface ApplyBookingsOptions {
  /** the bridge's database */
  pool: pg.Pool;
  clock: Clock;
  /** CALCOM_APPLICATION_FIELD */
  applicationField: string;
  /** apply everything in one transaction and roll it back: the report says what would change */
  isDryRun: boolean;
  /** bookings applied at the same time, each in its own transaction; default 4 */
  concurrency?: number;
}

export interface SyncChange {
  bookingUid: string;
  applicationId: string | null;
  /** the outbound event the change recorded: audition_booking.created, audition_booking.cancelled… */
  eventType: BookingEventType | null;
}

export interface SyncReport {
  bookingsRead: number;
  /** bookings that name no application (not made through TakeOne) */
  bookingsSkipped: number;
  observations: Record<ApplyOutcome, number>;
  /** the booking rows that changed (or would, with isDryRun) */
  changes: SyncChange[];
  isDryRun: boolean;
}

class DryRunRollback extends Error {}

/**
 * Records Cal.com bookings, whatever source listed them, as observations with source "sync",
 * through the same fold as webhooks (applyObservation), which writes the booking row and the
 * outbound event in one transaction. A fact already known is a duplicate and changes nothing, so
 * a sync can run any time, next to webhooks, and twice.
 */
export async function applyCalcomBookings(
  listed: CalcomBooking[],
  options: ApplyBookingsOptions,
): Promise<SyncReport> {
  const bookings = [...listed];
  // Oldest first: a reschedule's old booking before its new one, as the webhooks came.
  bookings.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

  const report: SyncReport = {
    bookingsRead: bookings.length,
    bookingsSkipped: 0,
    observations: { applied: 0, duplicate: 0, stale: 0, unmapped: 0 },
    changes: [],
    isDryRun: options.isDryRun,
  };
  // Returns what it did instead of counting as it goes: a transaction retried after a deadlock
  // runs it again, and only the committed run may count.
  const applyBooking = async (db: pg.PoolClient, booking: CalcomBooking) => {
    const observations = observeCalcomBooking(booking, { applicationField: options.applicationField });
    // A booking naming no application is not TakeOne's — unless it is a reschedule, whose new booking
    // may lack the embed's metadata (calcom-facts A.2) and is linked through the uid it replaces.
    if (observations.every((o) => o.applicationId === null && o.previousUid === null)) return null;
    const results = [];
    for (const observation of observations)
      results.push(await applyObservation(db, observation, options.clock.now()));
    return { booking, results };
  };
  const count = (done: Awaited<ReturnType<typeof applyBooking>>) => {
    if (!done) {
      report.bookingsSkipped++;
      return;
    }
    for (const result of done.results) {
      report.observations[result.outcome]++;
      if (result.outcome === "applied") {
        report.changes.push({
          bookingUid: done.booking.uid,
          applicationId: result.applicationId,
          eventType: result.eventType,
        });
      }
    }
  };

  if (options.isDryRun) {
    const done: Awaited<ReturnType<typeof applyBooking>>[] = [];
    await withTransaction(options.pool, async (db) => {
      done.length = 0;
      for (const booking of bookings) done.push(await applyBooking(db, booking));
      throw new DryRunRollback();
    }).catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });
    done.forEach(count);
  } else {
    // One transaction per booking: a long sync holds no lock for long and keeps what it did.
    // Several at once: bookings of one reschedule chain lock each other's uids (lock-chain.ts), and
    // a crosswise wait ends in a deadlock error that withTransaction retries.
    let next = 0;
    const worker = async () => {
      while (next < bookings.length) {
        const booking = bookings[next++] as CalcomBooking;
        count(await withTransaction(options.pool, (db) => applyBooking(db, booking)));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  }
  return report;
}
