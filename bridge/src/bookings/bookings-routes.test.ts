import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CastingFixture, callApi, insertCastingFixture } from "../../test/api-fixtures.ts";
import { startTestService, TEST_WEBHOOK_SECRET, type TestService } from "../../test/start-test-service.ts";

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

describe("/api/v1/bookings", () => {
  let service: TestService;
  const api = (method: string, path: string, options: Parameters<typeof callApi>[3] = {}) =>
    callApi(service.url, method, path, options);
  const book = (f: CastingFixture, extra: Record<string, unknown> = {}, token = f.caster.token) =>
    api("POST", "/api/v1/bookings", {
      token,
      body: {
        applicationId: f.applicationId,
        scheduledAt: inDays(3),
        duration: 30,
        meetingType: "video",
        ...extra,
      },
    });
  const bookOk = async (f: CastingFixture, extra: Record<string, unknown> = {}) => {
    const res = await book(f, extra);
    expect(res.status).toBe(201);
    return res.body.data as { id: string; [key: string]: unknown };
  };
  const fixture = () => insertCastingFixture(service.db.pool);

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());

  describe("POST", () => {
    it("lets the caster of the casting call book: 201 with talent, caster and casting call", async () => {
      const f = await fixture();
      const scheduledAt = inDays(2);
      const res = await book(f, {
        scheduledAt,
        duration: 45,
        timezone: "Europe/London",
        meetingUrl: "https://meet.example/abc",
        casterNotes: "bring a monologue",
      });
      expect(res.status).toBe(201);
      const booking = res.body.data;
      expect(res.headers.get("location")).toBe(`/api/v1/bookings/${booking.id}`);
      expect(booking).toMatchObject({
        applicationId: f.applicationId,
        talentUserId: f.talent.id,
        casterUserId: f.caster.id,
        castingCallId: f.castingCallId,
        scheduledAt: new Date(scheduledAt).toISOString(),
        duration: 45,
        timezone: "Europe/London",
        meetingType: "video",
        meetingUrl: "https://meet.example/abc",
        status: "scheduled",
        casterNotes: "bring a monologue",
        talentNotes: null,
        cancelledAt: null,
        calcomBookingUid: null,
        talent: { id: f.talent.id, name: expect.any(String), email: `${f.talent.id}@example.test` },
        caster: { id: f.caster.id, name: expect.any(String), email: `${f.caster.id}@example.test` },
        castingCall: { id: f.castingCallId, title: "Lead role" },
      });
      const events = await service.db.pool.query(`SELECT "type" FROM "OutboxEvent" WHERE "bookingId" = $1`, [
        booking.id,
      ]);
      expect(events.rows).toEqual([{ type: "audition_booking.created" }]);
    });

    it("refuses a talent (403), another caster (404) and no token (401); lets an admin book", async () => {
      const f = await fixture();
      expect((await book(f, {}, f.talent.token)).status).toBe(403);
      const other = await book(f, {}, f.otherCaster.token);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe("NOT_FOUND");
      expect((await api("POST", "/api/v1/bookings", { body: {} })).status).toBe(401);
      expect((await book(f, {}, f.admin.token)).status).toBe(201);
    });

    it("answers 404 for an application that does not exist", async () => {
      const f = await fixture();
      const res = await book(f, { applicationId: "app_missing" });
      expect(res.status).toBe(404);
    });

    it("answers 409 BOOKING_EXISTS while the application has an active booking, and books again after a cancel", async () => {
      const f = await fixture();
      const first = await bookOk(f);
      const again = await book(f);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "BOOKING_EXISTS", details: { bookingId: first.id } });

      const cancel = await api("PATCH", `/api/v1/bookings/${first.id}`, {
        token: f.caster.token,
        body: { status: "cancelled", cancellationReason: "clash" },
      });
      expect(cancel.status).toBe(200);
      const replaced = await book(f, { casterNotes: "second try" });
      expect(replaced.status).toBe(201);
      expect(replaced.body.data).toMatchObject({
        status: "scheduled",
        cancelledAt: null,
        cancelledBy: null,
        cancellationReason: null,
        casterNotes: "second try",
      });
    });

    const invalid: [string, Record<string, unknown>, string][] = [
      ["no applicationId", { applicationId: undefined }, "applicationId"],
      ["a scheduledAt that is not a date-time", { scheduledAt: "tomorrow" }, "scheduledAt"],
      ["a scheduledAt without offset", { scheduledAt: "2030-01-01T10:00:00" }, "scheduledAt"],
      ["a duration under 5 minutes", { duration: 3 }, "duration"],
      ["a fractional duration", { duration: 30.5 }, "duration"],
      ["an unknown meeting type", { meetingType: "carrier-pigeon" }, "meetingType"],
      ["a time zone abbreviation", { timezone: "EST" }, "timezone"],
      ["an unknown time zone", { timezone: "Mars/Olympus" }, "timezone"],
      ["a meetingUrl that is not http(s)", { meetingUrl: "ftp://x.example/y" }, "meetingUrl"],
    ];
    for (const [name, change, path] of invalid) {
      it(`answers 400 VALIDATION_FAILED naming ${path} for ${name}`, async () => {
        const f = await fixture();
        const res = await book(f, change);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
        expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
      });
    }

    it("answers 400 INVALID_JSON to a body that is not JSON", async () => {
      const f = await fixture();
      const res = await fetch(`${service.url}/api/v1/bookings`, {
        method: "POST",
        headers: { authorization: `Bearer ${f.caster.token}`, "content-type": "application/json" },
        body: "{nope",
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("INVALID_JSON");
    });

    it("answers 422 SCHEDULED_IN_PAST to a time that has passed", async () => {
      const f = await fixture();
      const res = await book(f, { scheduledAt: inDays(-1) });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("SCHEDULED_IN_PAST");
    });

    it("answers a repeated Idempotency-Key with the booking it made (200), and no second event", async () => {
      const f = await fixture();
      const headers = { "idempotency-key": `key-${randomUUID()}` };
      const first = await api("POST", "/api/v1/bookings", {
        token: f.caster.token,
        headers,
        body: { applicationId: f.applicationId, scheduledAt: inDays(3), duration: 30, meetingType: "phone" },
      });
      const second = await api("POST", "/api/v1/bookings", {
        token: f.caster.token,
        headers,
        body: { applicationId: f.applicationId, scheduledAt: inDays(3), duration: 30, meetingType: "phone" },
      });
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.body.data.id).toBe(first.body.data.id);
      const events = await service.db.pool.query(`SELECT 1 FROM "OutboxEvent" WHERE "bookingId" = $1`, [
        first.body.data.id,
      ]);
      expect(events.rowCount).toBe(1);
    });

    it("makes one booking of concurrent POSTs for one application", async () => {
      const f = await fixture();
      const results = await Promise.all(Array.from({ length: 8 }, () => book(f)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const rows = await service.db.pool.query(`SELECT 1 FROM "AuditionBooking" WHERE "applicationId" = $1`, [
        f.applicationId,
      ]);
      expect(rows.rowCount).toBe(1);
    });
  });

  describe("GET /:id", () => {
    it("shows the booking to its talent, its caster and an admin; 404 to everyone else; 401 without a token", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const get = (token?: string) => api("GET", `/api/v1/bookings/${booking.id}`, token ? { token } : {});
      for (const token of [f.talent.token, f.caster.token, f.admin.token]) {
        const res = await get(token);
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual(booking);
      }
      for (const token of [f.otherCaster.token, f.otherTalent.token]) {
        const res = await get(token);
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`No booking ${booking.id}.`);
      }
      expect((await get()).status).toBe(401);
      const missing = await api("GET", "/api/v1/bookings/nope", { token: f.admin.token });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe("No booking nope.");
    });
  });

  describe("PATCH /:id", () => {
    const patch = (id: string, token: string, body: unknown) =>
      api("PATCH", `/api/v1/bookings/${id}`, { token, body });

    it("lets the talent confirm a scheduled booking, and no one else", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      expect((await patch(booking.id, f.caster.token, { status: "confirmed" })).status).toBe(403);
      expect((await patch(booking.id, f.admin.token, { status: "confirmed" })).status).toBe(403);
      expect((await patch(booking.id, f.otherTalent.token, { status: "confirmed" })).status).toBe(404);
      const res = await patch(booking.id, f.talent.token, { status: "confirmed", talentNotes: "see you" });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ status: "confirmed", talentNotes: "see you" });
      const again = await patch(booking.id, f.talent.token, { status: "confirmed" });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("INVALID_TRANSITION");
    });

    it("lets the caster reschedule: new time, talent must confirm again, reminders reset", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      await patch(booking.id, f.talent.token, { status: "confirmed" });
      await service.db.pool.query(
        `UPDATE "AuditionBooking" SET "reminderSent24h" = true, "reminderSent1h" = true WHERE "id" = $1`,
        [booking.id],
      );
      const scheduledAt = inDays(5);
      expect((await patch(booking.id, f.talent.token, { scheduledAt })).status).toBe(403);
      const res = await patch(booking.id, f.caster.token, {
        scheduledAt,
        duration: 60,
        timezone: "Asia/Dubai",
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        scheduledAt: new Date(scheduledAt).toISOString(),
        duration: 60,
        timezone: "Asia/Dubai",
        status: "scheduled",
        reminderSent24h: false,
        reminderSent1h: false,
      });
      const events = await service.db.pool.query(
        `SELECT "type" FROM "OutboxEvent" WHERE "bookingId" = $1 ORDER BY "sequence"`,
        [booking.id],
      );
      expect(events.rows.map((r) => r.type)).toEqual([
        "audition_booking.created",
        "audition_booking.confirmed",
        "audition_booking.rescheduled",
      ]);
    });

    it("answers 422 SCHEDULED_IN_PAST to a reschedule into the past", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const res = await patch(booking.id, f.caster.token, { scheduledAt: inDays(-2) });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("SCHEDULED_IN_PAST");
    });

    it("lets the caster change the meeting details without asking the talent to confirm again", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      await patch(booking.id, f.talent.token, { status: "confirmed" });
      const res = await patch(booking.id, f.caster.token, { meetingType: "in-person", location: "Studio 4" });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        status: "confirmed",
        meetingType: "in-person",
        location: "Studio 4",
      });
    });

    it("records who cancelled and when; a cancelled booking cannot be confirmed, moved or cancelled again", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const res = await patch(booking.id, f.talent.token, { status: "cancelled", cancellationReason: "ill" });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        status: "cancelled",
        cancelledBy: f.talent.id,
        cancellationReason: "ill",
        cancelledAt: expect.any(String),
      });
      for (const [token, body] of [
        [f.talent.token, { status: "confirmed" }],
        [f.caster.token, { scheduledAt: inDays(4) }],
        [f.caster.token, { status: "cancelled" }],
      ] as const) {
        const refused = await patch(booking.id, token, body);
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({
          code: "INVALID_TRANSITION",
          details: { status: "cancelled" },
        });
      }
    });

    it("keeps casterNotes to the caster and talentNotes to the talent", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      expect((await patch(booking.id, f.talent.token, { casterNotes: "x" })).status).toBe(403);
      expect((await patch(booking.id, f.caster.token, { talentNotes: "x" })).status).toBe(403);
      const caster = await patch(booking.id, f.caster.token, { casterNotes: "strong read" });
      expect(caster.body.data.casterNotes).toBe("strong read");
      const talent = await patch(booking.id, f.talent.token, { talentNotes: "running late" });
      expect(talent.body.data).toMatchObject({ casterNotes: "strong read", talentNotes: "running late" });
      const events = await service.db.pool.query(
        `SELECT "type" FROM "OutboxEvent" WHERE "bookingId" = $1 AND "type" = 'audition_booking.updated'`,
        [booking.id],
      );
      expect(events.rowCount).toBe(2);
    });

    it("validates the body: empty, unknown fields, a reason without a cancel, two changes at once", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      for (const body of [{}, { colour: "red" }, { status: "completed" }, { duration: 1000 }]) {
        const res = await patch(booking.id, f.caster.token, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
      }
      const reason = await patch(booking.id, f.caster.token, { cancellationReason: "why" });
      expect(reason.status).toBe(400);
      expect(reason.body.error.details).toEqual([
        { path: "cancellationReason", message: 'only with status "cancelled"' },
      ]);
      const both = await patch(booking.id, f.caster.token, { status: "cancelled", scheduledAt: inDays(6) });
      expect(both.status).toBe(422);
      expect(both.body.error.code).toBe("UNPROCESSABLE");
    });

    it("lets an admin reschedule and cancel", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const moved = await patch(booking.id, f.admin.token, { scheduledAt: inDays(8), location: "Room 2" });
      expect(moved.status).toBe(200);
      expect(moved.body.data.location).toBe("Room 2");
      const cancelled = await patch(booking.id, f.admin.token, { status: "cancelled" });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data).toMatchObject({
        status: "cancelled",
        cancelledBy: f.admin.id,
        cancellationReason: null,
      });
    });

    it("answers a repeated Idempotency-Key with the booking as it is, changing nothing more", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const headers = { "idempotency-key": `cancel-${randomUUID()}` };
      const body = { status: "cancelled", cancellationReason: "clash" };
      const first = await api("PATCH", `/api/v1/bookings/${booking.id}`, {
        token: f.caster.token,
        headers,
        body,
      });
      const second = await api("PATCH", `/api/v1/bookings/${booking.id}`, {
        token: f.caster.token,
        headers,
        body,
      });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200); // not 409 INVALID_TRANSITION: it is the same request
      expect(second.body.data).toEqual(first.body.data);
    });

    it("refuses an Idempotency-Key reused for another application (409 CONFLICT)", async () => {
      const f = await fixture();
      const g = await fixture();
      const headers = { "idempotency-key": `book-${randomUUID()}` };
      const body = (applicationId: string) => ({
        applicationId,
        scheduledAt: inDays(3),
        duration: 30,
        meetingType: "video",
      });
      expect(
        (
          await api("POST", "/api/v1/bookings", {
            token: f.admin.token,
            headers,
            body: body(f.applicationId),
          })
        ).status,
      ).toBe(201);
      const reused = await api("POST", "/api/v1/bookings", {
        token: f.admin.token,
        headers,
        body: body(g.applicationId),
      });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe("CONFLICT");
      const booked = await bookOk(g);
      const onAnother = await api("PATCH", `/api/v1/bookings/${booked.id}`, {
        token: g.admin.token,
        headers: { "idempotency-key": "same-key" },
        body: { status: "cancelled" },
      });
      expect(onAnother.status).toBe(200);
      const firstBooking = (await api("GET", "/api/v1/bookings", { token: f.caster.token })).body.data[0];
      const again = await api("PATCH", `/api/v1/bookings/${firstBooking.id}`, {
        token: g.admin.token,
        headers: { "idempotency-key": "same-key" },
        body: { status: "cancelled" },
      });
      expect(again.status).toBe(409);
    });

    it("serialises a cancel and a reschedule sent at once: the booking ends cancelled either way", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const [cancel, move] = await Promise.all([
        patch(booking.id, f.talent.token, { status: "cancelled" }),
        patch(booking.id, f.caster.token, { scheduledAt: inDays(7) }),
      ]);
      expect(cancel.status).toBe(200);
      expect([200, 409]).toContain(move.status); // 409 INVALID_TRANSITION when the cancel went first
      const now = await api("GET", `/api/v1/bookings/${booking.id}`, { token: f.caster.token });
      expect(now.body.data.status).toBe("cancelled");
    });

    it("answers 404 to another caster and 401 without a token", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      expect((await patch(booking.id, f.otherCaster.token, { status: "cancelled" })).status).toBe(404);
      expect(
        (await api("PATCH", `/api/v1/bookings/${booking.id}`, { body: { status: "cancelled" } })).status,
      ).toBe(401);
    });
  });

  describe("a booking linked to Cal.com", () => {
    /** Sends a signed Cal.com booking webhook for the application, as Cal.com would. */
    async function sendCalcom(
      f: CastingFixture,
      args: { trigger: string; uid: string; start: Date; rescheduleUid?: string; extra?: object },
    ): Promise<{ outcome: string }> {
      const body = JSON.stringify({
        triggerEvent: args.trigger,
        createdAt: new Date().toISOString(),
        payload: {
          uid: args.uid,
          bookingId: 4242,
          startTime: args.start.toISOString(),
          endTime: new Date(args.start.getTime() + 30 * 60_000).toISOString(),
          status: "ACCEPTED",
          location: "integrations:daily",
          videoCallData: { type: "daily_video", url: "https://cal.example/video/x" },
          metadata: { applicationId: f.applicationId },
          attendees: [{ email: `${f.talent.id}@example.test`, name: "T", timeZone: "Asia/Riyadh" }],
          ...(args.rescheduleUid ? { rescheduleUid: args.rescheduleUid } : {}),
          ...args.extra,
        },
      });
      const res = await fetch(`${service.url}/api/v1/webhooks/calcom`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cal-signature-256": createHmac("sha256", TEST_WEBHOOK_SECRET).update(body).digest("hex"),
        },
        body,
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { outcome: string } }).data;
    }
    const calcomCreated = (f: CastingFixture, uid: string) =>
      sendCalcom(f, { trigger: "BOOKING_CREATED", uid, start: new Date(Date.now() + 4 * DAY_MS) });

    it("orders an API change after the Cal.com facts it follows, even when Cal.com's clock runs ahead", async () => {
      const f = await fixture();
      const uid = `uid-${randomUUID()}`;
      const skewed = new Date(Date.now() + 60 * 60_000); // Cal.com's clock an hour ahead of the bridge's
      const body = JSON.stringify({
        triggerEvent: "BOOKING_CREATED",
        createdAt: skewed.toISOString(),
        payload: {
          uid,
          startTime: new Date(Date.now() + 4 * DAY_MS).toISOString(),
          endTime: new Date(Date.now() + 4 * DAY_MS + 30 * 60_000).toISOString(),
          status: "ACCEPTED",
          metadata: { applicationId: f.applicationId },
          attendees: [{ email: `${f.talent.id}@example.test`, name: "T", timeZone: "Asia/Riyadh" }],
        },
      });
      const res = await fetch(`${service.url}/api/v1/webhooks/calcom`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cal-signature-256": createHmac("sha256", TEST_WEBHOOK_SECRET).update(body).digest("hex"),
        },
        body,
      });
      expect(res.status).toBe(200);
      const id = (await api("GET", "/api/v1/bookings", { token: f.caster.token })).body.data[0].id as string;
      const confirmed = await api("PATCH", `/api/v1/bookings/${id}`, {
        token: f.talent.token,
        body: { status: "confirmed" },
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.data.status).toBe("confirmed");
      const cancelled = await api("PATCH", `/api/v1/bookings/${id}`, {
        token: f.caster.token,
        body: { status: "cancelled" },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data.status).toBe("cancelled");
    });

    it("answers 409 when the application's Cal.com booking arrived before the application existed", async () => {
      const f = await fixture();
      const lateApplicationId = `app_late_${randomUUID()}`;
      const early = await sendCalcom(
        { ...f, applicationId: lateApplicationId },
        { trigger: "BOOKING_CREATED", uid: `uid-${randomUUID()}`, start: new Date(Date.now() + 4 * DAY_MS) },
      );
      expect(early.outcome).toBe("unmapped");
      await service.db.pool.query(
        `INSERT INTO "Application" ("id", "castingCallId", "talentUserId") VALUES ($1, $2, $3)`,
        [lateApplicationId, f.castingCallId, f.talent.id],
      );
      const res = await book({ ...f, applicationId: lateApplicationId });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("BOOKING_EXISTS");
      const shown = await api("GET", `/api/v1/bookings/${res.body.error.details.bookingId}`, {
        token: f.caster.token,
      });
      expect(shown.body.data).toMatchObject({
        applicationId: lateApplicationId,
        calcomBookingUid: expect.any(String),
      });
    });

    it("never fails or deadlocks when an API change and a Cal.com reschedule of the same booking race", async () => {
      for (let round = 0; round < 5; round++) {
        const f = await fixture();
        const first = `uid-${randomUUID()}`;
        await calcomCreated(f, first);
        const id = (await api("GET", "/api/v1/bookings", { token: f.caster.token })).body.data[0]
          .id as string;
        const second = `uid-${randomUUID()}`;
        const [fromApi] = await Promise.all([
          api("PATCH", `/api/v1/bookings/${id}`, { token: f.talent.token, body: { status: "cancelled" } }),
          sendCalcom(f, {
            trigger: "BOOKING_RESCHEDULED",
            uid: second,
            rescheduleUid: first,
            start: new Date(Date.now() + 9 * DAY_MS),
          }),
        ]);
        // 200 (the cancel landed on either uid) or 409 CONFLICT (the uid changed under it: try again).
        expect([200, 409]).toContain(fromApi.status);
        const now = (await api("GET", `/api/v1/bookings/${id}`, { token: f.caster.token })).body.data;
        expect(now.calcomBookingUid).toBe(second);
      }
    });

    it("follows Cal.com's reschedule of an API-rescheduled booking, and names the new uid afterwards", async () => {
      const f = await fixture();
      const first = `uid-${randomUUID()}`;
      await calcomCreated(f, first);
      const id = (await api("GET", "/api/v1/bookings", { token: f.caster.token })).body.data[0].id as string;
      const wanted = new Date(Date.now() + 6 * DAY_MS);
      await api("PATCH", `/api/v1/bookings/${id}`, {
        token: f.caster.token,
        body: { scheduledAt: wanted.toISOString() },
      });

      // The propagation job (not built here) asks Cal.com to reschedule; Cal.com answers with a new uid.
      const second = `uid-${randomUUID()}`;
      const applied = await sendCalcom(f, {
        trigger: "BOOKING_RESCHEDULED",
        uid: second,
        rescheduleUid: first,
        start: wanted,
      });
      expect(applied.outcome).toBe("applied");
      const after = await api("GET", `/api/v1/bookings/${id}`, { token: f.talent.token });
      expect(after.body.data).toMatchObject({
        calcomBookingUid: second,
        scheduledAt: wanted.toISOString(),
        status: "scheduled",
      });

      // The talent confirms and then cancels: both land on the new Cal.com booking.
      expect(
        (
          await api("PATCH", `/api/v1/bookings/${id}`, {
            token: f.talent.token,
            body: { status: "confirmed" },
          })
        ).status,
      ).toBe(200);
      const cancelled = await api("PATCH", `/api/v1/bookings/${id}`, {
        token: f.talent.token,
        body: { status: "cancelled" },
      });
      expect(cancelled.body.data).toMatchObject({ status: "cancelled", cancelledBy: f.talent.id });
      const propagations = await service.db.pool.query(
        `SELECT "calcomBookingUid" FROM "CalcomPropagation" WHERE "bookingId" = $1 AND "action" = 'cancel'`,
        [id],
      );
      expect(propagations.rows).toEqual([{ calcomBookingUid: second }]);

      // Cal.com's own cancel webhook afterwards changes nothing: the first cancel wins.
      const late = await sendCalcom(f, {
        trigger: "BOOKING_CANCELLED",
        uid: second,
        start: wanted,
        extra: { status: "CANCELLED", cancellationReason: "from Cal.com" },
      });
      expect(late.outcome).toBe("stale");
      const final = await api("GET", `/api/v1/bookings/${id}`, { token: f.caster.token });
      expect(final.body.data).toMatchObject({
        status: "cancelled",
        cancelledBy: f.talent.id,
        cancellationReason: null,
      });
    });

    it("records a cancel and a reschedule to be carried to Cal.com, in the same transaction", async () => {
      const f = await fixture();
      const uid = `uid-${randomUUID()}`;
      await calcomCreated(f, uid);
      const { rows } = await service.db.pool.query(
        `SELECT "id" FROM "AuditionBooking" WHERE "applicationId" = $1`,
        [f.applicationId],
      );
      const id = rows[0].id as string;

      const scheduledAt = inDays(6);
      const moved = await api("PATCH", `/api/v1/bookings/${id}`, {
        token: f.caster.token,
        body: { scheduledAt },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.data).toMatchObject({
        calcomBookingUid: uid,
        scheduledAt: new Date(scheduledAt).toISOString(),
      });
      const cancelled = await api("PATCH", `/api/v1/bookings/${id}`, {
        token: f.caster.token,
        body: { status: "cancelled", cancellationReason: "venue closed" },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data.status).toBe("cancelled");

      const propagations = await service.db.pool.query(
        `SELECT "action", "calcomBookingUid", "status", "data" FROM "CalcomPropagation" WHERE "bookingId" = $1 ORDER BY "createdAt", "action" DESC`,
        [id],
      );
      expect(propagations.rows).toEqual([
        {
          action: "reschedule",
          calcomBookingUid: uid,
          status: "pending",
          data: {
            start: new Date(scheduledAt).toISOString(),
            durationMinutes: 30,
            timeZone: "Asia/Riyadh",
            byUserId: f.caster.id,
          },
        },
        {
          action: "cancel",
          calcomBookingUid: uid,
          status: "pending",
          data: { reason: "venue closed", byUserId: f.caster.id },
        },
      ]);
    });
  });

  describe("DELETE /:id", () => {
    it("lets only the caster (or an admin) delete: 204, then 404; the application can be booked again", async () => {
      const f = await fixture();
      const booking = await bookOk(f);
      const del = (token?: string) => api("DELETE", `/api/v1/bookings/${booking.id}`, token ? { token } : {});
      expect((await del()).status).toBe(401);
      expect((await del(f.talent.token)).status).toBe(403);
      expect((await del(f.otherCaster.token)).status).toBe(404);
      const res = await del(f.caster.token);
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expect((await api("GET", `/api/v1/bookings/${booking.id}`, { token: f.caster.token })).status).toBe(
        404,
      );
      expect((await del(f.caster.token)).status).toBe(404);
      const events = await service.db.pool.query(
        `SELECT "type" FROM "OutboxEvent" WHERE "bookingId" = $1 ORDER BY "sequence"`,
        [booking.id],
      );
      expect(events.rows.map((r) => r.type)).toEqual([
        "audition_booking.created",
        "audition_booking.deleted",
      ]);
      expect((await book(f)).status).toBe(201);

      const second = await bookOk(await fixture());
      expect((await api("DELETE", `/api/v1/bookings/${second.id}`, { token: f.admin.token })).status).toBe(
        204,
      );
    });
  });
});
