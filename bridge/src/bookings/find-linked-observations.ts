import type { Queryable } from "../db/queryable.ts";

export interface LinkedObservation {
  id: string;
  bookingUid: string | null;
  previousUid: string | null;
  applicationId: string | null;
  occurredAt: Date;
}

/** Observations that mention any of these Cal.com uids, as the booking uid or the uid it replaced. */
export async function findLinkedObservations(
  db: Queryable,
  uids: readonly string[],
): Promise<LinkedObservation[]> {
  if (uids.length === 0) return [];
  const { rows } = await db.query<LinkedObservation>({
    name: "find-linked-observations",
    text: `SELECT "id", "bookingUid", "previousUid", "applicationId", "occurredAt"
       FROM "BookingObservation"
      WHERE "bookingUid" = ANY($1::text[]) OR "previousUid" = ANY($1::text[])`,
    values: [[...uids]],
  });
  return rows;
}

/** The application of a booking row that already carries one of these uids (e.g. written by TakeOne). */
export async function findApplicationByBookingUid(
  db: Queryable,
  uids: readonly string[],
): Promise<string | null> {
  if (uids.length === 0) return null;
  const { rows } = await db.query<{ applicationId: string }>(
    `SELECT "applicationId" FROM "AuditionBooking" WHERE "calcomBookingUid" = ANY($1::text[]) LIMIT 1`,
    [[...uids]],
  );
  return rows[0]?.applicationId ?? null;
}

/** Puts unmapped observations into an application's chain. */
export async function assignObservationsToApplication(
  db: Queryable,
  applicationId: string,
  observationIds: readonly string[],
): Promise<void> {
  if (observationIds.length === 0) return;
  await db.query(
    `UPDATE "BookingObservation" SET "applicationId" = $1 WHERE "id" = ANY($2::uuid[]) AND "applicationId" IS NULL`,
    [applicationId, [...observationIds]],
  );
}

/**
 * Deliveries listed as unmapped whose observations are now folded into an existing application's
 * booking: they are marked applied, so the unmapped list shows only what still waits.
 */
export async function markDeliveriesFolded(
  db: Queryable,
  applicationId: string,
  observationIds: readonly string[],
  now: Date,
): Promise<void> {
  if (observationIds.length === 0) return;
  await db.query(
    `UPDATE "CalcomDelivery" AS d
        SET "applicationId" = $1, "outcome" = 'applied', "appliedAt" = $3, "error" = NULL
       FROM "BookingObservation" AS o
      WHERE o."id" = ANY($2::uuid[]) AND o."deliveryId" = d."id" AND d."outcome" = 'unmapped'`,
    [applicationId, [...observationIds], now],
  );
}

/**
 * Of these deliveries (answered `unmapped`), the ones whose observation has since joined an
 * existing application's chain, with that application (a later delivery of the same batch folded
 * them in; one by one, markDeliveriesFolded would have marked them).
 */
export async function findDeliveriesFoldedIn(
  db: Queryable,
  deliveryIds: readonly string[],
): Promise<Map<string, string>> {
  if (deliveryIds.length === 0) return new Map();
  const { rows } = await db.query<{ deliveryId: string; applicationId: string }>({
    name: "find-deliveries-folded-in",
    text: `SELECT o."deliveryId", o."applicationId"
       FROM "BookingObservation" o JOIN "Application" a ON a."id" = o."applicationId"
      WHERE o."deliveryId" = ANY($1::uuid[])`,
    values: [[...deliveryIds]],
  });
  return new Map(rows.map((row) => [row.deliveryId, row.applicationId]));
}
