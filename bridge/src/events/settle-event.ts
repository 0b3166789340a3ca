import type { Queryable } from "../db/queryable.ts";

/** Records the outcome of one attempt. Errors are cut to a readable length; bodies are never stored. */
export async function settleEvent(
  db: Queryable,
  args:
    | { id: string; outcome: "delivered"; status: number; now: Date }
    | { id: string; outcome: "retry"; status?: number; error: string; nextAttemptAt: Date }
    | { id: string; outcome: "failed"; status?: number; error: string }
    | { id: string; outcome: "held"; status: number; error: string },
): Promise<void> {
  if (args.outcome === "delivered") {
    await db.query(
      `UPDATE "OutboxEvent" SET "status" = 'delivered', "deliveredAt" = $2, "lastStatus" = $3, "lastError" = NULL
        WHERE "id" = $1`,
      [args.id, args.now, args.status],
    );
    return;
  }
  const error = args.error.slice(0, 500);
  if (args.outcome === "retry") {
    await db.query(
      `UPDATE "OutboxEvent" SET "nextAttemptAt" = $2, "lastStatus" = $3, "lastError" = $4 WHERE "id" = $1`,
      [args.id, args.nextAttemptAt, args.status ?? null, error],
    );
    return;
  }
  await db.query(
    `UPDATE "OutboxEvent" SET "status" = $4, "lastStatus" = $2, "lastError" = $3 WHERE "id" = $1`,
    [args.id, args.status ?? null, error, args.outcome],
  );
}
