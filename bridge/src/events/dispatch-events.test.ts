import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { Webhook } from "svix";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { insertTestBooking } from "../../test/insert-test-bookings.ts";
import { type EventReceiver, findFreePort, startEventReceiver } from "../../test/start-event-receiver.ts";
import { TEST_EVENTS_SECRET } from "../../test/start-test-service.ts";
import { readBookingView } from "../bookings/read-booking-view.ts";
import { createPool } from "../db/create-pool.ts";
import { type DispatchOptions, dispatchDueEvents } from "./dispatch-events.ts";
import type { BookingEventType } from "./event-schema.ts";
import { releaseHeldEvents } from "./hold-events.ts";
import { createSigner, parseRetryAfter } from "./post-event.ts";
import { recordOutboxEvent } from "./record-outbox-event.ts";
import { redeliverEvents } from "./redeliver-events.ts";

const TYPES: BookingEventType[] = [
  "audition_booking.created",
  "audition_booking.rescheduled",
  "audition_booking.confirmed",
  "audition_booking.cancelled",
];

/** A clock the test moves: retries become due without sleeping. Starts at real time (signatures carry it). */
function manualClock() {
  let ms = Date.now() + 1_000;
  return {
    now: () => new Date(ms),
    advance: (by: number) => {
      ms += by;
    },
  };
}

describe("dispatchDueEvents", () => {
  let db: TestDatabase;
  const receivers: EventReceiver[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await db.drop();
  });
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "OutboxEvent"`);
  });

  /** `bookings` bookings with TYPES.length events each; returns event ids per booking in order. */
  async function recordEvents(bookings: number): Promise<Map<string, string[]>> {
    const ids = new Map<string, string[]>();
    for (let b = 0; b < bookings; b++) {
      const bookingId = await insertTestBooking(db.pool, {
        scheduledAt: new Date(Date.now() + 86_400_000 * 3),
      });
      const booking = await readBookingView(db.pool, bookingId);
      if (!booking) throw new Error("no booking view");
      ids.set(bookingId, []);
      for (const type of TYPES) {
        const { id } = await recordOutboxEvent(db.pool, { type, booking, occurredAt: new Date() });
        ids.get(bookingId)?.push(id);
      }
    }
    return ids;
  }

  async function statuses(): Promise<Record<string, number>> {
    const { rows } = await db.pool.query(
      `SELECT status, count(*)::int AS n FROM "OutboxEvent" GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Dispatch rounds, moving the clock past every retry pause, until nothing is pending. */
  async function runUntilSettled(options: DispatchOptions & { advance(by: number): void }, rounds = 50) {
    for (let round = 0; round < rounds; round++) {
      await dispatchDueEvents(options);
      if (!(await statuses()).pending) return round;
      options.advance(2_000);
    }
    throw new Error("events still pending after all rounds");
  }

  function options(url: string, clock: ReturnType<typeof manualClock>, scheduleMs = [1_000, 1_000, 1_000]) {
    return {
      db: db.pool,
      url,
      signer: createSigner(TEST_EVENTS_SECRET),
      clock,
      advance: clock.advance,
      retryScheduleMs: scheduleMs,
      requestTimeoutMs: 5_000,
    };
  }

  it("delivers every event signed, retries with the same webhook-id, and keeps each booking's order", async () => {
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET, failFirst: 2 });
    receivers.push(receiver);
    const ids = await recordEvents(5);
    const clock = manualClock();

    await runUntilSettled(options(receiver.url, clock));

    expect(await statuses()).toEqual({ delivered: 20 });
    expect(receiver.attempts.every((a) => a.isSignatureValid)).toBe(true);
    // each event: two refused attempts, then accepted, always under its one id
    for (const eventIds of ids.values()) {
      for (const id of eventIds) {
        expect(receiver.attempts.filter((a) => a.id === id).map((a) => a.status)).toEqual([500, 500, 204]);
      }
    }
    // per booking: no attempt of an event before the previous event of that booking was accepted
    for (const eventIds of ids.values()) {
      const order = receiver.attempts.filter((a) => eventIds.includes(a.id)).map((a) => a.id);
      expect(order).toEqual(eventIds.flatMap((id) => [id, id, id]));
    }
    const accepted = receiver.accepted();
    expect(accepted[0]).toMatchObject({
      type: expect.stringMatching(/^audition_booking\./),
      data: { id: expect.any(String) },
    });
    expect(Object.keys(accepted[0] ?? {})).toEqual(["type", "timestamp", "data"]);
    const { rows } = await db.pool.query(`SELECT DISTINCT attempts, "lastStatus" FROM "OutboxEvent"`);
    expect(rows).toEqual([{ attempts: 3, lastStatus: 204 }]);
  });

  it("loses nothing while the receiver is down, and delivers when it is back", async () => {
    const port = await findFreePort();
    const ids = await recordEvents(3);
    const clock = manualClock();
    const opts = options(
      `http://127.0.0.1:${port}/takeone/events`,
      clock,
      [1_000, 1_000, 1_000, 1_000, 1_000],
    );

    await dispatchDueEvents(opts);
    clock.advance(2_000);
    await dispatchDueEvents(opts);
    expect(await statuses()).toEqual({ pending: 12 });
    const { rows } = await db.pool.query(
      `SELECT attempts, "lastError" FROM "OutboxEvent" WHERE attempts > 0`,
    );
    expect(rows).toHaveLength(3); // only each booking's first event was tried; the rest wait behind it
    expect(rows.every((r) => r.attempts === 2 && /ECONNREFUSED/.test(r.lastError))).toBe(true);

    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET, port });
    receivers.push(receiver);
    clock.advance(2_000);
    await runUntilSettled(opts);
    expect(await statuses()).toEqual({ delivered: 12 });
    for (const eventIds of ids.values()) {
      expect(receiver.attempts.filter((a) => eventIds.includes(a.id)).map((a) => a.id)).toEqual(eventIds);
    }
  });

  it("a receiver slower than the timeout gets each event again with the same id, in order, until it answers", async () => {
    // "Slow (10 s)" against a 15 s timeout is merely slow; here the receiver is slower than the
    // timeout (600 ms against 300 ms) on every event's first attempt, the harder case.
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET, delayFirstMs: 600 });
    receivers.push(receiver);
    const ids = await recordEvents(3);
    const clock = manualClock();
    await runUntilSettled({ ...options(receiver.url, clock), requestTimeoutMs: 300 });

    expect(await statuses()).toEqual({ delivered: 12 });
    const { rows } = await db.pool.query(`SELECT attempts FROM "OutboxEvent"`);
    expect(rows.every((row) => row.attempts === 2)).toBe(true); // timed out once, then delivered
    const known = [...ids.values()].flat();
    expect(receiver.attempts.every((a) => known.includes(a.id) && a.isSignatureValid)).toBe(true);
    for (const id of known) {
      const bodies = receiver.attempts.filter((a) => a.id === id).map((a) => JSON.stringify(a.body));
      expect(bodies).toHaveLength(2);
      expect(new Set(bodies).size).toBe(1); // the same event both times: same id, same body
    }
    for (const eventIds of ids.values()) {
      const firstSeen = [...new Set(receiver.attempts.map((a) => a.id))].filter((id) =>
        eventIds.includes(id),
      );
      expect(firstSeen).toEqual(eventIds);
    }
  });

  it("holds everything when the receiver answers 410 Gone, and delivers it all in order once released", async () => {
    const answer: { status: number | null } = { status: 410 };
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET, answer });
    receivers.push(receiver);
    const ids = await recordEvents(3);
    const clock = manualClock();
    const opts = options(receiver.url, clock);

    const first = await dispatchDueEvents(opts);
    expect(first.held).toBeGreaterThanOrEqual(1);
    expect(first.retried + first.failed + first.delivered).toBe(0);
    expect(await statuses()).toEqual({ held: 12 });
    const { rows } = await db.pool.query(`SELECT "lastError" FROM "OutboxEvent" WHERE "lastStatus" = 410`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]?.lastError).toMatch(/HTTP 410.*takeone-cal events release/);
    // Held is held: no retry comes, though every retry pause (1 s here) has passed (not further:
    // the receiver checks the signature's timestamp against its own clock), and an event recorded
    // meanwhile is held without being sent.
    clock.advance(60_000);
    const [bookingId] = [...ids.keys()];
    const booking = await readBookingView(db.pool, bookingId as string);
    if (!booking) throw new Error("no booking view");
    const later = await recordOutboxEvent(db.pool, {
      type: "audition_booking.updated",
      booking,
      occurredAt: clock.now(),
    });
    ids.get(bookingId as string)?.push(later.id);
    expect((await dispatchDueEvents(opts)).held).toBe(1);
    expect(receiver.attempts.length).toBe(first.held);
    expect(await statuses()).toEqual({ held: 13 });
    const attemptsWhileHeld = receiver.attempts.length;

    answer.status = null;
    expect(await releaseHeldEvents(db.pool, clock.now())).toBe(13);
    await runUntilSettled(opts);
    expect(await statuses()).toEqual({ delivered: 13 });
    const delivered = receiver.attempts.slice(attemptsWhileHeld);
    for (const eventIds of ids.values()) {
      // the same ids, each booking's in order, each once
      expect(delivered.filter((a) => eventIds.includes(a.id)).map((a) => a.id)).toEqual(eventIds);
    }
  });

  it("dead-letters an event after its schedule, keeps the error, lets later events pass, and redelivers it", async () => {
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET, failFirst: 3 });
    receivers.push(receiver);
    const ids = await recordEvents(1);
    const [first, ...rest] = [...ids.values()][0] ?? [];
    const clock = manualClock();
    const opts = options(receiver.url, clock, [1_000, 1_000]);

    await runUntilSettled(opts);
    const { rows } = await db.pool.query(
      `SELECT id, status, attempts, "lastStatus", "lastError" FROM "OutboxEvent" ORDER BY sequence`,
    );
    // every event: 3 attempts (1 + 2 retries), all refused → failed; a failed event does not hold back the next
    expect(rows[0]).toEqual({
      id: first,
      status: "failed",
      attempts: 3,
      lastStatus: 500,
      lastError: "HTTP 500",
    });
    expect(rows.slice(1).map((r) => r.status)).toEqual(["failed", "failed", "failed"]);

    // the receiver now accepts everything (4th attempt of each id); redeliver the failed ones
    const again = await redeliverEvents(db.pool, { allFailed: true, now: clock.now() });
    expect(again.sort()).toEqual([first, ...rest].sort());
    await runUntilSettled(opts);
    expect(await statuses()).toEqual({ delivered: 4 });
    expect(receiver.accepted()).toHaveLength(4);
  });

  it("two dispatchers on one database deliver each event once, in each booking's order", async () => {
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET });
    receivers.push(receiver);
    const ids = await recordEvents(10);
    const clock = manualClock();
    const other = createPool({ connectionString: db.url, max: 5 });
    try {
      const a = { ...options(receiver.url, clock), batchSize: 3 };
      const b = { ...a, db: other as pg.Pool };
      await Promise.all([
        dispatchDueEvents(a),
        dispatchDueEvents(b),
        dispatchDueEvents(a),
        dispatchDueEvents(b),
      ]);
      await runUntilSettled(a);
    } finally {
      await other.end();
    }
    expect(await statuses()).toEqual({ delivered: 40 });
    expect(receiver.attempts).toHaveLength(40);
    expect(new Set(receiver.attempts.map((a) => a.id)).size).toBe(40);
    for (const eventIds of ids.values()) {
      expect(receiver.attempts.filter((a) => eventIds.includes(a.id)).map((a) => a.id)).toEqual(eventIds);
    }
  });

  it("sends a long burst of one booking's events back to back, in order, in one call", async () => {
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET });
    receivers.push(receiver);
    const bookingId = await insertTestBooking(db.pool, { scheduledAt: new Date(Date.now() + 86_400_000) });
    const booking = await readBookingView(db.pool, bookingId);
    if (!booking) throw new Error("no booking view");
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      ids.push(
        (
          await recordOutboxEvent(db.pool, {
            type: "audition_booking.updated",
            booking,
            occurredAt: new Date(),
          })
        ).id,
      );
    }
    const result = await dispatchDueEvents(options(receiver.url, manualClock()));
    expect(result).toEqual({ delivered: 120, retried: 0, failed: 0, held: 0 });
    expect(receiver.attempts.map((a) => a.id)).toEqual(ids);
    const { rows } = await db.pool.query(`SELECT DISTINCT attempts FROM "OutboxEvent"`);
    expect(rows).toEqual([{ attempts: 1 }]);
  });

  it("honours a receiver's Retry-After (never sooner than its own schedule, at most 6 h)", async () => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(429, { "retry-after": req.headers["webhook-id"] === first ? "600" : "86400" }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    let first = "";
    try {
      const ids = await recordEvents(2);
      first = [...ids.values()][0]?.[0] ?? "";
      const second = [...ids.values()][1]?.[0] ?? "";
      const clock = manualClock();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await dispatchDueEvents(options(url, clock));
      const { rows } = await db.pool.query(
        `SELECT id, "nextAttemptAt", "lastStatus" FROM "OutboxEvent" WHERE attempts = 1`,
      );
      const next = Object.fromEntries(
        rows.map((r) => [r.id, r.nextAttemptAt.getTime() - clock.now().getTime()]),
      );
      expect(next[first]).toBe(600_000);
      expect(next[second]).toBe(6 * 3_600_000);
      expect(rows.every((r) => r.lastStatus === 429)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("createSigner during a secret rotation", () => {
  it("signs with the new and the previous secret, so a receiver holding either accepts", () => {
    const next = "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24tdGVzdHM=";
    const signer = createSigner(next, TEST_EVENTS_SECRET);
    const now = new Date();
    const body = JSON.stringify({ type: "audition_booking.updated", timestamp: now.toISOString(), data: {} });
    const headers = {
      "webhook-id": "evt_rotation",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signer.sign("evt_rotation", now, body),
    };
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(next).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(TEST_EVENTS_SECRET).verify(body, headers)).not.toThrow();
    expect(() =>
      new Webhook("whsec_b3RoZXItc2VjcmV0LW5vdC1pbi11c2UtYXQtYWxs").verify(body, headers),
    ).toThrow();
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  it("reads seconds and HTTP dates, and ignores anything else", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 12:05:00 GMT", now)).toBe(300_000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
