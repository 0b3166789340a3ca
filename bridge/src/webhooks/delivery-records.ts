import { newId } from "../db/new-id.ts";
import type { Queryable } from "../db/queryable.ts";

/** What became of a delivery; the webhook answer's `outcome` and CalcomDelivery.outcome. */
export const DELIVERY_OUTCOMES = [
  "applied",
  "duplicate",
  "stale",
  "unmapped",
  "ignored",
  "invalid",
  "failed",
] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export interface DeliveryRecord {
  id: string;
  source: "webhook" | "crm";
  receivedAt: Date;
  triggerEvent: string;
  bookingUid: string | null;
  envelopeCreatedAt: Date | null;
  bodySha256: string;
  rawBody: Buffer;
  headers: Record<string, string>;
  outcome: DeliveryOutcome;
  error: string | null;
  applicationId: string | null;
  appliedAt: Date | null;
}

export type NewDelivery = Omit<DeliveryRecord, "id" | "appliedAt">;

export async function insertDelivery(db: Queryable, delivery: NewDelivery): Promise<{ id: string }> {
  return (await insertDeliveries(db, [delivery]))[0] as { id: string };
}

/**
 * Stores several deliveries in one statement (a batch); their ids in the order given. A batch
 * passes the ids it gave its observations, and each delivery's outcome as applied.
 */
export async function insertDeliveries(
  db: Queryable,
  deliveries: readonly (NewDelivery & { id?: string; appliedAt?: Date | null })[],
): Promise<{ id: string }[]> {
  if (deliveries.length === 0) return [];
  const column = <T>(pick: (delivery: (typeof deliveries)[number]) => T) => deliveries.map(pick);
  const ids = deliveries.map((delivery) => delivery.id ?? newId());
  await db.query({
    name: "insert-deliveries",
    text: `INSERT INTO "CalcomDelivery"
       ("id", "source", "receivedAt", "triggerEvent", "bookingUid", "envelopeCreatedAt", "bodySha256", "rawBody",
        "headers", "outcome", "error", "applicationId", "appliedAt")
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[],
                          $7::text[], $8::bytea[], $9::jsonb[], $10::text[], $11::text[], $12::text[],
                          $13::timestamptz[])`,
    values: [
      ids,
      column((d) => d.source),
      column((d) => d.receivedAt.toISOString()),
      column((d) => d.triggerEvent),
      column((d) => d.bookingUid),
      column((d) => (d.envelopeCreatedAt === null ? null : new Date(d.envelopeCreatedAt).toISOString())),
      column((d) => d.bodySha256),
      column((d) => d.rawBody),
      column((d) => JSON.stringify(d.headers)),
      column((d) => d.outcome),
      column((d) => d.error),
      column((d) => d.applicationId),
      column((d) => d.appliedAt?.toISOString() ?? null),
    ],
  });
  return ids.map((id) => ({ id }));
}

export interface DeliveryOutcomeUpdate {
  outcome: DeliveryOutcome;
  applicationId: string | null;
  error?: string | null;
  appliedAt: Date | null;
}

export async function setDeliveryOutcome(
  db: Queryable,
  id: string,
  result: DeliveryOutcomeUpdate,
): Promise<void> {
  await setDeliveryOutcomes(db, [{ id, ...result }]);
}

/** Records what became of several deliveries in one statement. */
export async function setDeliveryOutcomes(
  db: Queryable,
  results: readonly (DeliveryOutcomeUpdate & { id: string })[],
): Promise<void> {
  if (results.length === 0) return;
  await db.query({
    name: "set-delivery-outcomes",
    text: `UPDATE "CalcomDelivery" AS d
        SET "outcome" = r."outcome", "applicationId" = COALESCE(r."applicationId", d."applicationId"),
            "error" = r."error", "appliedAt" = COALESCE(r."appliedAt", d."appliedAt")
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
            AS r("id", "outcome", "applicationId", "error", "appliedAt")
      WHERE d."id" = r."id"`,
    values: [
      results.map((r) => r.id),
      results.map((r) => r.outcome),
      results.map((r) => r.applicationId),
      results.map((r) => r.error ?? null),
      results.map((r) => r.appliedAt?.toISOString() ?? null),
    ],
  });
}

export async function readDelivery(db: Queryable, id: string): Promise<DeliveryRecord | null> {
  const { rows } = await db.query<DeliveryRecord>(`SELECT * FROM "CalcomDelivery" WHERE "id" = $1`, [id]);
  return rows[0] ?? null;
}

export interface ListDeliveriesFilter {
  outcome?: DeliveryOutcome;
  since?: Date;
  limit: number;
}

/** Newest first, without the raw body. */
export async function listDeliveries(
  db: Queryable,
  filter: ListDeliveriesFilter,
): Promise<Omit<DeliveryRecord, "rawBody" | "headers">[]> {
  const { rows } = await db.query<Omit<DeliveryRecord, "rawBody" | "headers">>(
    `SELECT "id", "source", "receivedAt", "triggerEvent", "bookingUid", "envelopeCreatedAt", "bodySha256",
            "outcome", "error", "applicationId", "appliedAt"
       FROM "CalcomDelivery"
      WHERE ($1::text IS NULL OR "outcome" = $1) AND ($2::timestamptz IS NULL OR "receivedAt" >= $2)
      ORDER BY "receivedAt" DESC, "id" DESC
      LIMIT $3`,
    [filter.outcome ?? null, filter.since ?? null, filter.limit],
  );
  return rows;
}

/** Ids of deliveries waiting for their application, oldest first. */
export async function listUnmappedDeliveryIds(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT "id" FROM "CalcomDelivery" WHERE "outcome" = 'unmapped' ORDER BY "receivedAt", "id" LIMIT $1`,
    [limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Unmapped deliveries whose application exists now (TakeOne created it after Cal.com's webhook
 * came), oldest first: what the periodic replay applies. Deliveries naming no application at all
 * wait for their chain instead, and are folded in when a delivery of the chain arrives.
 */
export async function listDeliveriesWhoseApplicationExists(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT d."id"
       FROM "CalcomDelivery" d
       JOIN "BookingObservation" o ON o."deliveryId" = d."id"
      WHERE d."outcome" = 'unmapped'
        AND EXISTS (SELECT 1 FROM "Application" a WHERE a."id" = o."applicationId")
      ORDER BY d."receivedAt", d."id"
      LIMIT $1`,
    [limit],
  );
  return rows.map((row) => row.id);
}
