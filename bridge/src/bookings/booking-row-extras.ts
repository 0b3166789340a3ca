import type { Queryable } from "../db/queryable.ts";

/**
 * Writes the columns of a booking row that belong to the row, not to its chain of observations
 * (fold-booking.ts): the notes. `undefined` leaves a column as it is.
 */
export async function writeBookingNotes(
  db: Queryable,
  args: { bookingId: string; casterNotes?: string | null; talentNotes?: string | null; now: Date },
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [args.bookingId, args.now];
  if (args.casterNotes !== undefined) {
    values.push(args.casterNotes);
    sets.push(`"casterNotes" = $${values.length}`);
  }
  if (args.talentNotes !== undefined) {
    values.push(args.talentNotes);
    sets.push(`"talentNotes" = $${values.length}`);
  }
  if (sets.length === 0) return;
  await db.query(`UPDATE "AuditionBooking" SET ${sets.join(", ")}, "updatedAt" = $2 WHERE "id" = $1`, values);
}

/**
 * A booking that replaces a cancelled or rejected one of the same application reuses its row
 * (AuditionBooking.applicationId is unique): it starts with the new caster notes, no talent notes
 * and no reminder sent.
 */
export async function resetReplacedBooking(
  db: Queryable,
  args: { bookingId: string; casterNotes: string | null },
): Promise<void> {
  await db.query(
    `UPDATE "AuditionBooking"
        SET "casterNotes" = $2, "talentNotes" = NULL, "reminderSent24h" = false, "reminderSent1h" = false
      WHERE "id" = $1`,
    [args.bookingId, args.casterNotes],
  );
}

/** The observation stored under a dedupe key (an API request's Idempotency-Key), if any. */
export async function readObservationByKey(
  db: Queryable,
  dedupeKey: string,
): Promise<{ applicationId: string | null; kind: string } | undefined> {
  const { rows } = await db.query<{ applicationId: string | null; kind: string }>(
    `SELECT "applicationId", "kind" FROM "BookingObservation" WHERE "dedupeKey" = $1`,
    [dedupeKey],
  );
  return rows[0];
}
