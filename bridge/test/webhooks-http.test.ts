import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCalcomWebhook, signCalcomWebhook } from "../src/webhooks/build-calcom-webhook.ts";
import { signCalcomBody } from "../src/webhooks/verify-calcom-signature.ts";
import {
  bookingOf,
  countRows,
  postRaw,
  postSigned,
  readBookingState,
  sendWebhook,
  WEBHOOK_PATH,
} from "./calcom-webhooks.ts";
import { seedApplication } from "./seed-application.ts";
import { startHandlerServer, startRouterServer, type WebhookTarget } from "./start-handler-server.ts";
import { startTestService, TEST_WEBHOOK_SECRET } from "./start-test-service.ts";

const T0 = new Date("2026-11-24T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * The same tests against every way the handler is carried: the bridge service, the web-standard
 * handler a Next.js route exports, and the express router mounted in another app.
 */
const TARGETS: [string, () => Promise<WebhookTarget>][] = [
  ["the bridge service", () => startTestService()],
  ["createCalcomWebhookHandler (Request → Response)", startHandlerServer],
  ["calcomWebhookRouter in another express app", startRouterServer],
];

describe.each(TARGETS)("%s", (_name, start) => {
  let service: WebhookTarget;
  beforeAll(async () => {
    service = await start();
  });
  afterAll(async () => {
    await service?.stop();
  });

  describe("POST /api/v1/webhooks/calcom: who may send", () => {
    it("applies a delivery signed with the secret, over the exact bytes, whatever their formatting", async () => {
      const seed = await seedApplication(service.db.pool);
      const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) });
      // Indented JSON: a verifier that re-serialised the parsed body would compute another signature.
      const sent = await postSigned(service.url, JSON.stringify(body, null, 2));
      expect(sent).toMatchObject({ status: 200, body: { success: true, data: { outcome: "applied" } } });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "scheduled",
      });
    });

    it.each([
      ["no header", (_body: string) => ({})],
      ["Cal.com's no-secret marker", (_body: string) => ({ "x-cal-signature-256": "no-secret-provided" })],
      [
        "another secret",
        (body: string) => ({ "x-cal-signature-256": signCalcomBody(body, "not-the-secret") }),
      ],
      ["a malformed value", (_body: string) => ({ "x-cal-signature-256": "sha256=abc" })],
      ["a hex value of the wrong length", (_body: string) => ({ "x-cal-signature-256": "AB".repeat(31) })],
    ])("refuses %s with 401 and stores nothing", async (_label, headersFor) => {
      const seed = await seedApplication(service.db.pool);
      const body = JSON.stringify(
        buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) }),
      );
      const before = await countRows(service.db.pool, "CalcomDelivery");
      const sent = await postRaw(service.url, body, {
        "content-type": "application/json",
        ...headersFor(body),
      });
      expect(sent).toMatchObject({
        status: 401,
        body: { success: false, error: { code: "INVALID_SIGNATURE" } },
      });
      expect(await countRows(service.db.pool, "CalcomDelivery")).toBe(before);
      expect(await readBookingState(service.db.pool, seed.applicationId)).toBeNull();
    });

    it("refuses a body changed after signing (one character of the application id)", async () => {
      const seed = await seedApplication(service.db.pool);
      const signed = signCalcomWebhook(
        buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) }),
        TEST_WEBHOOK_SECRET,
      );
      const tampered = signed.body.replaceAll(seed.applicationId, `${seed.applicationId.slice(0, -1)}x`);
      expect(tampered).not.toBe(signed.body);
      const sent = await postRaw(service.url, tampered, signed.headers);
      expect(sent.status).toBe(401);
      expect(await readBookingState(service.db.pool, seed.applicationId)).toBeNull();
    });

    it("verifies Arabic and other non-ASCII names over their UTF-8 bytes and keeps the bytes as sent", async () => {
      const seed = await seedApplication(service.db.pool, {
        talentName: "ليلى العتيبي",
        casterName: "Zoë Ñúñez 🎬",
      });
      const booking = bookingOf(seed, {
        attendee: { name: "ليلى العتيبي", email: seed.caster.email, timeZone: "Asia/Riyadh" },
        organizer: { name: "Zoë Ñúñez 🎬", email: "host@takeone.example", timeZone: "Europe/Madrid" },
      });
      const signed = signCalcomWebhook(
        buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking }),
        TEST_WEBHOOK_SECRET,
      );
      const sent = await postRaw(service.url, signed.body, signed.headers);
      expect(sent.body.data?.outcome).toBe("applied");
      const { rows } = await service.db.pool.query(`SELECT "rawBody" FROM "CalcomDelivery" WHERE "id" = $1`, [
        sent.body.data?.deliveryId,
      ]);
      expect(Buffer.compare(rows[0].rawBody, Buffer.from(signed.body, "utf8"))).toBe(0);
    });

    it("accepts a body just under the limit and answers 413 over it, storing nothing", async () => {
      const seed = await seedApplication(service.db.pool);
      const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) });
      const payload = body.payload as Record<string, unknown>;
      payload.description = "ا".repeat(400_000); // 800,000 bytes of Arabic: a long, legal description
      const large = await postSigned(service.url, body);
      expect(large.body.data?.outcome).toBe("applied");

      payload.description = "x".repeat(1_100_000);
      const before = await countRows(service.db.pool, "CalcomDelivery");
      const tooLarge = await postSigned(service.url, body);
      expect(tooLarge).toMatchObject({
        status: 413,
        body: { success: false, error: { code: "BODY_TOO_LARGE" } },
      });
      expect(await countRows(service.db.pool, "CalcomDelivery")).toBe(before);
    });

    it("answers 405 with Allow: POST to other methods", async () => {
      const res = await fetch(`${service.url}${WEBHOOK_PATH}`, { method: "GET" });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    });

    it.each([
      ["not JSON", "this is not json", "INVALID_JSON"],
      ["JSON without a triggerEvent", JSON.stringify({ payload: { uid: "x" } }), "MISSING_TRIGGER"],
      [
        "a booking without a uid",
        JSON.stringify({
          triggerEvent: "BOOKING_CREATED",
          createdAt: T0,
          payload: { startTime: T0, endTime: T0 },
        }),
        "VALIDATION_FAILED",
      ],
      [
        "a booking with an unreadable time",
        JSON.stringify({
          triggerEvent: "BOOKING_CREATED",
          createdAt: T0,
          payload: { uid: "u", startTime: "tomorrow", endTime: T0 },
        }),
        "VALIDATION_FAILED",
      ],
      [
        "a booking trigger without the envelope's createdAt",
        JSON.stringify({
          triggerEvent: "BOOKING_CANCELLED",
          payload: { uid: "u", startTime: T0, endTime: T0 },
        }),
        "VALIDATION_FAILED",
      ],
    ])("answers 400 to a signed body that is %s, and keeps it as invalid", async (_label, body, code) => {
      const sent = await postSigned(service.url, body);
      expect(sent).toMatchObject({ status: 400, body: { success: false, error: { code } } });
      const { rows } = await service.db.pool.query(
        `SELECT "outcome", "error" FROM "CalcomDelivery" WHERE "rawBody" = $1`,
        [Buffer.from(body, "utf8")],
      );
      expect(rows).toEqual([{ outcome: "invalid", error: expect.any(String) }]);
    });
  });

  describe("POST /api/v1/webhooks/calcom: every trigger", () => {
    it("PING, MEETING_STARTED and triggers the bridge does not act on are stored and ignored", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      const ping = await sendWebhook(service.url, "PING", { createdAt: at(0), booking });
      const started = await sendWebhook(service.url, "MEETING_STARTED", { createdAt: at(0), booking });
      const paid = await postSigned(service.url, {
        triggerEvent: "BOOKING_PAID",
        createdAt: at(0),
        payload: { paymentId: 7 },
      });
      for (const sent of [ping, started, paid]) {
        expect(sent).toMatchObject({ status: 200, body: { data: { outcome: "ignored" } } });
      }
      expect(await readBookingState(service.db.pool, seed.applicationId)).toBeNull();
    });

    it("BOOKING_CREATED maps the booking onto the application's row", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed, {
        startTime: new Date("2026-12-03T06:30:00.000Z"),
        durationMinutes: 45,
      });
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "scheduled",
        calcomBookingUid: booking.uid,
        calcomEventId: String(booking.bookingId),
        scheduledAt: new Date("2026-12-03T06:30:00.000Z"),
        duration: 45,
        timezone: "Asia/Riyadh",
        meetingType: "video",
        meetingUrl: `https://cal.takeone.example/video/${booking.uid}`,
        talentUserId: seed.talent.id,
        casterUserId: seed.caster.id,
        castingCallId: seed.castingCallId,
        reminderSent24h: false,
        reminderSent1h: false,
      });
      const events = await service.db.pool.query(
        `SELECT "type" FROM "OutboxEvent" WHERE "applicationId" = $1`,
        [seed.applicationId],
      );
      expect(events.rows).toEqual([{ type: "audition_booking.created" }]);
    });

    it("finds the application in the booking field when the metadata has none", async () => {
      const seed = await seedApplication(service.db.pool);
      await sendWebhook(service.url, "BOOKING_CREATED", {
        createdAt: at(0),
        booking: bookingOf(seed, { applicationIn: "responses" }),
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "scheduled",
      });
    });

    it("BOOKING_REQUESTED is pending until the host accepts it (BOOKING_CREATED, same uid)", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_REQUESTED", { createdAt: at(0), booking });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "pending",
      });
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(5), booking });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "scheduled",
        calcomBookingUid: booking.uid,
      });
    });

    it("BOOKING_RESCHEDULED moves the same row to the new uid and time and resets both reminders", async () => {
      const seed = await seedApplication(service.db.pool);
      const first = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking: first });
      const before = await readBookingState(service.db.pool, seed.applicationId);
      await service.db.pool.query(
        `UPDATE "AuditionBooking" SET "reminderSent24h" = true, "reminderSent1h" = true WHERE "id" = $1`,
        [before?.id],
      );

      const moved = bookingOf(seed, {
        startTime: new Date("2026-12-02T12:00:00.000Z"),
        applicationIn: "responses",
      });
      const sent = await sendWebhook(service.url, "BOOKING_RESCHEDULED", {
        createdAt: at(10),
        booking: moved,
        rescheduleUid: first.uid,
      });
      expect(sent.body.data?.outcome).toBe("applied");
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        id: before?.id,
        status: "scheduled",
        calcomBookingUid: moved.uid,
        scheduledAt: new Date("2026-12-02T12:00:00.000Z"),
        reminderSent24h: false,
        reminderSent1h: false,
      });
    });

    it("a reschedule without any application id follows its rescheduleUid to the row", async () => {
      const seed = await seedApplication(service.db.pool);
      const first = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking: first });
      const moved = bookingOf(seed, { applicationId: null, startTime: new Date("2026-12-05T09:00:00.000Z") });
      await sendWebhook(service.url, "BOOKING_RESCHEDULED", {
        createdAt: at(10),
        booking: moved,
        rescheduleUid: first.uid,
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        calcomBookingUid: moved.uid,
        scheduledAt: new Date("2026-12-05T09:00:00.000Z"),
      });
    });

    it("BOOKING_CANCELLED (no metadata, found by uid) records the reason, the time and the TakeOne user who cancelled", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed, { applicationIn: "metadata" });
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking });
      await sendWebhook(service.url, "BOOKING_CANCELLED", {
        createdAt: at(20),
        booking,
        reason: "تم اختيار ممثل آخر",
        cancelledBy: seed.caster.email.toUpperCase(),
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "cancelled",
        cancellationReason: "تم اختيار ممثل آخر",
        cancelledAt: at(20),
        cancelledBy: seed.caster.id,
      });
    });

    it("keeps Cal.com's value for who cancelled when no TakeOne user has that e-mail", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking });
      await sendWebhook(service.url, "BOOKING_CANCELLED", {
        createdAt: at(1),
        booking,
        cancelledBy: "assistant@agency.example",
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        cancelledBy: "assistant@agency.example",
      });
    });

    it("BOOKING_REJECTED rejects a requested booking", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_REQUESTED", { createdAt: at(0), booking });
      await sendWebhook(service.url, "BOOKING_REJECTED", {
        createdAt: at(3),
        booking,
        reason: "Schedule is full",
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "rejected",
        cancellationReason: "Schedule is full",
      });
    });

    it("MEETING_ENDED (flat, no payload) completes the audition", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking });
      const ended = await sendWebhook(service.url, "MEETING_ENDED", { createdAt: at(0), booking });
      expect(ended.body.data?.outcome).toBe("applied");
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "completed",
      });
    });

    it("BOOKING_NO_SHOW_UPDATED marks the talent absent, and only the talent", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking });
      const other = await sendWebhook(service.url, "BOOKING_NO_SHOW_UPDATED", {
        createdAt: at(40),
        booking,
        noShow: [{ email: "someone.else@example.com", noShow: true }],
      });
      expect(other.body.data?.outcome).toBe("stale");
      await sendWebhook(service.url, "BOOKING_NO_SHOW_UPDATED", {
        createdAt: at(41),
        booking,
        noShow: [{ email: seed.talent.email, noShow: true }],
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        status: "no-show",
      });
    });

    it("BOOKING_LOCATION_UPDATED changes the meeting details", async () => {
      const seed = await seedApplication(service.db.pool);
      const booking = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking });
      await sendWebhook(service.url, "BOOKING_LOCATION_UPDATED", {
        createdAt: at(2),
        booking: { ...booking, location: "King Fahd Road 12, Riyadh", videoCallUrl: null },
      });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        meetingType: "in-person",
        location: "King Fahd Road 12, Riyadh",
        meetingUrl: null,
      });
    });

    it("a new booking for an application whose booking was cancelled revives the same row", async () => {
      const seed = await seedApplication(service.db.pool);
      const first = bookingOf(seed);
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(0), booking: first });
      await sendWebhook(service.url, "BOOKING_CANCELLED", {
        createdAt: at(1),
        booking: first,
        reason: "clash",
      });
      const cancelled = await readBookingState(service.db.pool, seed.applicationId);
      const second = bookingOf(seed, { startTime: new Date("2026-12-09T08:00:00.000Z") });
      await sendWebhook(service.url, "BOOKING_CREATED", { createdAt: at(2), booking: second });
      expect(await readBookingState(service.db.pool, seed.applicationId)).toMatchObject({
        id: cancelled?.id,
        status: "scheduled",
        calcomBookingUid: second.uid,
        cancelledAt: null,
        cancellationReason: null,
      });
    });
  });

  describe("POST /api/v1/webhooks/calcom: exactly once", () => {
    it("a delivery repeated changes the row once; every copy is stored", async () => {
      const seed = await seedApplication(service.db.pool);
      const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) });
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push((await postSigned(service.url, body)).body.data?.outcome);
      expect(outcomes).toEqual(["applied", "duplicate", "duplicate"]);
      expect(
        await countRows(service.db.pool, "CalcomDelivery", `"applicationId" = $1`, [seed.applicationId]),
      ).toBe(3);
      expect(
        await countRows(service.db.pool, "OutboxEvent", `"applicationId" = $1`, [seed.applicationId]),
      ).toBe(1);
    });

    it("the same delivery sent 10 times at once changes the row once", async () => {
      const seed = await seedApplication(service.db.pool);
      const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) });
      const sent = await Promise.all(Array.from({ length: 10 }, () => postSigned(service.url, body)));
      expect(sent.map((s) => s.status)).toEqual(Array(10).fill(200));
      const outcomes = sent.map((s) => s.body.data?.outcome).sort();
      expect(outcomes).toEqual(["applied", ...Array(9).fill("duplicate")]);
      expect(
        await countRows(service.db.pool, "OutboxEvent", `"applicationId" = $1`, [seed.applicationId]),
      ).toBe(1);
      expect(
        await countRows(service.db.pool, "BookingObservation", `"applicationId" = $1`, [seed.applicationId]),
      ).toBe(1);
    });
  });
});

describe("POST /api/v1/webhooks/calcom: the service's configuration", () => {
  it("accepts every secret of a rotation, and no other", async () => {
    const rotating = await startTestService({
      env: { CALCOM_WEBHOOK_SECRET: "new-secret-2026,old-secret-2025" },
    });
    try {
      const seed = await seedApplication(rotating.db.pool);
      const created = await sendWebhook(
        rotating.url,
        "BOOKING_CREATED",
        { createdAt: at(0), booking: bookingOf(seed) },
        "old-secret-2025",
      );
      const ping = await sendWebhook(
        rotating.url,
        "PING",
        { createdAt: at(1), booking: bookingOf(seed) },
        "new-secret-2026",
      );
      const stranger = await sendWebhook(
        rotating.url,
        "PING",
        { createdAt: at(2), booking: bookingOf(seed) },
        TEST_WEBHOOK_SECRET,
      );
      expect([created.status, ping.status, stranger.status]).toEqual([200, 200, 401]);
    } finally {
      await rotating.stop();
    }
  });
});

describe("POST /api/v1/webhooks/calcom: the database is down", () => {
  it("answers 503 (never 200 for what it could not store), and stores the next delivery once it is back", async () => {
    const down = await startTestService();
    try {
      const seed = await seedApplication(down.db.pool);
      const dbName = down.db.name;
      await down.db.adminQuery(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
      await down.db.adminQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [
        dbName,
      ]);
      const body = buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: bookingOf(seed) });
      const refused = await postSigned(down.url, body);
      expect(refused).toMatchObject({ status: 503, body: { success: false, error: { code: "NOT_READY" } } });

      await down.db.adminQuery(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
      const accepted = await postSigned(down.url, body);
      expect(accepted.body.data?.outcome).toBe("applied");
      expect(await countRows(down.db.pool, "CalcomDelivery")).toBe(1);
    } finally {
      await down.stop();
    }
  });
});
