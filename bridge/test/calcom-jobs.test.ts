import { afterAll, describe, expect, it } from "vitest";
import type { RunningService } from "../src/service/start-service.ts";
import { type CastingFixture, callApi, insertCastingFixture } from "./api-fixtures.ts";
import { bookInCalcom } from "./book-in-calcom.ts";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { type FakeCalcom, startFakeCalcom } from "./fake-calcom-server.ts";
import { startServiceOn } from "./start-test-service.ts";

/** Polls until `check` holds (the jobs run on their own timers); fails after `ms`. */
async function waitFor(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A bridge process (HTTP + jobs) on an existing database, polling Cal.com changes fast. */
function startBridge(
  db: TestDatabase,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningService & { url: string }> {
  return startServiceOn(db, { env: { PROPAGATION_POLL_MS: "50", ...env }, isJobsEnabled: true });
}

describe("Cal.com jobs in the running service", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  let calcomId = 0;

  /** A booking made in Cal.com for the fixture's application: in the fake, and in the bridge unless `isMissed`. */
  const bookedInCalcom = (
    db: TestDatabase,
    fake: FakeCalcom,
    f: CastingFixture,
    options: { isMissed?: boolean } = {},
  ) => {
    calcomId++;
    return bookInCalcom(db.pool, fake, {
      id: calcomId,
      uid: `job-${calcomId}`,
      applicationId: f.applicationId,
      ...options,
    });
  };
  const statuses = async (db: TestDatabase) =>
    (await db.pool.query(`SELECT "status" FROM "CalcomPropagation" ORDER BY "sequence"`)).rows.map(
      (r) => r.status as string,
    );
  const posts = (fake: FakeCalcom) => fake.requests.filter((r) => r.method === "POST").map((r) => r.path);

  it("carries the API's cancel, reschedule and delete to Cal.com exactly once with two bridges running", async () => {
    const [db, fake] = await Promise.all([createTestDatabase(), startFakeCalcom()]);
    cleanups.push(
      () => db.drop(),
      () => fake.close(),
    );
    fake.state.eventTypes = [{ id: 100, title: "Audition", slug: "audition", lengthInMinutes: 15 }];
    const cancelled = await insertCastingFixture(db.pool);
    const moved = await insertCastingFixture(db.pool);
    const deleted = await insertCastingFixture(db.pool);
    const a = await bookedInCalcom(db, fake, cancelled);
    const b = await bookedInCalcom(db, fake, moved);
    const c = await bookedInCalcom(db, fake, deleted);
    const calcom = { CALCOM_API_URL: fake.url, CALCOM_API_KEY: fake.apiKey };
    const first = await startBridge(db, calcom);
    cleanups.push(() => first.stop());
    const second = await startBridge(db, calcom);
    cleanups.push(() => second.stop());

    const cancel = await callApi(first.url, "PATCH", `/api/v1/bookings/${a.bookingId}`, {
      token: cancelled.caster.token,
      body: { status: "cancelled", cancellationReason: "Role has been cast" },
    });
    expect(cancel.status).toBe(200);
    const reschedule = await callApi(second.url, "PATCH", `/api/v1/bookings/${b.bookingId}`, {
      token: moved.caster.token,
      body: { scheduledAt: "2030-06-01T10:00:00.000Z" },
    });
    expect(reschedule.status).toBe(200);
    const remove = await callApi(first.url, "DELETE", `/api/v1/bookings/${c.bookingId}`, {
      token: deleted.caster.token,
    });
    expect(remove.status).toBe(204);

    await waitFor(async () => (await statuses(db)).every((s) => s === "done"));
    // both bridges keep polling for a while: nothing is sent again
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(posts(fake).sort()).toEqual([
      `/v2/bookings/${a.uid}/cancel`,
      `/v2/bookings/${b.uid}/reschedule`,
      `/v2/bookings/${c.uid}/cancel`,
    ]);
    expect(fake.state.bookings.find((x) => x.uid === a.uid)).toMatchObject({
      status: "cancelled",
      cancellationReason: "Role has been cast",
    });
    expect(fake.state.bookings.find((x) => x.uid === c.uid)).toMatchObject({
      status: "cancelled",
      cancellationReason: "deleted in TakeOne",
    });
    // Cal.com's answer recorded through the fold does not bring the deleted booking back
    const gone = await callApi(first.url, "GET", `/api/v1/bookings/${c.bookingId}`, {
      token: deleted.caster.token,
    });
    expect(gone.status).toBe(404);
    const newUid = fake.state.bookings.find((x) => x.rescheduledFromUid === b.uid)?.uid;
    expect(newUid).toBeDefined();
    const view = await callApi(first.url, "GET", `/api/v1/bookings/${b.bookingId}`, {
      token: moved.caster.token,
    });
    expect(view.body.data).toMatchObject({
      calcomBookingUid: newUid,
      scheduledAt: "2030-06-01T10:00:00.000Z",
      status: "scheduled",
    });
  });

  it("keeps changes while Cal.com API v2 is not configured and sends them once it is", async () => {
    const [db, fake] = await Promise.all([createTestDatabase(), startFakeCalcom()]);
    cleanups.push(
      () => db.drop(),
      () => fake.close(),
    );
    const f = await insertCastingFixture(db.pool);
    const a = await bookedInCalcom(db, fake, f);
    const unsent = await startBridge(db);
    const cancel = await callApi(unsent.url, "PATCH", `/api/v1/bookings/${a.bookingId}`, {
      token: f.caster.token,
      body: { status: "cancelled" },
    });
    expect(cancel.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statuses(db)).toEqual(["pending"]);
    await unsent.stop();

    const sending = await startBridge(db, { CALCOM_API_URL: fake.url, CALCOM_API_KEY: fake.apiKey });
    cleanups.push(() => sending.stop());
    await waitFor(async () => (await statuses(db))[0] === "done");
    expect(posts(fake)).toEqual([`/v2/bookings/${a.uid}/cancel`]);
  });

  it("runs the scheduled sync at start and repairs a booking whose webhook was missed", async () => {
    const [db, fake] = await Promise.all([createTestDatabase(), startFakeCalcom()]);
    cleanups.push(
      () => db.drop(),
      () => fake.close(),
    );
    fake.state.eventTypes = [{ id: 100, title: "Audition", slug: "audition", lengthInMinutes: 15 }];
    const f = await insertCastingFixture(db.pool);
    const missed = await bookedInCalcom(db, fake, f, { isMissed: true });
    const bridge = await startBridge(db, { CALCOM_API_URL: fake.url, CALCOM_API_KEY: fake.apiKey });
    cleanups.push(() => bridge.stop());
    await waitFor(async () => {
      const { rows } = await db.pool.query(`SELECT 1 FROM "AuditionBooking" WHERE "calcomBookingUid" = $1`, [
        missed.uid,
      ]);
      return rows.length === 1;
    });
    const { rows } = await db.pool.query(
      `SELECT status, "applicationId", "scheduledAt" FROM "AuditionBooking" WHERE "calcomBookingUid" = $1`,
      [missed.uid],
    );
    expect(rows).toEqual([
      {
        status: "scheduled",
        applicationId: f.applicationId,
        scheduledAt: new Date("2030-03-14T09:30:00.000Z"),
      },
    ]);
    expect(fake.requests.some((r) => r.method === "GET" && r.path === "/v2/bookings")).toBe(true);
  });
});
