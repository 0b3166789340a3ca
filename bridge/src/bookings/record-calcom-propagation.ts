import type { Queryable } from "../db/queryable.ts";

export interface CalcomPropagationInput {
  bookingId: string;
  calcomBookingUid: string;
  action: "cancel" | "reschedule";
  /** what to send: the reason and who, or the new start and duration */
  data: Record<string, unknown>;
}

/**
 * Records, in the caller's transaction, that a change made through the API must be carried to
 * Cal.com (API v2 cancel / reschedule). The local change commits with it, so it is never lost if
 * Cal.com is down; a job sends pending rows (not part of this module).
 */
export async function recordCalcomPropagation(db: Queryable, input: CalcomPropagationInput): Promise<void> {
  await db.query(
    `INSERT INTO "CalcomPropagation" ("bookingId", "calcomBookingUid", "action", "data") VALUES ($1, $2, $3, $4)`,
    [input.bookingId, input.calcomBookingUid, input.action, JSON.stringify(input.data)],
  );
}
