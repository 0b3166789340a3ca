import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookInCalcom } from "../../test/book-in-calcom.ts";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";
import { type FakeCalcom, startFakeCalcom } from "../../test/fake-calcom-server.ts";
import { createCalcomClient, isRetryableCalcomError } from "../calcom/index.ts";
import { AppError } from "../http/app-error.ts";
import { systemClock } from "../service/service-context.ts";
import { type BookingChangeToCarry, propagateBookingChange } from "./propagate-booking-change.ts";

describe("carrying a caster's cancel or reschedule to Cal.com", () => {
  let db: TestDatabase;
  let fake: FakeCalcom;
  let seq = 0;
  const deps = () => ({
    client: createCalcomClient({ baseUrl: fake.url, apiKey: fake.apiKey, sleep: async () => {} }),
    pool: db.pool,
    clock: systemClock,
    applicationField: "applicationId",
  });
  const carry = (change: BookingChangeToCarry) => propagateBookingChange(deps(), change);
  const rowOf = async (applicationId: string) =>
    (
      await db.pool.query(
        `SELECT status, "calcomBookingUid", "scheduledAt", "cancellationReason" FROM "AuditionBooking" WHERE "applicationId" = $1`,
        [applicationId],
      )
    ).rows[0];
  const posts = () => fake.requests.filter((r) => r.method === "POST").map((r) => r.path);

  /** A booking both in Cal.com and in the bridge. */
  async function booked(): Promise<{ uid: string; applicationId: string }> {
    seq++;
    const applicationId = `app-p${seq}`;
    await db.pool.query(
      `INSERT INTO "Application"(id,"castingCallId","talentUserId") VALUES ($1,'cc','u-t')`,
      [applicationId],
    );
    const { uid } = await bookInCalcom(db.pool, fake, { id: seq, uid: `p-${seq}`, applicationId });
    return { uid, applicationId };
  }

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
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it("reschedules in Cal.com and links the new uid; a retry does not reschedule twice", async () => {
    const { uid, applicationId } = await booked();
    const change: BookingChangeToCarry = {
      kind: "reschedule",
      calcomBookingUid: uid,
      start: new Date("2030-03-21T14:00:00Z"),
      rescheduledBy: "casting@takeone.example",
    };
    const result = await carry(change);
    expect(result.outcome).toBe("carried");
    expect(result.calcomBookingUid).not.toBe(uid);
    const row = await rowOf(applicationId);
    expect(row).toMatchObject({ status: "scheduled", calcomBookingUid: result.calcomBookingUid });
    expect(row.scheduledAt.toISOString()).toBe("2030-03-21T14:00:00.000Z");

    const again = await carry(change);
    expect(again).toMatchObject({ outcome: "already-done", calcomBookingUid: result.calcomBookingUid });
    expect(posts()).toEqual([`/v2/bookings/${uid}/reschedule`]);
    expect(again.report.changes).toEqual([]);
  });

  it("cancels in Cal.com; a retry finds it cancelled and sends nothing", async () => {
    const { uid, applicationId } = await booked();
    const change: BookingChangeToCarry = {
      kind: "cancel",
      calcomBookingUid: uid,
      reason: "Role has been cast",
    };
    expect((await carry(change)).outcome).toBe("carried");
    expect(await rowOf(applicationId)).toMatchObject({
      status: "cancelled",
      cancellationReason: "Role has been cast",
    });
    expect((await carry(change)).outcome).toBe("already-done");
    expect(posts()).toEqual([`/v2/bookings/${uid}/cancel`]);
  });

  it("fails visibly, and retryably, when Cal.com is down; the local booking is untouched; the retry carries it", async () => {
    const { uid, applicationId } = await booked();
    const before = await rowOf(applicationId);
    fake.failNext(1, {
      status: 200,
      body: { status: "success", data: fake.state.bookings.find((b) => b.uid === uid) },
    }); // the read
    fake.failNext(1, { status: 503 }); // the POST: not repeated by the client
    const change: BookingChangeToCarry = {
      kind: "cancel",
      calcomBookingUid: uid,
      reason: "Role has been cast",
    };
    const error = await carry(change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(isRetryableCalcomError(error)).toBe(true);
    expect(await rowOf(applicationId)).toEqual(before);
    expect((await carry(change)).outcome).toBe("carried");
  });

  it("stops with Cal.com's reason when it refuses (not worth retrying)", async () => {
    const { uid } = await booked();
    const booking = fake.state.bookings.find((b) => b.uid === uid);
    if (booking) booking.status = "rejected";
    const error = await carry({
      kind: "reschedule",
      calcomBookingUid: uid,
      start: new Date("2030-04-01T10:00:00Z"),
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("CALCOM_REJECTED");
    expect(isRetryableCalcomError(error)).toBe(false);
  });
});
