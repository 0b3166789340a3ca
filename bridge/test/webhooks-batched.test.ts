// Group commit (apply-deliveries.ts): deliveries arriving together are applied in one transaction.
// Each must end exactly as if it had been applied alone, one after the other, in arrival order.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/http/create-logger.ts";
import { createDeliveryApplier } from "../src/webhooks/apply-deliveries.ts";
import {
  type BuildableTrigger,
  type BuildOptions,
  buildCalcomWebhook,
  type CalcomBookingSpec,
} from "../src/webhooks/build-calcom-webhook.ts";
import { readDelivery } from "../src/webhooks/delivery-records.ts";
import { type IngestResult, ingestCalcomDelivery } from "../src/webhooks/ingest-calcom-delivery.ts";
import { bookingOf, countRows, readBookingState } from "./calcom-webhooks.ts";
import { type SeededApplication, seedApplication } from "./seed-application.ts";
import { startTestService, type TestService } from "./start-test-service.ts";

const T0 = new Date("2026-11-24T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const clock = { now: () => new Date() };
const logger = createLogger({ level: "silent" });

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service?.stop();
});

/** The pool, counting the transactions taken from it (withTransaction connects once per transaction). */
function countingPool(pool: pg.Pool): { pool: pg.Pool; transactions: () => number } {
  let connects = 0;
  const counted = Object.create(pool) as pg.Pool;
  counted.connect = ((...args: unknown[]) => {
    connects++;
    return (pool.connect as (...a: unknown[]) => unknown).apply(pool, args);
  }) as pg.Pool["connect"];
  return { pool: counted, transactions: () => connects };
}

const body = (trigger: BuildableTrigger, options: BuildOptions) =>
  Buffer.from(JSON.stringify(buildCalcomWebhook(trigger, options)), "utf8");

/** Sends all bodies at once through one applier allowing one transaction at a time. */
async function sendTogether(bodies: readonly Buffer[]) {
  const { pool, transactions } = countingPool(service.db.pool);
  const applier = createDeliveryApplier({ pool, clock, logger }, { maxInFlight: 1 });
  const results = await Promise.all(
    bodies.map((rawBody) =>
      ingestCalcomDelivery(
        { pool, clock, applicationField: "applicationId", applier },
        { rawBody, headers: {}, source: "webhook" },
      ),
    ),
  );
  return { results, transactions: transactions() };
}

async function sendOneByOne(bodies: readonly Buffer[]): Promise<IngestResult[]> {
  const applier = createDeliveryApplier({ pool: service.db.pool, clock, logger });
  const results: IngestResult[] = [];
  for (const rawBody of bodies) {
    results.push(
      await ingestCalcomDelivery(
        { pool: service.db.pool, clock, applicationField: "applicationId", applier },
        { rawBody, headers: {}, source: "webhook" },
      ),
    );
  }
  return results;
}

describe("deliveries arriving together", () => {
  it("are committed in a few transactions, each stored, applied and reported once", async () => {
    const seeds = await Promise.all(Array.from({ length: 40 }, () => seedApplication(service.db.pool)));
    const bookings = seeds.map((seed) => bookingOf(seed));
    const { results, transactions } = await sendTogether(
      bookings.map((booking) => body("BOOKING_CREATED", { createdAt: at(0), booking })),
    );

    expect(results.map((result) => result.outcome)).toEqual(Array(40).fill("applied"));
    // All 40 were read in the same turn of the event loop: one transaction.
    expect(transactions).toBe(1);
    for (const [index, seed] of seeds.entries()) {
      const result = results[index] as IngestResult;
      expect(result.applicationId).toBe(seed.applicationId);
      const delivery = await readDelivery(service.db.pool, result.deliveryId);
      expect(delivery).toMatchObject({ outcome: "applied", applicationId: seed.applicationId });
      expect(delivery?.appliedAt).toBeInstanceOf(Date);
      const row = await readBookingState(service.db.pool, seed.applicationId);
      expect(row).toMatchObject({ id: result.bookingId, calcomBookingUid: bookings[index]?.uid });
      expect(
        await countRows(service.db.pool, "OutboxEvent", `"applicationId" = $1 AND "type" = $2`, [
          seed.applicationId,
          "audition_booking.created",
        ]),
      ).toBe(1);
    }
  });

  it("end exactly as one by one: same answers, deliveries, rows and events, whatever they share", async () => {
    // Twin worlds: the same kinds of deliveries to twin applications, sent together in one and one
    // by one in the other.
    const world = async () => {
      const seeds = await Promise.all([1, 2, 3, 4, 5, 6].map(() => seedApplication(service.db.pool)));
      const [a, b, c, d, e, f] = seeds as [
        SeededApplication,
        SeededApplication,
        SeededApplication,
        SeededApplication,
        SeededApplication,
        SeededApplication,
      ];
      const [bookingA, bookingB, bookingC, bookingD, bookingE, bookingF] = seeds.map((seed) =>
        bookingOf(seed),
      ) as [
        CalcomBookingSpec,
        CalcomBookingSpec,
        CalcomBookingSpec,
        CalcomBookingSpec,
        CalcomBookingSpec,
        CalcomBookingSpec,
      ];
      // E and F are booked already: the batch changes two existing rows in one statement.
      await sendOneByOne([
        body("BOOKING_CREATED", { createdAt: at(0), booking: bookingE }),
        body("BOOKING_CREATED", { createdAt: at(0), booking: bookingF }),
      ]);
      const movedA = { ...bookingOf(a), startTime: new Date("2026-12-02T08:00:00Z") };
      const movedF = { ...bookingOf(f), startTime: new Date("2026-12-03T09:00:00Z") };
      const bodies = [
        body("BOOKING_CREATED", { createdAt: at(0), booking: bookingA }),
        // the same application, rescheduled: waits for the one before it
        body("BOOKING_RESCHEDULED", { createdAt: at(5), booking: movedA, rescheduleUid: bookingA.uid }),
        body("BOOKING_CREATED", { createdAt: at(0), booking: bookingB }),
        // a copy of the delivery before: a duplicate
        body("BOOKING_CREATED", { createdAt: at(0), booking: bookingB }),
        // a cancel without an application id, before its create: unmapped, then folded in by it
        body("BOOKING_CANCELLED", {
          createdAt: at(9),
          booking: { ...bookingC, applicationId: null },
          reason: "conflict",
        }),
        body("BOOKING_CREATED", { createdAt: at(1), booking: bookingC }),
        // an application TakeOne does not have (yet)
        body("BOOKING_CREATED", {
          createdAt: at(0),
          booking: { ...bookingD, applicationId: `${d.applicationId}-unknown` },
        }),
        body("BOOKING_CANCELLED", { createdAt: at(3), booking: bookingE, reason: "ill" }),
        body("BOOKING_RESCHEDULED", { createdAt: at(4), booking: movedF, rescheduleUid: bookingF.uid }),
      ];
      return { seeds: [a, b, c, d, e, f], bodies };
    };
    const together = await world();
    const alone = await world();
    const batched = await sendTogether(together.bodies);
    const sequential = await sendOneByOne(alone.bodies);

    expect(batched.results.map((r) => r.outcome)).toEqual(sequential.map((r) => r.outcome));
    expect(sequential.map((r) => r.outcome)).toEqual([
      "applied",
      "applied",
      "applied",
      "duplicate",
      "unmapped",
      "applied",
      "unmapped",
      "applied",
      "applied",
    ]);
    // The stored deliveries: the cancel that waited is marked applied once its create folded it in.
    const stored = async (results: readonly IngestResult[]) =>
      Promise.all(
        results.map(async (result) => {
          const delivery = await readDelivery(service.db.pool, result.deliveryId);
          return {
            outcome: delivery?.outcome,
            hasApplication: delivery?.applicationId !== null,
            hasAppliedAt: delivery?.appliedAt !== null,
          };
        }),
      );
    expect(await stored(batched.results)).toEqual(await stored(sequential));
    expect((await stored(sequential))[4]).toEqual({
      outcome: "applied",
      hasApplication: true,
      hasAppliedAt: true,
    });

    const events = async (s: SeededApplication) => {
      const { rows } = await service.db.pool.query(
        `SELECT "type" FROM "OutboxEvent" WHERE "applicationId" = $1 ORDER BY "sequence"`,
        [s.applicationId],
      );
      return rows.map((row) => row.type);
    };
    for (const [index, seed] of together.seeds.entries()) {
      const twin = alone.seeds[index] as SeededApplication;
      const comparable = async (s: SeededApplication) => {
        const row = await readBookingState(service.db.pool, s.applicationId);
        if (!row) return null;
        // Ids, uids and the Cal Video link (made from the uid) differ between the worlds by design.
        const {
          id,
          calcomBookingUid,
          calcomEventId,
          meetingUrl,
          talentUserId,
          casterUserId,
          castingCallId,
          ...rest
        } = row;
        return { ...rest, hasMeetingUrl: meetingUrl !== null };
      };
      expect(await comparable(seed)).toEqual(await comparable(twin));
      expect(await events(seed)).toEqual(await events(twin));
    }
  });

  it("keep going when one of them fails: that one is stored as failed, the others applied", async () => {
    // Two applications claiming the same Cal.com booking: the second cannot get its row (the uid is
    // the first one's), which fails its transaction.
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => seedApplication(service.db.pool)));
    const shared = bookingOf(first as SeededApplication);
    await sendOneByOne([body("BOOKING_CREATED", { createdAt: at(0), booking: shared })]);

    const { results, transactions } = await sendTogether([
      body("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(third as SeededApplication) }),
      body("BOOKING_CREATED", {
        createdAt: at(1),
        booking: { ...shared, applicationId: second?.applicationId ?? null },
      }),
      // a later, second booking for an application with an open audition: changes nothing
      body("BOOKING_CREATED", { createdAt: at(5), booking: bookingOf(first as SeededApplication) }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["applied", "failed", "stale"]);
    // The batch, rolled back; then each delivery alone; then the failed one stored as such.
    expect(transactions).toBe(5);
    const failed = await readDelivery(service.db.pool, (results[1] as IngestResult).deliveryId);
    expect(failed).toMatchObject({ outcome: "failed" });
    expect(failed?.error).toMatch(/unique|duplicate key/i);
  });
});
