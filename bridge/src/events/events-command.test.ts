import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { insertTestBooking } from "../../test/insert-test-bookings.ts";
import { readBookingView } from "../bookings/read-booking-view.ts";
import { recordOutboxEvent } from "./record-outbox-event.ts";

const run = promisify(execFile);

describe("takeone-cal events", () => {
  let db: TestDatabase;
  let failedId: string;
  let deliveredId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const bookingId = await insertTestBooking(db.pool, { scheduledAt: new Date("2027-01-01T10:00:00Z") });
    const booking = await readBookingView(db.pool, bookingId);
    if (!booking) throw new Error("no booking");
    failedId = (
      await recordOutboxEvent(db.pool, { type: "audition_booking.created", booking, occurredAt: new Date() })
    ).id;
    deliveredId = (
      await recordOutboxEvent(db.pool, {
        type: "audition_booking.confirmed",
        booking,
        occurredAt: new Date(),
      })
    ).id;
    await db.pool.query(
      `UPDATE "OutboxEvent" SET status = 'failed', attempts = 8, "lastError" = 'HTTP 503' WHERE id = $1`,
      [failedId],
    );
    await db.pool.query(`UPDATE "OutboxEvent" SET status = 'delivered', attempts = 1 WHERE id = $1`, [
      deliveredId,
    ]);
  });
  afterAll(() => db.drop());

  const cli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "bridge/src/cli/main.ts", "events", ...args], {
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "test" },
    });

  it("lists events, or only the failed ones with their last error", async () => {
    const all = await cli();
    expect(all.stdout).toContain("events: 0 pending, 1 delivered, 1 failed, 0 held");
    expect(all.stdout).toContain(deliveredId);
    const failed = await cli("--failed");
    expect(failed.stdout).toContain(`${failedId}  failed`);
    expect(failed.stdout).toContain("last error: HTTP 503");
    expect(failed.stdout).not.toContain(deliveredId);
  });

  it("redelivers the failed ones: pending again, attempts from zero, same id", async () => {
    const { stdout } = await cli("redeliver", "--failed");
    expect(stdout).toContain("1 event(s) queued");
    const { rows } = await db.pool.query(`SELECT status, attempts FROM "OutboxEvent" WHERE id = $1`, [
      failedId,
    ]);
    expect(rows[0]).toEqual({ status: "pending", attempts: 0 });
  });

  it("refuses redeliver without ids or --failed (exit code 2), and names unknown ids (exit code 1)", async () => {
    await expect(cli("redeliver")).rejects.toMatchObject({ code: 2 });
    await expect(cli("redeliver", "evt_nope")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("evt_nope"),
    });
  });

  it("releases the held events (held after a 410 Gone): pending again, same id", async () => {
    await db.pool.query(
      `UPDATE "OutboxEvent" SET status = 'held', "lastStatus" = 410, "lastError" = 'HTTP 410' WHERE id = $1`,
      [failedId],
    );
    const { stdout } = await cli("release");
    expect(stdout).toContain("1 held event(s) queued");
    const { rows } = await db.pool.query(`SELECT status FROM "OutboxEvent" WHERE id = $1`, [failedId]);
    expect(rows[0]).toEqual({ status: "pending" });
  });
});
