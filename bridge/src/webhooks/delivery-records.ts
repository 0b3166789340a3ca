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
  const { rows } = await db.query<{ id: string }>({
    name: "insert-delivery",
    text: `INSERT INTO "CalcomDelivery"
       ("source", "receivedAt", "triggerEvent", "bookingUid", "envelopeCreatedAt", "bodySha256", "rawBody",
        "headers", "outcome", "error", "applicationId")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING "id"`,
    values: [
      delivery.source,
      delivery.receivedAt,
      delivery.triggerEvent,
      delivery.bookingUid,
      delivery.envelopeCreatedAt,
      delivery.bodySha256,
      delivery.rawBody,
      JSON.stringify(delivery.headers),
      delivery.outcome,
      delivery.error,
      delivery.applicationId,
    ],
  });
  return { id: (rows[0] as { id: string }).id };
}

export async function setDeliveryOutcome(
  db: Queryable,
  id: string,
  result: {
    outcome: DeliveryOutcome;
    applicationId: string | null;
    error?: string | null;
    appliedAt: Date | null;
  },
): Promise<void> {
  await db.query({
    name: "set-delivery-outcome",
    text: `UPDATE "CalcomDelivery"
        SET "outcome" = $2, "applicationId" = COALESCE($3, "applicationId"), "error" = $4,
            "appliedAt" = COALESCE($5, "appliedAt")
      WHERE "id" = $1`,
    values: [id, result.outcome, result.applicationId, result.error ?? null, result.appliedAt],
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
