import type { Queryable } from "../db/queryable.ts";
import { type Observation, observationDataSchema, observationKindSchema } from "./observation.ts";

interface ObservationRow {
  id: string;
  dedupeKey: string;
  source: Observation["source"];
  kind: string;
  occurredAt: Date;
  bookingUid: string | null;
  previousUid: string | null;
  applicationId: string | null;
  data: unknown;
}

/** Every observation of an application's chain, in no particular order (the fold sorts). */
export async function readChain(db: Queryable, applicationId: string): Promise<Observation[]> {
  const { rows } = await db.query<ObservationRow>({
    name: "read-chain",
    text: `SELECT "id", "dedupeKey", "source", "kind", "occurredAt", "bookingUid", "previousUid", "applicationId", "data"
       FROM "BookingObservation" WHERE "applicationId" = $1`,
    values: [applicationId],
  });
  return rows.map((row) => ({
    ...row,
    kind: observationKindSchema.parse(row.kind),
    data: observationDataSchema.parse(row.data),
  }));
}
