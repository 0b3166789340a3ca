import { newId } from "../db/new-id.ts";
import type { Queryable } from "../db/queryable.ts";
import type { Booking } from "./booking-schema.ts";
import type { FoldedBooking } from "./fold-booking.ts";
import type { ApplicationParties } from "./read-application-parties.ts";
import { type BookingViewRow, toBooking } from "./read-booking-view.ts";

/** The fold-owned columns of an AuditionBooking row, as stored. */
export interface BookingRowState {
  id: string;
  status: string;
  calcomBookingUid: string | null;
  calcomEventId: string | null;
  scheduledAt: Date;
  duration: number;
  timezone: string;
  meetingType: string;
  location: string | null;
  meetingUrl: string | null;
  meetingPassword: string | null;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
}

const COLUMNS = `"id", "status", "calcomBookingUid", "calcomEventId", "scheduledAt", "duration", "timezone",
  "meetingType", "location", "meetingUrl", "meetingPassword", "cancelledAt", "cancelledBy", "cancellationReason"`;

/** The application's booking row, locked until the transaction ends. */
export async function readBookingRowForUpdate(
  db: Queryable,
  applicationId: string,
): Promise<BookingRowState | null> {
  return (await readBookingRowsForUpdate(db, [applicationId])).get(applicationId) ?? null;
}

/** The booking rows of several applications, locked, by application id (none: not in the map). */
export async function readBookingRowsForUpdate(
  db: Queryable,
  applicationIds: readonly string[],
): Promise<Map<string, BookingRowState>> {
  if (applicationIds.length === 0) return new Map();
  const { rows } = await db.query<BookingRowState & { applicationId: string }>({
    name: "read-booking-rows-for-update",
    text: `SELECT "applicationId", ${COLUMNS} FROM "AuditionBooking" WHERE "applicationId" = ANY($1::text[]) FOR UPDATE`,
    values: [[...applicationIds]],
  });
  return new Map(rows.map(({ applicationId, ...row }) => [applicationId, row]));
}

export interface BookingRowWrite {
  parties: ApplicationParties;
  current: BookingRowState | null;
  folded: FoldedBooking;
  now: Date;
}

/**
 * Writes the folded state: inserts the application's row, or updates the fold-owned columns of the
 * existing one (notes stay). A new time resets both reminder flags, so a rescheduled audition is
 * reminded again (ARCHITECTURE: RESCHEDULED → reminders reset).
 */
export async function writeBookingRow(db: Queryable, write: BookingRowWrite): Promise<Booking> {
  return (await writeBookingRows(db, [write]))[0] as Booking;
}

/**
 * The same for several applications' rows (a batch of deliveries): one statement for the new rows,
 * one for the changed ones. Answered in the order given; one write per application.
 */
export async function writeBookingRows(
  db: Queryable,
  writes: readonly BookingRowWrite[],
): Promise<Booking[]> {
  const written = new Map<string, StoredRow>();
  const inserts = writes.filter((write) => !write.current);
  const updates = writes.filter((write) => write.current);
  if (updates.length > 0) {
    const { rows } = await db.query<StoredRow>({
      name: "update-booking-rows",
      text: `UPDATE "AuditionBooking" AS b SET
         "status" = v."status", "calcomBookingUid" = v."calcomBookingUid", "calcomEventId" = v."calcomEventId",
         "reminderSent24h" = CASE WHEN b."scheduledAt" = v."scheduledAt" THEN b."reminderSent24h" ELSE false END,
         "reminderSent1h" = CASE WHEN b."scheduledAt" = v."scheduledAt" THEN b."reminderSent1h" ELSE false END,
         "scheduledAt" = v."scheduledAt", "duration" = v."duration", "timezone" = v."timezone",
         "meetingType" = v."meetingType", "location" = v."location", "meetingUrl" = v."meetingUrl",
         "meetingPassword" = v."meetingPassword", "cancelledAt" = v."cancelledAt",
         "cancelledBy" = v."cancelledBy", "cancellationReason" = v."cancellationReason", "updatedAt" = v."updatedAt"
       FROM ${unnestAs(FOLDED_COLUMNS)}
       WHERE b."id" = v."id"
       RETURNING b.*`,
      values: foldedValues(updates, (write) => (write.current as BookingRowState).id),
    });
    for (const row of rows) written.set(row.applicationId, row);
  }
  if (inserts.length > 0) {
    const { rows } = await db.query<StoredRow>({
      name: "insert-booking-rows",
      text: `INSERT INTO "AuditionBooking"
         ("status", "calcomBookingUid", "calcomEventId", "scheduledAt", "duration", "timezone", "meetingType",
          "location", "meetingUrl", "meetingPassword", "cancelledAt", "cancelledBy", "cancellationReason",
          "createdAt", "updatedAt", "id", "applicationId", "talentUserId", "casterUserId", "castingCallId")
       SELECT v."status", v."calcomBookingUid", v."calcomEventId", v."scheduledAt", v."duration", v."timezone",
              v."meetingType", v."location", v."meetingUrl", v."meetingPassword", v."cancelledAt", v."cancelledBy",
              v."cancellationReason", v."updatedAt", v."updatedAt", v."id", v."applicationId", v."talentUserId",
              v."casterUserId", v."castingCallId"
         FROM ${unnestAs(FOLDED_COLUMNS.concat(PARTY_COLUMNS))}
       RETURNING *`,
      values: [...foldedValues(inserts, () => newId()), ...partiesValues(inserts)],
    });
    for (const row of rows) written.set(row.applicationId, row);
  }
  return writes.map((write) => {
    const row = written.get(write.parties.applicationId);
    if (!row)
      throw new Error(`the booking row of application ${write.parties.applicationId} was not written`);
    return viewOf(row, write.parties);
  });
}

/** The columns a batch write passes as parallel arrays (unnested as `v`), with their types. */
const FOLDED_COLUMNS: readonly [string, string][] = [
  ["id", "text"],
  ["status", "text"],
  ["calcomBookingUid", "text"],
  ["calcomEventId", "text"],
  ["scheduledAt", "timestamptz"],
  ["duration", "int"],
  ["timezone", "text"],
  ["meetingType", "text"],
  ["location", "text"],
  ["meetingUrl", "text"],
  ["meetingPassword", "text"],
  ["cancelledAt", "timestamptz"],
  ["cancelledBy", "text"],
  ["cancellationReason", "text"],
  ["updatedAt", "timestamptz"],
];
const PARTY_COLUMNS: readonly [string, string][] = [
  ["applicationId", "text"],
  ["talentUserId", "text"],
  ["casterUserId", "text"],
  ["castingCallId", "text"],
];

function unnestAs(columns: readonly [string, string][]): string {
  const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ");
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  return `unnest(${arrays}) AS v(${names})`;
}

function foldedValues(
  writes: readonly BookingRowWrite[],
  idOf: (write: BookingRowWrite) => string,
): unknown[] {
  const column = <T>(pick: (write: BookingRowWrite) => T) => writes.map(pick);
  return [
    column(idOf),
    column((w) => w.folded.status),
    column((w) => w.folded.calcomBookingUid),
    column((w) => w.folded.calcomEventId),
    column((w) => new Date(w.folded.schedule.scheduledAt).toISOString()),
    column((w) => w.folded.schedule.durationMinutes),
    column((w) => w.folded.schedule.timezone),
    column((w) => w.folded.meeting.meetingType),
    column((w) => w.folded.meeting.location),
    column((w) => w.folded.meeting.meetingUrl),
    column((w) => w.folded.meeting.meetingPassword),
    column((w) => (w.folded.cancelledAt ? new Date(w.folded.cancelledAt).toISOString() : null)),
    column((w) => w.folded.cancelledBy),
    column((w) => w.folded.cancellationReason),
    column((w) => w.now.toISOString()),
  ];
}

function partiesValues(writes: readonly BookingRowWrite[]): unknown[] {
  return [
    writes.map((w) => w.parties.applicationId),
    writes.map((w) => w.parties.talent.id),
    writes.map((w) => w.parties.caster.id),
    writes.map((w) => w.parties.castingCall.id),
  ];
}

/** Deletes the row and returns it as it was. */
export async function deleteBookingRow(
  db: Queryable,
  bookingId: string,
  parties: ApplicationParties,
): Promise<Booking | null> {
  const { rows } = await db.query<StoredRow>(`DELETE FROM "AuditionBooking" WHERE "id" = $1 RETURNING *`, [
    bookingId,
  ]);
  return rows[0] ? viewOf(rows[0], parties) : null;
}

type StoredRow = Omit<
  BookingViewRow,
  "talentName" | "talentEmail" | "casterName" | "casterEmail" | "castingCallTitle"
>;

/**
 * The booking view of a row just written, without reading it back: the names come from the
 * application's parties, read under the same lock. (The booking row's parties never change: one
 * row per application.)
 */
function viewOf(row: StoredRow, parties: ApplicationParties): Booking {
  return toBooking({
    ...row,
    talentName: parties.talent.name,
    talentEmail: parties.talent.email,
    casterName: parties.caster.name,
    casterEmail: parties.caster.email,
    castingCallTitle: parties.castingCall.title,
  });
}
