import type { Queryable } from "../db/queryable.ts";
import type { ObservationInput } from "./observation.ts";

/**
 * Stores an observation unless one with its dedupe key exists. A concurrent insert of the same key
 * waits on the unique index until the first commits, then finds it: one fact, stored once.
 */
export async function insertObservation(
  db: Queryable,
  input: ObservationInput,
): Promise<{ id: string; isNew: boolean; applicationId: string | null }> {
  const inserted = await db.query<{ id: string }>({
    name: "insert-observation",
    text: `INSERT INTO "BookingObservation"
       ("dedupeKey", "source", "kind", "occurredAt", "bookingUid", "previousUid", "applicationId", "deliveryId", "data")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ("dedupeKey") DO NOTHING
     RETURNING "id"`,
    values: [
      input.dedupeKey,
      input.source,
      input.kind,
      input.occurredAt,
      input.bookingUid,
      input.previousUid,
      input.applicationId,
      input.deliveryId ?? null,
      JSON.stringify(input.data),
    ],
  });
  const id = inserted.rows[0]?.id;
  if (id) return { id, isNew: true, applicationId: input.applicationId };
  const existing = await db.query<{ id: string; applicationId: string | null }>({
    name: "find-observation-by-key",
    text: `SELECT "id", "applicationId" FROM "BookingObservation" WHERE "dedupeKey" = $1`,
    values: [input.dedupeKey],
  });
  const row = existing.rows[0];
  if (!row) throw new Error(`observation ${input.dedupeKey} neither inserted nor found`);
  return { id: row.id, isNew: false, applicationId: row.applicationId };
}
