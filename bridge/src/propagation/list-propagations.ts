import type { Queryable } from "../db/queryable.ts";

export const PROPAGATION_STATUSES = ["pending", "done", "failed"] as const;
export type PropagationStatus = (typeof PROPAGATION_STATUSES)[number];

export interface PropagationSummary {
  id: string;
  bookingId: string;
  calcomBookingUid: string;
  action: string;
  status: PropagationStatus;
  attempts: number;
  lastError: string | null;
  resultUid: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Changes to carry to Cal.com, newest first; only those in `status` when given. */
export async function listPropagations(
  db: Queryable,
  args: { status?: PropagationStatus; limit: number },
): Promise<PropagationSummary[]> {
  const { rows } = await db.query<PropagationSummary>(
    `SELECT "id", "bookingId", "calcomBookingUid", "action", "status", "attempts", "lastError", "resultUid",
            "nextAttemptAt", "createdAt"
       FROM "CalcomPropagation"
      WHERE $1::text IS NULL OR "status" = $1
      ORDER BY "sequence" DESC
      LIMIT $2`,
    [args.status ?? null, args.limit],
  );
  return rows;
}

/** How many changes are in each status. */
export async function countPropagationsByStatus(db: Queryable): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; count: string }>(
    `SELECT "status", count(*)::text AS "count" FROM "CalcomPropagation" GROUP BY "status"`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/**
 * Puts failed changes back in line (the given ids, or every failed one): pending, attempts from
 * zero, due now. The job sends each again through propagateBookingChange, which reads the Cal.com
 * booking first; a change Cal.com can no longer take (a reschedule of a booking cancelled since)
 * fails again with Cal.com's reason.
 */
export async function retryFailedPropagations(
  db: Queryable,
  args: { ids?: string[]; allFailed?: boolean; now: Date },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE "CalcomPropagation"
        SET "status" = 'pending', "attempts" = 0, "nextAttemptAt" = $1, "updatedAt" = $1
      WHERE "status" = 'failed' AND ("id"::text = ANY($2::text[]) OR $3)
      RETURNING "id"`,
    [args.now, args.ids ?? [], args.allFailed ?? false],
  );
  return rows.map((row) => row.id);
}
