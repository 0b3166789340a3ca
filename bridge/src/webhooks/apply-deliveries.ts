import type pg from "pg";
import { type ApplyResult, applyObservations } from "../bookings/apply-observation.ts";
import { findDeliveriesFoldedIn } from "../bookings/find-linked-observations.ts";
import type { ObservationInput } from "../bookings/observation.ts";
import { isDatabaseUnavailable } from "../db/is-database-unavailable.ts";
import { newId } from "../db/new-id.ts";
import { withTransaction } from "../db/with-transaction.ts";
import type { Logger } from "../http/create-logger.ts";
import type { Clock } from "../service/service-context.ts";
import { insertDeliveries, insertDelivery, type NewDelivery } from "./delivery-records.ts";
import type { IngestResult } from "./ingest-calcom-delivery.ts";

/** A verified delivery about a booking, with the observation it makes. */
export interface DeliveryToApply {
  record: NewDelivery;
  observation: Omit<ObservationInput, "deliveryId">;
}

export interface DeliveryApplier {
  /**
   * Stores the delivery and applies its observation; resolves once both are committed. Rejects only
   * when the database is unreachable (then nothing was stored).
   */
  apply(delivery: DeliveryToApply): Promise<IngestResult>;
}

export interface DeliveryApplierOptions {
  /** the most deliveries committed in one transaction (default 64) */
  maxBatch?: number;
  /**
   * the most transactions at once (default 4); deliveries arriving meanwhile wait for the next. In
   * `npm run bench` on the 2-core machine 4 beat 2 and 8 on throughput, and 2 let a stalled commit
   * hold everyone behind it (p99 44 ms at 200 req/s against 15–18 ms with 4)
   */
  maxInFlight?: number;
}

interface Waiting {
  delivery: DeliveryToApply;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for webhook deliveries. A delivery arriving while fewer than `maxInFlight`
 * transactions run is applied at once, alone: at low load nothing waits. Deliveries arriving while
 * they all run wait for the first to finish and then go together, in one transaction that takes the
 * same few statements for all of them (applyObservations). Each is still answered only after its
 * commit (ARCHITECTURE: 2xx only after commit), and each gets its own outcome.
 *
 * If a batch fails for a reason other than the database being unreachable, its deliveries are
 * applied again one by one, so only the delivery that fails is stored as `failed`.
 */
export function createDeliveryApplier(
  deps: { pool: pg.Pool; clock: Clock; logger: Logger },
  options: DeliveryApplierOptions = {},
): DeliveryApplier {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 4;
  const queue: Waiting[] = [];
  let inFlight = 0;
  let isPumpScheduled = false;
  const pump = () => {
    isPumpScheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      void settleBatch(deps, batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };
  // A new delivery starts a transaction after the requests read in the same turn of the event loop
  // have joined it (setImmediate runs once the pending I/O callbacks have), not alone before them.
  const schedulePump = () => {
    if (isPumpScheduled) return;
    isPumpScheduled = true;
    setImmediate(pump);
  };
  return {
    apply: (delivery) =>
      new Promise<IngestResult>((resolve, reject) => {
        queue.push({ delivery, resolve, reject });
        schedulePump();
      }),
  };
}

/** Answers every waiting delivery of the batch; never rejects. */
async function settleBatch(
  deps: { pool: pg.Pool; clock: Clock; logger: Logger },
  batch: readonly Waiting[],
): Promise<void> {
  try {
    const results = await applyTogether(
      deps,
      batch.map((waiting) => waiting.delivery),
    );
    for (const [index, waiting] of batch.entries()) waiting.resolve(results[index] as IngestResult);
    return;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    if (batch.length > 1) {
      for (const waiting of batch) await settleBatch(deps, [waiting]);
      return;
    }
    const [waiting] = batch as [Waiting];
    const { record } = waiting.delivery;
    deps.logger.error(
      { err: error, triggerEvent: record.triggerEvent },
      "a delivery could not be applied; stored as failed",
    );
    try {
      const message = error instanceof Error ? error.message : String(error);
      const { id } = await insertDelivery(deps.pool, { ...record, outcome: "failed", error: message });
      waiting.resolve({
        outcome: "failed",
        deliveryId: id,
        triggerEvent: record.triggerEvent,
        applicationId: null,
        bookingId: null,
      });
    } catch (storeError) {
      waiting.reject(storeError);
    }
  }
}

/**
 * One transaction: the observations applied, then the deliveries carrying them, each written once
 * with its outcome (the observations' reference to their delivery is checked at commit).
 */
async function applyTogether(
  deps: { pool: pg.Pool; clock: Clock },
  deliveries: readonly DeliveryToApply[],
): Promise<IngestResult[]> {
  return withTransaction(deps.pool, async (client) => {
    const ids = deliveries.map(() => newId());
    const now = deps.clock.now();
    const applied = await applyObservations(
      client,
      deliveries.map(({ observation }, index) => ({ ...observation, deliveryId: ids[index] })),
      now,
    );
    const foldedLater =
      deliveries.length > 1
        ? await findDeliveriesFoldedIn(
            client,
            ids.filter((_, index) => applied[index]?.outcome === "unmapped"),
          )
        : new Map<string, string>();
    await insertDeliveries(
      client,
      deliveries.map(({ record }, index) => {
        const id = ids[index] as string;
        const { outcome, applicationId } = applied[index] as ApplyResult;
        // Unmapped when it was applied, then folded into its application by a later delivery of the
        // batch (which, one by one, would have marked it applied: markDeliveriesFolded).
        const joined = foldedLater.get(id);
        if (joined) return { ...record, id, outcome: "applied", applicationId: joined, appliedAt: now };
        return {
          ...record,
          id,
          outcome,
          applicationId,
          appliedAt: outcome === "applied" ? record.receivedAt : null,
        };
      }),
    );
    return applied.map((result, index) => ({
      outcome: result.outcome,
      deliveryId: ids[index] as string,
      triggerEvent: (deliveries[index] as DeliveryToApply).record.triggerEvent,
      applicationId: result.applicationId,
      bookingId: result.bookingId,
    }));
  });
}
