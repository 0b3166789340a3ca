import { z } from "zod";
import { isRetryableCalcomError } from "../calcom/index.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { planRetry } from "../events/index.ts";
import { AppError } from "../http/app-error.ts";
import { type ClaimedPropagation, claimDuePropagations } from "./claim-due-propagations.ts";
import {
  type BookingChangeToCarry,
  type PropagationDeps,
  propagateBookingChange,
} from "./propagate-booking-change.ts";
import { settlePropagation } from "./settle-propagation.ts";

/**
 * How long a claimed propagation is left alone before another process may take it over. It must
 * outlive a whole attempt: up to three Cal.com calls, each up to 4 tries of 15 s with backoff and
 * Retry-After waits of up to 65 s (calcom/api/create-calcom-transport.ts defaults), about 10 minutes.
 */
export const PROPAGATION_LEASE_MS = 15 * 60_000;

export interface SendPropagationsOptions extends PropagationDeps {
  /** pauses before each retry, then failed (PROPAGATION_RETRY_SCHEDULE_MS) */
  retryScheduleMs: readonly number[];
  /** bookings carried at once per round (Cal.com rate-limits per key) */
  batchSize?: number;
  leaseMs?: number;
  /** stop between rounds (shutdown) */
  signal?: AbortSignal;
  random?: () => number;
}

export interface SendPropagationsResult {
  done: number;
  retried: number;
  failed: number;
}

const cancelDataSchema = z.object({ reason: z.string().nullish() });
const rescheduleDataSchema = z.object({ start: z.coerce.date() });

/** Cal.com's cancellationReason when the caster gave none: a host cancelling needs one (calcom-facts §4.4). */
const DEFAULT_CANCEL_REASON = "Cancelled in TakeOne";

/**
 * Carries every due pending change (CalcomPropagation, recorded by the bookings API) to Cal.com, in
 * rounds: claim the oldest due change of up to `batchSize` bookings, carry them in parallel, record
 * each outcome; again until nothing is due. A booking's next change becomes due only once this one
 * is settled, so a booking's changes reach Cal.com in order while different bookings go in parallel.
 *
 * Outcomes: Cal.com made the change (or had it already) → done, with the uid of Cal.com's booking
 * after it; a retryable failure (rate limit, outage, timeout; isRetryableCalcomError) or an
 * unexpected error (e.g. our database) → tried again on the schedule, then failed; a refusal that
 * will not change by retrying (400, bad key, unknown booking) → failed at once, its reason kept.
 * The local booking is never rolled back: a failed row is the visible record that Cal.com differs.
 */
export async function sendPendingPropagations(
  options: SendPropagationsOptions,
): Promise<SendPropagationsResult> {
  const result: SendPropagationsResult = { done: 0, retried: 0, failed: 0 };
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? PROPAGATION_LEASE_MS;
  while (!options.signal?.aborted) {
    const claimed = await claimDuePropagations(options.pool, {
      now: options.clock.now(),
      limit: batchSize,
      leaseMs,
    });
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((row) => sendOne(options, row)));
    for (const outcome of outcomes) result[outcome] += 1;
  }
  return result;
}

async function sendOne(
  options: SendPropagationsOptions,
  row: ClaimedPropagation,
): Promise<keyof SendPropagationsResult> {
  let change: BookingChangeToCarry;
  try {
    change = toChange(row);
  } catch (error) {
    await settlePropagation(options.pool, {
      id: row.id,
      outcome: "failed",
      error: `unreadable change: ${describe(error)}`,
      now: options.clock.now(),
    });
    return "failed";
  }
  try {
    const carried = await propagateBookingChange(options, change);
    await withTransaction(options.pool, (db) =>
      settlePropagation(db, {
        id: row.id,
        outcome: "done",
        bookingId: row.bookingId,
        sequence: row.sequence,
        calcomBookingUid: row.calcomBookingUid,
        resultUid: carried.calcomBookingUid,
        now: options.clock.now(),
      }),
    );
    return "done";
  } catch (error) {
    const error_ = describe(error);
    // An AppError that is not retryable is Cal.com's considered answer (or a bad key): retrying
    // cannot change it. Anything else (a timeout, a 5xx, our own database) may pass.
    const isWorthRetrying = !(error instanceof AppError) || isRetryableCalcomError(error);
    const nextAttemptAt = isWorthRetrying
      ? planRetry({
          attempt: row.attempts,
          scheduleMs: options.retryScheduleMs,
          now: options.clock.now(),
          ...(options.random ? { random: options.random } : {}),
        })
      : null;
    if (nextAttemptAt) {
      await settlePropagation(options.pool, {
        id: row.id,
        outcome: "retry",
        error: error_,
        nextAttemptAt,
        now: options.clock.now(),
      });
      return "retried";
    }
    await settlePropagation(options.pool, {
      id: row.id,
      outcome: "failed",
      error: error_,
      now: options.clock.now(),
    });
    return "failed";
  }
}

/** The row's `data` (written by bookings/record-calcom-propagation.ts) as the change to carry. */
function toChange(row: ClaimedPropagation): BookingChangeToCarry {
  if (row.action === "cancel") {
    const data = cancelDataSchema.parse(row.data);
    return {
      kind: "cancel",
      calcomBookingUid: row.calcomBookingUid,
      reason: data.reason || DEFAULT_CANCEL_REASON,
    };
  }
  // Cal.com's reschedule takes a new start only; the event type fixes the length (calcom-facts §4.4).
  const data = rescheduleDataSchema.parse(row.data);
  return {
    kind: "reschedule",
    calcomBookingUid: row.calcomBookingUid,
    start: data.start,
    ...(row.byEmail ? { rescheduledBy: row.byEmail } : {}),
  };
}

function describe(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
