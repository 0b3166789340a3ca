import type pg from "pg";
import { applyObservation, settleObservation } from "../bookings/apply-observation.ts";
import { isDatabaseUnavailable } from "../db/is-database-unavailable.ts";
import { withTransaction } from "../db/with-transaction.ts";
import { AppError } from "../http/app-error.ts";
import type { Clock } from "../service/service-context.ts";
import {
  type DeliveryOutcome,
  listDeliveriesWhoseApplicationExists,
  listUnmappedDeliveryIds,
  readDelivery,
  setDeliveryOutcome,
} from "./delivery-records.ts";
import { observeCalcomWebhook } from "./observe-calcom-webhook.ts";
import { CalcomPayloadError, parseCalcomWebhook } from "./parse-calcom-webhook.ts";

export interface ReplayDeps {
  pool: pg.Pool;
  clock: Clock;
  /** CALCOM_APPLICATION_FIELD */
  applicationField: string;
}

export interface ReplayResult {
  deliveryId: string;
  triggerEvent: string;
  /** what the delivery was before the replay */
  previousOutcome: DeliveryOutcome;
  outcome: DeliveryOutcome;
  applicationId: string | null;
}

/**
 * Applies a stored delivery again, from its stored raw bytes (verified when it arrived): an
 * unmapped one whose application now exists, or a failed one after the cause was fixed. Replaying
 * is always safe: its observation is the same fact (same dedupe key), so the booking is refolded,
 * never changed twice.
 */
export async function replayDelivery(deps: ReplayDeps, deliveryId: string): Promise<ReplayResult> {
  const delivery = await readDelivery(deps.pool, deliveryId);
  if (!delivery) throw new AppError("NOT_FOUND", `No delivery ${deliveryId}.`);
  const base = {
    deliveryId,
    triggerEvent: delivery.triggerEvent,
    previousOutcome: delivery.outcome,
  };

  let observation: ReturnType<typeof observeCalcomWebhook>;
  try {
    observation = observeCalcomWebhook(parseCalcomWebhook(delivery.rawBody), {
      applicationField: deps.applicationField,
      bodySha256: delivery.bodySha256,
      source: delivery.source,
    });
  } catch (error) {
    if (!(error instanceof CalcomPayloadError)) throw error;
    return { ...base, outcome: "invalid", applicationId: null };
  }
  if (!observation) return { ...base, outcome: "ignored", applicationId: null };
  const input = observation;

  return withTransaction(deps.pool, async (client) => {
    const now = deps.clock.now();
    let result = await applyObservation(client, { ...input, deliveryId }, now);
    if (result.outcome === "duplicate") {
      // Stored before (unmapped, or linked since): settle the stored fact again.
      result = await settleObservation(
        client,
        {
          id: result.observationId,
          bookingUid: input.bookingUid,
          previousUid: input.previousUid,
          applicationId: input.applicationId,
        },
        now,
      );
    }
    await setDeliveryOutcome(client, deliveryId, {
      // A replay of a delivery that was applied finds nothing new; it stays applied.
      outcome: result.outcome === "stale" && delivery.outcome === "applied" ? "applied" : result.outcome,
      applicationId: result.applicationId,
      appliedAt: result.outcome === "applied" ? now : null,
    });
    return { ...base, outcome: result.outcome, applicationId: result.applicationId };
  });
}

/** Replays every unmapped delivery, oldest first; `onProgress` hears each result. */
export async function replayUnmappedDeliveries(
  deps: ReplayDeps,
  onProgress?: (result: ReplayResult, index: number, total: number) => void,
): Promise<ReplayResult[]> {
  const ids = await listUnmappedDeliveryIds(deps.pool, 10_000);
  const results: ReplayResult[] = [];
  for (const [index, id] of ids.entries()) {
    const result = await replayDelivery(deps, id);
    results.push(result);
    onProgress?.(result, index, ids.length);
  }
  return results;
}

/**
 * The periodic repair (a job, every UNMAPPED_REPLAY_MS): applies unmapped deliveries whose
 * application has appeared since. Safe in several processes at once: a replay is idempotent.
 */
export async function replayDeliveriesWhoseApplicationExists(
  deps: ReplayDeps,
  limit = 500,
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  for (const id of await listDeliveriesWhoseApplicationExists(deps.pool, limit)) {
    try {
      results.push(await replayDelivery(deps, id));
    } catch (error) {
      // One delivery that cannot be applied must not hold back the ones queued behind it: it is
      // stored as failed, with the error, for an admin (takeone-cal deliveries --outcome failed).
      if (isDatabaseUnavailable(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await setDeliveryOutcome(deps.pool, id, {
        outcome: "failed",
        applicationId: null,
        error: message,
        appliedAt: null,
      });
      results.push({
        deliveryId: id,
        triggerEvent: "",
        previousOutcome: "unmapped",
        outcome: "failed",
        applicationId: null,
      });
    }
  }
  return results;
}
