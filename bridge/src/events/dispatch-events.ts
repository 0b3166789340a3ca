import type pg from "pg";
import type { Queryable } from "../db/queryable.ts";
import { withTransaction } from "../db/with-transaction.ts";
import type { Clock } from "../service/service-context.ts";
import { type ClaimedEvent, claimDueEvents, claimNextEventOfBooking } from "./claim-due-events.ts";
import { holdAfterGone, holdPendingEvents, isReceiverGone } from "./hold-events.ts";
import { planRetry } from "./plan-retry.ts";
import { type EventSigner, postEvent } from "./post-event.ts";
import { settleEvent } from "./settle-event.ts";

export interface DispatchOptions {
  db: pg.Pool;
  url: string;
  signer: EventSigner;
  clock: Clock;
  retryScheduleMs: readonly number[];
  requestTimeoutMs: number;
  /** events (= bookings) posted at once per round */
  batchSize?: number;
  /** stop between rounds (shutdown) */
  signal?: AbortSignal;
  random?: () => number;
}

export interface DispatchResult {
  delivered: number;
  retried: number;
  failed: number;
  /** events the receiver refused with 410 Gone (then every pending event is held too) */
  held: number;
}

/**
 * Delivers every outbound event that is due, in rounds: claim the oldest due event of up to
 * `batchSize` bookings, POST them in parallel, record each outcome; again until nothing is due.
 * A booking's next event becomes due only once this one is settled, which keeps per-booking order
 * while different bookings go out in parallel. A slow receiver slows only this loop, never the
 * transactions that record events.
 */
export async function dispatchDueEvents(options: DispatchOptions): Promise<DispatchResult> {
  const result: DispatchResult = { delivered: 0, retried: 0, failed: 0, held: 0 };
  const batchSize = options.batchSize ?? 50;
  // A claim outlives the longest possible attempt, so no other process takes an event in flight.
  const leaseMs = options.requestTimeoutMs + 30_000;
  if (await isReceiverGone(options.db)) {
    // Until an admin releases the held events, new ones join them instead of being sent.
    result.held += await holdPendingEvents(options.db);
    return result;
  }
  while (!options.signal?.aborted) {
    const claimed = await claimDueEvents(options.db, { now: options.clock.now(), limit: batchSize, leaseMs });
    if (claimed.length === 0) break;
    await Promise.all(claimed.map((event) => deliverBooking(options, event, leaseMs, result)));
  }
  return result;
}

/** The longest pause a receiver's Retry-After can impose on one retry. */
const RETRY_AFTER_MAX_MS = 6 * 3_600_000;

/** At most this many events of one booking back to back per round, so one busy booking cannot hold a round. */
const BURST_LIMIT = 50;

/** Delivers a booking's claimed head, then its next events while they are due and go through. */
async function deliverBooking(
  options: DispatchOptions,
  first: ClaimedEvent,
  leaseMs: number,
  result: DispatchResult,
): Promise<void> {
  let event: ClaimedEvent | null = first;
  for (let sent = 0; event; sent++) {
    const current: ClaimedEvent = event;
    const isLast = sent + 1 >= BURST_LIMIT || options.signal?.aborted === true;
    const outcome = await deliverOne(options, current, async (settle) => {
      // One commit records this delivery and claims the booking's next event.
      if (isLast) {
        await settle(options.db);
        return null;
      }
      return withTransaction(options.db, async (client) => {
        await settle(client);
        return claimNextEventOfBooking(client, {
          bookingId: current.bookingId,
          now: options.clock.now(),
          leaseMs,
        });
      });
    });
    result[outcome.kind] += 1;
    event = outcome.next;
  }
}

/**
 * One attempt of one event. A failure is recorded here; a success is recorded by `onDelivered`,
 * which may claim the booking's next event in the same commit and return it.
 */
async function deliverOne(
  options: DispatchOptions,
  event: ClaimedEvent,
  onDelivered: (settle: (db: Queryable) => Promise<void>) => Promise<ClaimedEvent | null>,
): Promise<{ kind: keyof DispatchResult; next: ClaimedEvent | null }> {
  const now = options.clock.now();
  const response = await postEvent({
    url: options.url,
    signer: options.signer,
    id: event.id,
    body: serializeEvent(event.payload),
    now,
    timeoutMs: options.requestTimeoutMs,
  });
  if (response.isDelivered) {
    const settle = (db: Queryable) =>
      settleEvent(db, {
        id: event.id,
        outcome: "delivered",
        status: response.status ?? 200,
        now: options.clock.now(),
      });
    return { kind: "delivered", next: await onDelivered(settle) };
  }
  const error = response.error ?? "failed";
  if (response.status === 410) {
    // 410 Gone: the receiver asks not to be sent events any more (Svix disables such an endpoint).
    // Nothing is dropped: this event and every pending one are held until an admin releases them
    // (`takeone-cal events release`) or the bridge starts again with TAKEONE_EVENTS_URL set.
    await holdAfterGone(options.db, {
      id: event.id,
      error: `${error}: the receiver asked to stop; held until released (takeone-cal events release)`,
    });
    return { kind: "held", next: null };
  }
  const nextAttemptAt = planRetry({
    attempt: event.attempts,
    scheduleMs: options.retryScheduleMs,
    now: options.clock.now(),
    ...(options.random ? { random: options.random } : {}),
  });
  if (nextAttemptAt && response.retryAfterMs !== undefined) {
    // The receiver asked for a pause (Standard Webhooks: honour Retry-After); never wait longer
    // than RETRY_AFTER_MAX_MS on its word, and never sooner than our own schedule.
    const asked = options.clock.now().getTime() + Math.min(response.retryAfterMs, RETRY_AFTER_MAX_MS);
    if (asked > nextAttemptAt.getTime()) nextAttemptAt.setTime(asked);
  }
  if (nextAttemptAt) {
    await settleEvent(options.db, {
      id: event.id,
      outcome: "retry",
      status: response.status,
      error,
      nextAttemptAt,
    });
    return { kind: "retried", next: null };
  }
  await settleEvent(options.db, { id: event.id, outcome: "failed", status: response.status, error });
  return { kind: "failed", next: null };
}

/** The body in the documented key order `{"type","timestamp","data"}` (jsonb does not keep key order). */
export function serializeEvent(payload: unknown): string {
  const { type, timestamp, data, ...rest } = payload as Record<string, unknown>;
  return JSON.stringify({ type, timestamp, data, ...rest });
}
