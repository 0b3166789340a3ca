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
  return (await readChains(db, [applicationId])).get(applicationId) ?? [];
}

/** The chains of several applications in one round trip, by application id. */
export async function readChains(
  db: Queryable,
  applicationIds: readonly string[],
): Promise<Map<string, Observation[]>> {
  const chains = new Map<string, Observation[]>();
  if (applicationIds.length === 0) return chains;
  const { rows } = await db.query<ObservationRow>({
    name: "read-chains",
    text: `SELECT "id", "dedupeKey", "source", "kind", "occurredAt", "bookingUid", "previousUid", "applicationId", "data"
       FROM "BookingObservation" WHERE "applicationId" = ANY($1::text[])`,
    values: [[...applicationIds]],
  });
  for (const row of rows) {
    const applicationId = row.applicationId as string;
    const chain = chains.get(applicationId) ?? [];
    chain.push({
      ...row,
      kind: observationKindSchema.parse(row.kind),
      data: observationDataSchema.parse(row.data),
    });
    chains.set(applicationId, chain);
  }
  return chains;
}
