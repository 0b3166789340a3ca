import { randomUUID } from "node:crypto";
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
  const { rows } = await db.query<BookingRowState>({
    name: "read-booking-row-for-update",
    text: `SELECT ${COLUMNS} FROM "AuditionBooking" WHERE "applicationId" = $1 FOR UPDATE`,
    values: [applicationId],
  });
  return rows[0] ?? null;
}

/**
 * Writes the folded state: inserts the application's row, or updates the fold-owned columns of the
 * existing one (notes stay). A new time resets both reminder flags, so a rescheduled audition is
 * reminded again (ARCHITECTURE: RESCHEDULED → reminders reset).
 */
export async function writeBookingRow(
  db: Queryable,
  args: { parties: ApplicationParties; current: BookingRowState | null; folded: FoldedBooking; now: Date },
): Promise<Booking> {
  const { parties, current, folded, now } = args;
  const values = [
    folded.status,
    folded.calcomBookingUid,
    folded.calcomEventId,
    new Date(folded.schedule.scheduledAt),
    folded.schedule.durationMinutes,
    folded.schedule.timezone,
    folded.meeting.meetingType,
    folded.meeting.location,
    folded.meeting.meetingUrl,
    folded.meeting.meetingPassword,
    folded.cancelledAt ? new Date(folded.cancelledAt) : null,
    folded.cancelledBy,
    folded.cancellationReason,
    now,
  ];
  if (current) {
    const { rows } = await db.query<StoredRow>({
      name: "update-booking-row",
      text: `UPDATE "AuditionBooking" SET
         "status" = $1, "calcomBookingUid" = $2, "calcomEventId" = $3,
         "reminderSent24h" = CASE WHEN "scheduledAt" = $4 THEN "reminderSent24h" ELSE false END,
         "reminderSent1h" = CASE WHEN "scheduledAt" = $4 THEN "reminderSent1h" ELSE false END,
         "scheduledAt" = $4, "duration" = $5, "timezone" = $6, "meetingType" = $7, "location" = $8,
         "meetingUrl" = $9, "meetingPassword" = $10, "cancelledAt" = $11, "cancelledBy" = $12,
         "cancellationReason" = $13, "updatedAt" = $14
       WHERE "id" = $15
       RETURNING *`,
      values: [...values, current.id],
    });
    return viewOf(rows[0] as StoredRow, parties);
  }
  const id = randomUUID();
  const { rows } = await db.query<StoredRow>({
    name: "insert-booking-row",
    text: `INSERT INTO "AuditionBooking"
       ("status", "calcomBookingUid", "calcomEventId", "scheduledAt", "duration", "timezone", "meetingType",
        "location", "meetingUrl", "meetingPassword", "cancelledAt", "cancelledBy", "cancellationReason",
        "createdAt", "updatedAt", "id", "applicationId", "talentUserId", "casterUserId", "castingCallId")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18, $19)
     RETURNING *`,
    values: [
      ...values,
      id,
      parties.applicationId,
      parties.talent.id,
      parties.caster.id,
      parties.castingCall.id,
    ],
  });
  return viewOf(rows[0] as StoredRow, parties);
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
