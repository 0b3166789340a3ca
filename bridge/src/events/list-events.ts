import type { Queryable } from "../db/queryable.ts";

export interface OutboxEventSummary {
  id: string;
  type: string;
  bookingId: string;
  sequence: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Outbound events, newest first; only failed (dead-lettered) ones with `status`. */
export async function listEvents(
  db: Queryable,
  args: { status?: "pending" | "delivered" | "failed" | "held"; limit: number },
): Promise<OutboxEventSummary[]> {
  const { rows } = await db.query<OutboxEventSummary>(
    `SELECT "id", "type", "bookingId", "sequence"::text AS "sequence", "status", "attempts", "lastStatus",
            "lastError", "nextAttemptAt", "deliveredAt", "createdAt"
       FROM "OutboxEvent"
      WHERE $1::text IS NULL OR "status" = $1
      ORDER BY "sequence" DESC
      LIMIT $2`,
    [args.status ?? null, args.limit],
  );
  return rows;
}

/** How many events are in each status. */
export async function countEventsByStatus(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; count: string }>(
    `SELECT "status", count(*)::text AS "count" FROM "OutboxEvent" GROUP BY "status"`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
