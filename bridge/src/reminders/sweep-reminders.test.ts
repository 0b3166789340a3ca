import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { insertTestBooking } from "../../test/insert-test-bookings.ts";
import { createPool } from "../db/create-pool.ts";
import { HOUR_MS } from "./decide-reminder.ts";
import { sweepReminders } from "./sweep-reminders.ts";

const MINUTE = 60_000;

describe("sweepReminders", () => {
  let db: TestDatabase;
  const t0 = new Date("2026-12-01T09:00:00.000Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.pool.query(`DELETE FROM "OutboxEvent"`);
    await db.pool.query(`DELETE FROM "AuditionBooking"`);
  });

  async function remindersOf(bookingId: string) {
    const { rows } = await db.pool.query(
      `SELECT payload->'data'->>'kind' AS kind, "createdAt" FROM "OutboxEvent"
        WHERE "bookingId" = $1 AND type = 'audition_booking.reminder' ORDER BY sequence`,
      [bookingId],
    );
    return rows.map((r) => r.kind);
  }

  it("sends 24 h then 1 h as the clock moves across each window's edge, each once", async () => {
    const start = at(30 * HOUR_MS);
    const id = await insertTestBooking(db.pool, { scheduledAt: start });
    const sweepAt = (msBeforeStart: number) =>
      sweepReminders({ pool: db.pool, now: new Date(start.getTime() - msBeforeStart) });

    expect(await sweepAt(24 * HOUR_MS + 1)).toEqual({ sent24h: 0, sent1h: 0 });
    expect(await sweepAt(24 * HOUR_MS)).toEqual({ sent24h: 1, sent1h: 0 });
    expect(await sweepAt(23 * HOUR_MS)).toEqual({ sent24h: 0, sent1h: 0 });
    expect(await sweepAt(HOUR_MS + 1)).toEqual({ sent24h: 0, sent1h: 0 });
    expect(await sweepAt(HOUR_MS)).toEqual({ sent24h: 0, sent1h: 1 });
    expect(await sweepAt(MINUTE)).toEqual({ sent24h: 0, sent1h: 0 });
    expect(await remindersOf(id)).toEqual(["24h", "1h"]);

    const { rows } = await db.pool.query(
      `SELECT "reminderSent24h", "reminderSent1h" FROM "AuditionBooking" WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ reminderSent24h: true, reminderSent1h: true });
    const event = await db.pool.query(
      `SELECT payload FROM "OutboxEvent" WHERE "bookingId" = $1 ORDER BY sequence`,
      [id],
    );
    expect(event.rows[1].payload).toMatchObject({
      type: "audition_booking.reminder",
      timestamp: new Date(start.getTime() - HOUR_MS).toISOString(),
      data: { id, kind: "1h", reminderSent1h: true, talent: { email: expect.stringContaining("@") } },
    });
  });

  it("gives a booking made less than an hour ahead only the 1 h reminder", async () => {
    const id = await insertTestBooking(db.pool, { scheduledAt: at(40 * MINUTE), createdAt: t0 });
    expect(await sweepReminders({ pool: db.pool, now: t0 })).toEqual({ sent24h: 0, sent1h: 1 });
    expect(await sweepReminders({ pool: db.pool, now: at(10 * MINUTE) })).toEqual({ sent24h: 0, sent1h: 0 });
    expect(await remindersOf(id)).toEqual(["1h"]);
  });

  it("reminds scheduled and confirmed bookings only", async () => {
    const ids: Record<string, string> = {};
    for (const status of [
      "pending",
      "scheduled",
      "confirmed",
      "cancelled",
      "rejected",
      "completed",
      "no-show",
    ]) {
      ids[status] = await insertTestBooking(db.pool, { scheduledAt: at(2 * HOUR_MS), status });
    }
    expect(await sweepReminders({ pool: db.pool, now: t0 })).toEqual({ sent24h: 2, sent1h: 0 });
    const { rows } = await db.pool.query(`SELECT DISTINCT "bookingId" FROM "OutboxEvent"`);
    expect(rows.map((r) => r.bookingId).sort()).toEqual([ids.scheduled, ids.confirmed].sort());
  });

  it("reminds again after a reschedule clears the flags (as write-booking-row.ts does)", async () => {
    const id = await insertTestBooking(db.pool, { scheduledAt: at(2 * HOUR_MS) });
    await sweepReminders({ pool: db.pool, now: t0 });
    await db.pool.query(
      `UPDATE "AuditionBooking" SET "scheduledAt" = $2, "reminderSent24h" = false, "reminderSent1h" = false WHERE id = $1`,
      [id, at(20 * HOUR_MS)],
    );
    await sweepReminders({ pool: db.pool, now: at(MINUTE) });
    expect(await remindersOf(id)).toEqual(["24h", "24h"]);
  });

  it("sends each reminder exactly once when several bridges sweep the same database at once", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      ids.push(
        await insertTestBooking(db.pool, { scheduledAt: at((i % 2 === 0 ? 30 : 300) * MINUTE + i * 1000) }),
      );
    }
    const pools = [
      db.pool,
      createPool({ connectionString: db.url, max: 3 }),
      createPool({ connectionString: db.url, max: 3 }),
    ];
    try {
      const results = await Promise.all(
        [0, 1, 2, 0, 1, 2].map((p) =>
          sweepReminders({ pool: pools[p] as typeof db.pool, now: t0, batchSize: 7 }),
        ),
      );
      const total = results.reduce((sum, r) => ({
        sent24h: sum.sent24h + r.sent24h,
        sent1h: sum.sent1h + r.sent1h,
      }));
      expect(total).toEqual({ sent24h: 30, sent1h: 30 });
    } finally {
      await Promise.all(pools.slice(1).map((p) => p.end()));
    }
    const { rows } = await db.pool.query(
      `SELECT "bookingId", payload->'data'->>'kind' AS kind, count(*)::int AS n FROM "OutboxEvent"
        GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(rows).toEqual([]);
    const { rows: all } = await db.pool.query(`SELECT count(*)::int AS n FROM "OutboxEvent"`);
    expect(all[0].n).toBe(60);
  });

  it("the due query can use the partial index AuditionBooking_reminder_due_idx", async () => {
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const { rows } = await client.query(
        `EXPLAIN SELECT "id" FROM "AuditionBooking"
          WHERE "status" IN ('scheduled', 'confirmed') AND NOT ("reminderSent24h" AND "reminderSent1h")
            AND "scheduledAt" > $1 AND "scheduledAt" <= $1::timestamptz + interval '24 hours'
            AND (NOT "reminderSent24h" OR "scheduledAt" <= $1::timestamptz + interval '1 hour')
          ORDER BY "scheduledAt" LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [t0],
      );
      expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("AuditionBooking_reminder_due_idx");
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });

  it("records nothing of a reminder whose transaction fails (flag, event and e-mail jobs go together)", async () => {
    const id = await insertTestBooking(db.pool, { scheduledAt: at(2 * HOUR_MS) });
    await expect(
      sweepReminders({
        pool: db.pool,
        now: t0,
        onReminder: async (client) => {
          await client.query(`SELECT 1`);
          throw new Error("the e-mail job could not be queued");
        },
      }),
    ).rejects.toThrow("could not be queued");
    expect(await remindersOf(id)).toEqual([]);
    const { rows } = await db.pool.query(`SELECT "reminderSent24h" FROM "AuditionBooking" WHERE id = $1`, [
      id,
    ]);
    expect(rows[0].reminderSent24h).toBe(false);
    // and the next sweep sends it
    expect(await sweepReminders({ pool: db.pool, now: t0 })).toEqual({ sent24h: 1, sent1h: 0 });
  });
});
