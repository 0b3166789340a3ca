import type { Queryable } from "../db/queryable.ts";

/**
 * Puts events back in line for delivery: the given ids (any status), or with `allFailed` every
 * dead-lettered one. The attempt count starts again and the next dispatch round sends them, with
 * their original id, so a receiver that already has one recognises it. A redelivered event may
 * reach TakeOne after newer events of its booking; `data.updatedAt` tells which state is newer.
 */
export async function redeliverEvents(
  db: Queryable,
  args: { ids?: string[]; allFailed?: boolean; now: Date },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE "OutboxEvent"
        SET "status" = 'pending', "attempts" = 0, "nextAttemptAt" = $1, "deliveredAt" = NULL
      WHERE ("id" = ANY($2::text[])) OR ($3 AND "status" = 'failed')
      RETURNING "id"`,
    [args.now, args.ids ?? [], args.allFailed ?? false],
  );
  return rows.map((row) => row.id);
}
