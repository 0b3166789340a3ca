import type pg from "pg";
import type { CalcomBooking, CalcomClient } from "../calcom/index.ts";
import { AppError } from "../http/app-error.ts";
import type { Clock } from "../service/service-context.ts";
import { applyCalcomBookings, type SyncReport } from "./apply-calcom-bookings.ts";

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
  isDryRun: boolean;
  concurrency?: number;
  onProgress?: (line: string) => void;
}

/**
 * Repairs what missed webhooks left wrong, from Cal.com API v2: lists the Audition event type's
 * bookings (paged) and applies them (apply-calcom-bookings.ts).
 */
export async function syncFromCalcomApi(options: SyncOptions): Promise<SyncReport> {
  return applyCalcomBookings(await readBookingsFromApi(options), options);
}

async function readBookingsFromApi(options: SyncOptions): Promise<CalcomBooking[]> {
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
  return bookings;
}
