import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookInCalcom } from "../../test/book-in-calcom.ts";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { type FakeCalcom, startFakeCalcom } from "../../test/fake-calcom-server.ts";
import { recordCalcomPropagation } from "../bookings/record-calcom-propagation.ts";
import { createCalcomClient } from "../calcom/index.ts";
import { type SendPropagationsOptions, sendPendingPropagations } from "./send-pending-propagations.ts";

describe("sending pending propagations to Cal.com", () => {
  let db: TestDatabase;
  let fake: FakeCalcom;
  let seq = 0;
  /**
   * The job's clock: stopped, a minute ahead of the database's (so rows recorded during a test are
   * due), and moved forward by tests past a retry's pause. Never the wall clock: a slow machine
   * must not change what is due.
   */
  let nowMs = 0;
  const clock = { now: () => new Date(nowMs) };
  const PAUSE_MS = 600_000;
  const options = (extra: Partial<SendPropagationsOptions> = {}): SendPropagationsOptions => ({
    client: createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey, sleep: async () => {} }),
    pool: db.pool,
    clock,
    applicationField: "applicationId",
    retryScheduleMs: [PAUSE_MS, PAUSE_MS],
    random: () => 0,
    ...extra,
  });
  const posts = () => fake.requests.filter((r) => r.method === "POST").map((r) => r.path);
  const rowsOf = async (bookingId: string) =>
    (
      await db.pool.query(
        `SELECT "action", "status", "attempts", "lastError", "resultUid", "calcomBookingUid"
           FROM "CalcomPropagation" WHERE "bookingId" = $1 ORDER BY "sequence"`,
        [bookingId],
      )
    ).rows;

  /** A booking in Cal.com and in the bridge, linked by its uid. */
  async function booked(): Promise<{ uid: string; bookingId: string }> {
    seq++;
    const applicationId = `app-s${seq}`;
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ($1,'cc','u-t')`,
      [applicationId],
    );
    const { uid, bookingId } = await bookInCalcom(db.pool, fake, { id: seq, uid: `s-${seq}`, applicationId });
    return { uid, bookingId: bookingId as string };
  }
  const cancel = (b: { uid: string; bookingId: string }, reason: string | null = "Role has been cast") =>
    recordCalcomPropagation(db.pool, {
      bookingId: b.bookingId,
      calcomBookingUid: b.uid,
      action: "cancel",
      data: { reason, byUserId: "u-c" },
    });
  const reschedule = (b: { uid: string; bookingId: string }, start: string) =>
    recordCalcomPropagation(db.pool, {
      bookingId: b.bookingId,
      calcomBookingUid: b.uid,
      action: "reschedule",
      data: { start, durationMinutes: 15, timeZone: "Asia/Riyadh", byUserId: "u-c" },
    });

  beforeAll(async () => {
    [db, fake] = await Promise.all([createTestDatabase(), startFakeCalcom()]);
    await db.pool.query(
      `INSERT INTO "User"(id,email,name,role) VALUES ('u-c','casting@takeone.example','Casting','caster'),('u-t','jane@example.com','Jane','talent');
       INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','u-c');`,
    );
  });
  afterAll(async () => {
    await Promise.all([db.drop(), fake.close()]);
  });
  beforeEach(async () => {
    // each test starts with nothing pending from the one before
    await db.pool.query(`UPDATE "CalcomPropagation" SET "status" = 'done' WHERE "status" = 'pending'`);
    fake.requests.length = 0;
    nowMs = Date.now() + 60_000;
  });

  it("carries a cancel and marks it done; a second run sends nothing", async () => {
    const b = await booked();
    await cancel(b, null);
    expect(await sendPendingPropagations(options())).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(posts()).toEqual([`/v2/bookings/${b.uid}/cancel`]);
    // a host must give Cal.com a reason: the default stands in for a cancel without one
    expect(fake.requests.find((r) => r.method === "POST")?.body).toEqual({
      cancellationReason: "Cancelled in TakeOne",
    });
    expect(await rowsOf(b.bookingId)).toEqual([
      {
        action: "cancel",
        status: "done",
        attempts: 1,
        lastError: null,
        resultUid: b.uid,
        calcomBookingUid: b.uid,
      },
    ]);
    expect(await sendPendingPropagations(options())).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(posts()).toHaveLength(1);
  });

  it("two dispatchers at once send each change exactly once", async () => {
    const bookings = [];
    for (let i = 0; i < 12; i++) bookings.push(await booked());
    for (const b of bookings) await cancel(b);
    const [first, second] = await Promise.all([
      sendPendingPropagations(options({ batchSize: 3 })),
      sendPendingPropagations(options({ batchSize: 3 })),
    ]);
    expect(first.done + second.done).toBe(12);
    expect(posts().sort()).toEqual(bookings.map((b) => `/v2/bookings/${b.uid}/cancel`).sort());
  });

  it("retries while Cal.com is down, then carries the change", async () => {
    const b = await booked();
    await cancel(b);
    fake.failNext(4, { status: 503 }); // every try of the client's read
    expect(await sendPendingPropagations(options())).toEqual({ done: 0, retried: 1, failed: 0 });
    const [waiting] = await rowsOf(b.bookingId);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toMatch(/^CALCOM_UNAVAILABLE: /);
    // not due before its pause has passed
    expect(await sendPendingPropagations(options())).toEqual({ done: 0, retried: 0, failed: 0 });
    nowMs += PAUSE_MS;
    expect(await sendPendingPropagations(options())).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await rowsOf(b.bookingId)).toMatchObject([{ status: "done", attempts: 2, lastError: null }]);
    expect(posts()).toEqual([`/v2/bookings/${b.uid}/cancel`]);
  });

  it("fails after the last retry, keeping the error", async () => {
    const b = await booked();
    await cancel(b);
    fake.failNext(12, { status: 503 });
    await sendPendingPropagations(options());
    nowMs += PAUSE_MS;
    await sendPendingPropagations(options());
    nowMs += PAUSE_MS;
    expect(await sendPendingPropagations(options())).toEqual({ done: 0, retried: 0, failed: 1 });
    const [row] = await rowsOf(b.bookingId);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/^CALCOM_UNAVAILABLE: /);
  });

  it("fails at once, with Cal.com's reason, when Cal.com refuses (400)", async () => {
    const b = await booked();
    const inCalcom = fake.state.bookings.find((x) => x.uid === b.uid);
    if (inCalcom) inCalcom.status = "rejected"; // Cal.com cannot reschedule it (calcom-facts §4.4)
    await reschedule(b, "2030-04-01T10:00:00.000Z");
    expect(await sendPendingPropagations(options())).toEqual({ done: 0, retried: 0, failed: 1 });
    const [row] = await rowsOf(b.bookingId);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toMatch(/^CALCOM_REJECTED: .*Can't reschedule booking with status rejected/);
  });

  it("keeps a booking's order: a cancel waits for the reschedule before it, and goes to the new uid", async () => {
    const b = await booked();
    await reschedule(b, "2030-05-01T10:00:00.000Z");
    await cancel(b, "changed our mind");
    // the reschedule's POST meets an outage (a POST is not repeated by the client)
    fake.failNext(1, { status: 200, body: { status: "success", data: fake.state.bookings.at(-1) } });
    fake.failNext(1, { status: 503 });
    expect(await sendPendingPropagations(options())).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(posts()).toEqual([`/v2/bookings/${b.uid}/reschedule`]); // the cancel was held back

    nowMs += PAUSE_MS;
    expect(await sendPendingPropagations(options())).toEqual({ done: 2, retried: 0, failed: 0 });
    const rows = await rowsOf(b.bookingId);
    const newUid = rows[0].resultUid as string;
    expect(newUid).not.toBe(b.uid);
    expect(rows).toMatchObject([
      { action: "reschedule", status: "done", attempts: 2, calcomBookingUid: b.uid },
      { action: "cancel", status: "done", attempts: 1, calcomBookingUid: newUid, resultUid: newUid },
    ]);
    expect(posts()).toEqual([
      `/v2/bookings/${b.uid}/reschedule`,
      `/v2/bookings/${b.uid}/reschedule`,
      `/v2/bookings/${newUid}/cancel`,
    ]);
    const moved = fake.requests.filter((r) => r.path.endsWith("/reschedule")).at(-1);
    expect(moved?.body).toMatchObject({
      start: "2030-05-01T10:00:00.000Z",
      rescheduledBy: "casting@takeone.example",
    });
    expect(fake.state.bookings.find((x) => x.uid === newUid)?.status).toBe("cancelled");
    const { rows: local } = await db.pool.query(
      `SELECT status, "calcomBookingUid" FROM "AuditionBooking" WHERE id = $1`,
      [b.bookingId],
    );
    expect(local).toEqual([{ status: "cancelled", calcomBookingUid: newUid }]);
  });
});
