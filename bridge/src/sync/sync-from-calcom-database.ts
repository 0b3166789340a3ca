import pg from "pg";
import { type CalcomBooking, calcomBookingSchema } from "../calcom/index.ts";
import { AppError } from "../http/app-error.ts";
import { applyCalcomBookings, type SyncReport } from "./apply-calcom-bookings.ts";
import type { SyncOptions } from "./sync-from-calcom-api.ts";

/** Rows read per query (keyset paging on Booking.id). */
const BATCH = 1000;

/** The API sync's options, with Cal.com's database instead of its API. */
export interface DatabaseSyncOptions extends Omit<SyncOptions, "client"> {
  /** CALCOM_DATABASE_URL: Cal.com's own database, read only */
  calcomDatabaseUrl: string;
}

/**
 * Reconciliation without Cal.com's API — and so without a license on a self-hosted instance:
 * reads the Audition bookings straight from Cal.com's database, read only, and applies them like
 * the API's (apply-calcom-bookings.ts).
 */
export async function syncFromCalcomDatabase(options: DatabaseSyncOptions): Promise<SyncReport> {
  const bookings = await readBookingsFromCalcomDatabase(options);
  return applyCalcomBookings(bookings, options);
}

/**
 * Tables and columns as Cal.com's schema.prisma names them (calcom-facts §7): "Booking",
 * "Attendee", "EventType", users. DateTime columns are `timestamp(3)` without a zone holding UTC,
 * so they are formatted as UTC text in SQL rather than left to the driver's local-time parsing.
 * Rows are shaped as API v2 bookings (§4.4) — lowercase status, `rescheduledFromUid` from
 * `fromReschedule`, `rescheduledToUid` from the booking that names this one — so one mapping
 * (observe-calcom-booking.ts) serves both sources. `awaiting_host` counts as pending.
 */
export async function readBookingsFromCalcomDatabase(
  options: Pick<DatabaseSyncOptions, "calcomDatabaseUrl" | "slug" | "since" | "onProgress">,
): Promise<CalcomBooking[]> {
  const client = new pg.Client({
    connectionString: options.calcomDatabaseUrl,
    application_name: "takeone-cal sync",
  });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError(
      "CALCOM_UNAVAILABLE",
      `Cal.com's database (CALCOM_DATABASE_URL) could not be reached: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    const bookings: CalcomBooking[] = [];
    for (let afterId = 0; ; ) {
      const { rows } = await client.query(SELECT_BOOKINGS, [options.slug, options.since, afterId, BATCH]);
      const rescheduledTo = await readRescheduledTo(
        client,
        rows.filter((row) => row.rescheduled === true).map((row) => row.uid as string),
      );
      const attendees = await readAttendees(
        client,
        rows.map((row) => row.id as number),
      );
      for (const row of rows) {
        const extra = {
          rescheduledToUid: rescheduledTo.get(row.uid) ?? null,
          attendees: attendees.get(row.id) ?? [],
        };
        bookings.push(toApiBooking({ ...row, ...extra }));
      }
      options.onProgress?.(`read ${bookings.length} booking(s)…`);
      if (rows.length < BATCH) break;
      afterId = rows[rows.length - 1].id;
    }
    await client.query("COMMIT");
    return bookings;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    throw new AppError(
      code === "42P01" || code === "42703" ? "CALCOM_BAD_RESPONSE" : "CALCOM_UNAVAILABLE",
      `Reading bookings from Cal.com's database failed: ${(error as Error).message}. ` +
        'CALCOM_DATABASE_URL must point at Cal.com\'s own database, with SELECT on "Booking", "Attendee", "EventType" and users.',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const SELECT_BOOKINGS = `
  SELECT b.id, b.uid, b.status::text AS status,
         to_char(b."startTime", ${UTC}) AS start, to_char(b."endTime", ${UTC}) AS "end",
         to_char(b."createdAt", ${UTC}) AS "createdAt", to_char(b."updatedAt", ${UTC}) AS "updatedAt",
         b.location, b.metadata, b.responses, b."cancellationReason", b."cancelledBy", b."fromReschedule",
         b."eventTypeId", e.slug AS "eventTypeSlug", host.email AS "hostEmail", host."timeZone" AS "hostTimeZone",
         b.rescheduled
    FROM "Booking" b
    JOIN "EventType" e ON e.id = b."eventTypeId"
    LEFT JOIN users host ON host.id = b."userId"
   WHERE e.slug = $1 AND b."startTime" >= ($2::timestamptz AT TIME ZONE 'UTC') AND b.id > $3
   ORDER BY b.id
   LIMIT $4`;

/**
 * The new uid of each rescheduled booking: the booking whose `fromReschedule` names it. Asked once
 * per batch and only for bookings marked `rescheduled` (the old half, §7): Cal.com has no index on
 * `fromReschedule`, so a lookup per row would scan the table once per booking.
 */
async function readRescheduledTo(client: pg.Client, uids: string[]): Promise<Map<string, string>> {
  if (uids.length === 0) return new Map();
  const { rows } = await client.query<{ from: string; uid: string }>(
    `SELECT DISTINCT ON ("fromReschedule") "fromReschedule" AS "from", uid
       FROM "Booking" WHERE "fromReschedule" = ANY($1::text[]) ORDER BY "fromReschedule", id DESC`,
    [uids],
  );
  return new Map(rows.map((row) => [row.from, row.uid]));
}

/** Attendees of a batch of bookings, in one query (a per-row subquery needs an index Cal.com may not have). */
async function readAttendees(client: pg.Client, bookingIds: number[]): Promise<Map<number, unknown[]>> {
  const byBooking = new Map<number, unknown[]>();
  if (bookingIds.length === 0) return byBooking;
  const { rows } = await client.query<{
    bookingId: number;
    name: string;
    email: string;
    timeZone: string;
    absent: boolean;
  }>(
    `SELECT "bookingId", name, email, "timeZone", COALESCE("noShow", false) AS absent
       FROM "Attendee" WHERE "bookingId" = ANY($1::int[]) ORDER BY id`,
    [bookingIds],
  );
  for (const { bookingId, ...attendee } of rows) {
    const list = byBooking.get(bookingId) ?? [];
    list.push(attendee);
    byBooking.set(bookingId, list);
  }
  return byBooking;
}

function toApiBooking(row: Record<string, unknown>): CalcomBooking {
  return calcomBookingSchema.parse({
    id: row.id,
    uid: row.uid,
    status: row.status === "awaiting_host" ? "pending" : row.status,
    start: row.start,
    end: row.end,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    eventTypeId: row.eventTypeId,
    eventType: { id: row.eventTypeId, slug: row.eventTypeSlug },
    location: row.location,
    metadata: row.metadata,
    bookingFieldsResponses: row.responses,
    cancellationReason: row.cancellationReason,
    cancelledByEmail: row.cancelledBy,
    rescheduledFromUid: row.fromReschedule,
    rescheduledToUid: row.rescheduledToUid,
    hosts: row.hostEmail ? [{ email: row.hostEmail, timeZone: row.hostTimeZone }] : [],
    attendees: row.attendees,
  });
}
