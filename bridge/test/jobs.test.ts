import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { QUEUES } from "../src/jobs/index.ts";
import type { RunningService } from "../src/service/start-service.ts";
import { signCalcomBody } from "../src/webhooks/verify-calcom-signature.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { insertTestBooking } from "./insert-test-bookings.ts";
import { type EventReceiver, startEventReceiver } from "./start-event-receiver.ts";
import { startSmtpCapture } from "./start-smtp-capture.ts";
import { startServiceOn, TEST_EVENTS_SECRET, TEST_WEBHOOK_SECRET } from "./start-test-service.ts";

/** Polls until `check` holds (the jobs run on their own timers); fails after `ms`. */
async function waitFor(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A bridge process (HTTP + jobs) on an existing database, with fast job intervals. */
function startBridge(db: TestDatabase, env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  return startServiceOn(db, {
    env: {
      EVENTS_POLL_MS: "50",
      EVENTS_RETRY_SCHEDULE_MS: "20,20,20,20",
      REMINDER_SWEEP_MS: "100",
      ...env,
    },
    isJobsEnabled: true,
  });
}

describe("jobs (pg-boss) in the running service", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("delivers the events of Cal.com webhooks to TakeOne, signed and in order, retrying refusals", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET, failFirst: 1 });
    cleanups.push(() => receiver.close());
    const bridge = await startBridge(db, { TAKEONE_EVENTS_URL: receiver.url });
    cleanups.push(() => bridge.stop());
    await db.pool.query(`INSERT INTO "User"(id,email,name,role) VALUES ('u-c','c@example.com','Cara','caster'),
      ('u-t','t@example.com','Tariq','talent')`);
    await db.pool.query(`INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc-1','Lead','u-c')`);
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-1','cc-1','u-t')`,
    );

    const post = async (body: object) => {
      const raw = JSON.stringify(body);
      const res = await fetch(`${bridge.url}/api/v1/webhooks/calcom`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cal-signature-256": signCalcomBody(raw, TEST_WEBHOOK_SECRET),
        },
        body: raw,
      });
      expect(res.status).toBe(200);
    };
    const payload = {
      uid: "uid-1",
      startTime: "2027-01-10T09:00:00Z",
      endTime: "2027-01-10T09:30:00Z",
      metadata: { applicationId: "app-1" },
      attendees: [{ email: "t@example.com", name: "Tariq", timeZone: "Asia/Riyadh" }],
      organizer: { email: "c@example.com", name: "Cara", timeZone: "Asia/Riyadh" },
    };
    await post({ triggerEvent: "BOOKING_CREATED", createdAt: "2026-11-24T10:00:00Z", payload });
    await post({
      triggerEvent: "BOOKING_CANCELLED",
      createdAt: "2026-11-24T10:05:00Z",
      payload: { ...payload, metadata: {}, cancellationReason: "conflict" },
    });

    await waitFor(() => receiver.accepted().length === 2);
    expect(receiver.accepted().map((e) => e.type)).toEqual([
      "audition_booking.created",
      "audition_booking.cancelled",
    ]);
    expect(receiver.attempts.every((a) => a.isSignatureValid)).toBe(true);
    const ids = receiver.attempts.map((a) => a.id);
    expect(ids).toEqual([ids[0], ids[0], ids[2], ids[2]]); // refused once, retried with the same webhook-id
    expect(receiver.accepted()[1]?.data).toMatchObject({
      status: "cancelled",
      cancellationReason: "conflict",
    });
    const queues = await db.pool.query(
      `SELECT name, policy, retry_limit, deletion_seconds FROM pgboss.queue WHERE name = ANY($1) ORDER BY name`,
      [Object.values(QUEUES)],
    );
    expect(queues.rows).toEqual([
      { name: "calcom-propagate", policy: "short", retry_limit: 0, deletion_seconds: 600 },
      { name: "calcom-sync", policy: "short", retry_limit: 2, deletion_seconds: 600 },
      { name: "events-dispatch", policy: "short", retry_limit: 0, deletion_seconds: 600 },
      { name: "reminders-email", policy: "standard", retry_limit: 5, deletion_seconds: 604800 },
      { name: "reminders-sweep", policy: "short", retry_limit: 1, deletion_seconds: 600 },
      { name: "webhooks-replay-unmapped", policy: "short", retry_limit: 0, deletion_seconds: 600 },
    ]);
  });

  it("two bridges on one database send each reminder exactly once", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET });
    cleanups.push(() => receiver.close());
    const now = Date.now();
    const bookings: string[] = [];
    for (let i = 0; i < 20; i++) {
      // half within the hour (1 h reminder only), half within the day (24 h reminder)
      bookings.push(
        await insertTestBooking(db.pool, { scheduledAt: new Date(now + (i % 2 ? 30 : 300) * 60_000) }),
      );
    }
    const first = await startBridge(db, { TAKEONE_EVENTS_URL: receiver.url });
    cleanups.push(() => first.stop());
    const second = await startBridge(db, { TAKEONE_EVENTS_URL: receiver.url });
    cleanups.push(() => second.stop());

    await waitFor(() => receiver.accepted().length >= 20);
    // a few more sweeps by both: nothing new may appear
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reminders = receiver.accepted().filter((e) => e.type === "audition_booking.reminder");
    expect(reminders).toHaveLength(20);
    expect(new Set(reminders.map((e) => `${e.data.id}/${e.data.kind}`)).size).toBe(20);
    expect(reminders.filter((e) => e.data.kind === "1h")).toHaveLength(10);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM "OutboxEvent"`);
    expect(rows[0].n).toBe(20);
  });

  it("holds events while TAKEONE_EVENTS_URL is unset and sends them once it is set", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    await insertTestBooking(db.pool, { scheduledAt: new Date(Date.now() + 2 * 3_600_000) });
    const unsent = await startBridge(db);
    await waitFor(async () => {
      const { rows } = await db.pool.query(`SELECT status FROM "OutboxEvent"`);
      return rows.length === 1 && rows[0].status === "held";
    });
    await unsent.stop();

    const receiver: EventReceiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET });
    cleanups.push(() => receiver.close());
    const sending = await startBridge(db, { TAKEONE_EVENTS_URL: receiver.url });
    cleanups.push(() => sending.stop());
    await waitFor(() => receiver.accepted().length === 1);
    expect(receiver.accepted()[0]).toMatchObject({
      type: "audition_booking.reminder",
      data: { kind: "24h" },
    });
  });

  it("e-mails each reminder to the talent and the caster, each in their own language", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    await insertTestBooking(db.pool, {
      scheduledAt: new Date(Date.now() + 3 * 3_600_000),
      talent: { locale: "ar", timezone: "Asia/Riyadh", name: "ليلى" },
      caster: { locale: "en", timezone: "Europe/London", name: "Cara" },
    });
    const bridge = await startBridge(db, { SMTP_URL: smtp.url });
    cleanups.push(() => bridge.stop());
    await waitFor(() => smtp.messages.length === 2);
    const byRecipient = Object.fromEntries(
      smtp.messages.map((m) => [m.html && /dir="rtl"/.test(m.html) ? "ar" : "en", m]),
    );
    expect(byRecipient.ar?.subject).toMatch(/^تذكير: /);
    expect(byRecipient.ar?.text).toContain("مرحبًا ليلى،");
    expect(byRecipient.en?.subject).toMatch(/^Reminder: /);
    expect(byRecipient.en?.text).toContain("(Europe/London)");
  });

  it("keeps answering Cal.com while TakeOne's receiver hangs on a delivery", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    // a receiver that holds every request open until the test lets go
    const held: ServerResponse[] = [];
    const seen: string[] = [];
    const hanging = createServer((req, res) => {
      seen.push(String(req.headers["webhook-id"]));
      req.resume();
      held.push(res);
    });
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise((resolve) => {
          hanging.close(() => resolve());
          hanging.closeAllConnections();
        }),
    );
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/events`;
    const bridge = await startBridge(db, { TAKEONE_EVENTS_URL: url, EVENTS_REQUEST_TIMEOUT_MS: "20000" });
    cleanups.push(() => bridge.stop());
    await db.pool.query(`INSERT INTO "User"(id,email,name,role) VALUES ('u-c','c@example.com','Cara','caster'),
      ('u-t','t@example.com','Tariq','talent')`);
    await db.pool.query(`INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc-1','Lead','u-c')`);
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-1','cc-1','u-t'), ('app-2','cc-1','u-t')`,
    );
    const post = (body: object) => {
      const raw = JSON.stringify(body);
      return fetch(`${bridge.url}/api/v1/webhooks/calcom`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cal-signature-256": signCalcomBody(raw, TEST_WEBHOOK_SECRET),
        },
        body: raw,
      });
    };
    const created = (applicationId: string, uid: string) => ({
      triggerEvent: "BOOKING_CREATED",
      createdAt: "2026-11-24T10:00:00Z",
      payload: {
        uid,
        startTime: "2027-01-10T09:00:00Z",
        endTime: "2027-01-10T09:30:00Z",
        metadata: { applicationId },
        attendees: [{ email: "t@example.com", name: "Tariq" }],
      },
    });
    expect((await post(created("app-1", "uid-1"))).status).toBe(200);
    await waitFor(() => held.length === 1); // the first event is in flight and the receiver sits on it
    // Cal.com is still answered, and its change recorded, while that delivery hangs
    expect((await post(created("app-2", "uid-2"))).status).toBe(200);
    expect(held).toHaveLength(1);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM "OutboxEvent"`);
    expect(rows[0].n).toBe(2);
    for (const res of held) res.writeHead(204).end();
    await waitFor(() => held.length === 2);
    held[1]?.writeHead(204).end();
    await waitFor(async () => {
      const { rows: delivered } = await db.pool.query(
        `SELECT count(*)::int AS n FROM "OutboxEvent" WHERE status = 'delivered'`,
      );
      return delivered[0].n === 2;
    });
    expect(new Set(seen).size).toBe(2);
  });

  it("reminds a rescheduled audition again: Cal.com RESCHEDULED clears the flags, the sweep sends anew", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET });
    cleanups.push(() => receiver.close());
    const bridge = await startBridge(db, { TAKEONE_EVENTS_URL: receiver.url });
    cleanups.push(() => bridge.stop());
    await db.pool.query(`INSERT INTO "User"(id,email,name,role) VALUES ('u-c','c@example.com','Cara','caster'),
      ('u-t','t@example.com','Tariq','talent')`);
    await db.pool.query(`INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc-1','Lead','u-c')`);
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ('app-1','cc-1','u-t')`,
    );
    const post = async (body: object) => {
      const raw = JSON.stringify(body);
      const res = await fetch(`${bridge.url}/api/v1/webhooks/calcom`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cal-signature-256": signCalcomBody(raw, TEST_WEBHOOK_SECRET),
        },
        body: raw,
      });
      expect(res.status).toBe(200);
    };
    const hour = 3_600_000;
    const slot = (fromNowMs: number) => ({
      startTime: new Date(Date.now() + fromNowMs).toISOString(),
      endTime: new Date(Date.now() + fromNowMs + 30 * 60_000).toISOString(),
    });
    const base = {
      metadata: { applicationId: "app-1" },
      attendees: [{ email: "t@example.com", name: "Tariq" }],
      organizer: { email: "c@example.com", name: "Cara" },
    };
    await post({
      triggerEvent: "BOOKING_CREATED",
      createdAt: new Date().toISOString(),
      payload: { ...base, uid: "uid-1", ...slot(2 * hour) },
    });
    const types = () => receiver.accepted().map((e) => (e.data.kind ? `${e.type}/${e.data.kind}` : e.type));
    await waitFor(() => types().length === 2);
    expect(types()).toEqual(["audition_booking.created", "audition_booking.reminder/24h"]);

    await post({
      triggerEvent: "BOOKING_RESCHEDULED",
      createdAt: new Date(Date.now() + 1000).toISOString(),
      payload: { ...base, uid: "uid-2", rescheduleUid: "uid-1", ...slot(20 * hour) },
    });
    await waitFor(() => types().length === 4);
    expect(types().slice(2)).toEqual(["audition_booking.rescheduled", "audition_booking.reminder/24h"]);
    expect(receiver.accepted()[2]?.data).toMatchObject({ reminderSent24h: false, calcomBookingUid: "uid-2" });
  });
});
