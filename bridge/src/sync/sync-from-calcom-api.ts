import type pg from "pg";
import { type ApplyOutcome, applyObservation } from "../bookings/apply-observation.ts";
import type { CalcomBooking, CalcomClient } from "../calcom/api/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import type { BookingEventType } from "../events/event-schema.ts";
import { AppError } from "../http/app-error.ts";
import type { Clock } from "../service/service-context.ts";
import { observeCalcomBooking } from "./observe-calcom-booking.ts";

/** Bookings per API page (Cal.com's list endpoints page with take/skip, calcom-facts §4.4). */
const PAGE_SIZE = 100;

export interface SyncOptions {
  pool: pg.Pool;
  client: CalcomClient;
  clock: Clock;
  /** CALCOM_EVENT_TYPE_SLUG: only the Audition event type's bookings are read */
  slug: string;
  /** CALCOM_APPLICATION_FIELD */
  applicationField: string;
  /** bookings that start at or after this instant */
  since: Date;
  /** apply everything in one transaction and roll it back: the report says what would change */
  isDryRun: boolean;
  /** bookings applied at the same time, each in its own transaction; default 4 */
  concurrency?: number;
  onProgress?: (line: string) => void;
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
 * Repairs what missed webhooks left wrong: lists the Audition event type's bookings from Cal.com
 * API v2 and records each as observations with source "sync", through the same fold as webhooks
 * (applyObservation), which writes the booking row and the outbound event in one transaction.
 * A fact already known is a duplicate and changes nothing, so a sync can run any time, next to
 * webhooks, and twice.
 */
export async function syncFromCalcomApi(options: SyncOptions): Promise<SyncReport> {
  const say = options.onProgress ?? (() => {});
  const me = await options.client.getMe();
  const eventType = me.username
    ? (await options.client.listEventTypes(me.username)).find((e) => e.slug === options.slug)
    : undefined;
  if (!eventType) {
    throw new AppError(
      "CALCOM_NOT_FOUND",
      `Cal.com has no event type "${options.slug}" for the API key's user${me.username ? ` ${me.username}` : ""}: run takeone-cal setup, or set CALCOM_EVENT_TYPE_SLUG.`,
    );
  }

  const bookings: CalcomBooking[] = [];
  for (let skip = 0; ; skip += PAGE_SIZE) {
    const page = await options.client.listBookings({
      eventTypeId: eventType.id,
      afterStart: options.since,
      take: PAGE_SIZE,
      skip,
    });
    bookings.push(...page.bookings);
    say(`read ${bookings.length} booking(s)…`);
    if (!page.hasMore || page.bookings.length === 0) break;
  }
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
    if (observations.every((o) => o.applicationId === null)) return null;
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
    for (const booking of bookings)
      count(await withTransaction(options.pool, (db) => applyBooking(db, booking)));
  }
  return report;
}
