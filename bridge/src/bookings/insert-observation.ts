import { newId } from "../db/new-id.ts";
import type { Queryable } from "../db/queryable.ts";
import type { ObservationInput } from "./observation.ts";

export interface StoredObservation {
  id: string;
  /** false when an observation with its dedupe key was already stored (that one is returned) */
  isNew: boolean;
  applicationId: string | null;
}

/**
 * Stores an observation unless one with its dedupe key exists. A concurrent insert of the same key
 * waits on the unique index until the first commits, then finds it: one fact, stored once.
 */
export async function insertObservation(db: Queryable, input: ObservationInput): Promise<StoredObservation> {
  return (await insertObservations(db, [input]))[0] as StoredObservation;
}

/**
 * The same for several observations in one statement (a batch of deliveries), answered in the
 * order given. Their dedupe keys must differ from each other.
 */
export async function insertObservations(
  db: Queryable,
  inputs: readonly ObservationInput[],
): Promise<StoredObservation[]> {
  if (inputs.length === 0) return [];
  const inserted = await db.query<{ id: string; dedupeKey: string }>({
    name: "insert-observations",
    text: `INSERT INTO "BookingObservation"
       ("dedupeKey", "source", "kind", "occurredAt", "bookingUid", "previousUid", "applicationId", "deliveryId", "data",
        "id")
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[],
                          $7::text[], $8::uuid[], $9::jsonb[], $10::uuid[])
     ON CONFLICT ("dedupeKey") DO NOTHING
     RETURNING "id", "dedupeKey"`,
    values: [
      inputs.map((input) => input.dedupeKey),
      inputs.map((input) => input.source),
      inputs.map((input) => input.kind),
      inputs.map((input) => input.occurredAt.toISOString()),
      inputs.map((input) => input.bookingUid),
      inputs.map((input) => input.previousUid),
      inputs.map((input) => input.applicationId),
      inputs.map((input) => input.deliveryId ?? null),
      inputs.map((input) => JSON.stringify(input.data)),
      inputs.map(() => newId()),
    ],
  });
  const newIds = new Map(inserted.rows.map((row) => [row.dedupeKey, row.id]));
  const repeated = inputs.filter((input) => !newIds.has(input.dedupeKey)).map((input) => input.dedupeKey);
  const existing = new Map<string, { id: string; applicationId: string | null }>();
  if (repeated.length > 0) {
    const { rows } = await db.query<{ id: string; dedupeKey: string; applicationId: string | null }>({
      name: "find-observations-by-key",
      text: `SELECT "id", "dedupeKey", "applicationId" FROM "BookingObservation" WHERE "dedupeKey" = ANY($1::text[])`,
      values: [repeated],
    });
    for (const row of rows) existing.set(row.dedupeKey, row);
  }
  return inputs.map((input) => {
    const id = newIds.get(input.dedupeKey);
    if (id) return { id, isNew: true, applicationId: input.applicationId };
    const found = existing.get(input.dedupeKey);
    if (!found) throw new Error(`observation ${input.dedupeKey} neither inserted nor found`);
    return { id: found.id, isNew: false, applicationId: found.applicationId };
  });
}
