import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_EVENTS_SECRET } from "../../test/start-test-service.ts";
import type { TakeOneEvent } from "./event-schema.ts";
import { createSigner, postEvent } from "./post-event.ts";
import { TakeOneEventError, verifyTakeOneEvent } from "./verify-takeone-event.ts";

const OLD_SECRET = "whsec_dGhlLW9sZC1zZWNyZXQtb2YtdGFrZW9uZQ==";

const event: TakeOneEvent = {
  type: "audition_booking.cancelled",
  timestamp: "2026-11-24T10:00:00.000Z",
  data: {
    id: "b1",
    applicationId: "app-1",
    talentUserId: "t1",
    casterUserId: "c1",
    castingCallId: "cc1",
    scheduledAt: "2026-12-01T07:00:00.000Z",
    duration: 30,
    timezone: "Asia/Riyadh",
    meetingType: "video",
    location: null,
    meetingUrl: "https://cal.takeone.example/video/x",
    meetingPassword: null,
    status: "cancelled",
    cancelledBy: "c1",
    cancelledAt: "2026-11-24T10:00:00.000Z",
    cancellationReason: "تم اختيار ممثل آخر",
    reminderSent24h: false,
    reminderSent1h: false,
    casterNotes: null,
    talentNotes: null,
    calcomEventId: "1207",
    calcomBookingUid: "u8Wq3nZrXkQe1pLm2a9bCd",
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-24T10:00:00.000Z",
    talent: { id: "t1", name: "ليلى", email: "t1@example.com" },
    caster: { id: "c1", name: "Casting Team", email: "c1@example.com" },
    castingCall: { id: "cc1", title: "Lead role" },
  },
};

/** TakeOne's side: a server whose handler is the three lines of the docs. */
let received: { status: number; id?: string; event?: TakeOneEvent; error?: string }[] = [];
let url: string;
let server: http.Server;
let secrets: string[] = [TEST_EVENTS_SECRET];
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://localhost${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    try {
      const { id, event } = await verifyTakeOneEvent(request, secrets);
      received.push({ status: 200, id, event });
      res.writeHead(200).end();
    } catch (error) {
      if (!(error instanceof TakeOneEventError)) throw error;
      received.push({ status: error.reason === "signature" ? 401 : 400, error: error.reason });
      res.writeHead(error.reason === "signature" ? 401 : 400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/takeone/booking-events`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const send = (body: string, signer = createSigner(TEST_EVENTS_SECRET), now = new Date()) =>
  postEvent({ url, signer, id: "evt_01", body, now, timeoutMs: 5_000 });

describe("verifyTakeOneEvent, against the bridge's own sender", () => {
  it("returns the typed event and its id", async () => {
    received = [];
    secrets = [TEST_EVENTS_SECRET];
    const result = await send(JSON.stringify(event));
    expect(result).toMatchObject({ isDelivered: true, status: 200 });
    expect(received).toEqual([{ status: 200, id: "evt_01", event }]);
  });

  it("accepts the old secret during a rotation, and refuses another secret or a changed body", async () => {
    received = [];
    secrets = [TEST_EVENTS_SECRET, OLD_SECRET];
    await send(JSON.stringify(event), createSigner(OLD_SECRET));
    await send(JSON.stringify(event), createSigner("whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtYWx0b2dldGhlcg=="));
    const signer = createSigner(TEST_EVENTS_SECRET);
    const tampering = {
      sign: (id: string, at: Date, body: string) =>
        signer.sign(id, at, body.replace("cancelled", "confirmed")),
    };
    await send(JSON.stringify(event), tampering);
    expect(received.map((r) => r.status)).toEqual([200, 401, 401]);
  });

  it("refuses a replay older than five minutes", async () => {
    received = [];
    secrets = [TEST_EVENTS_SECRET];
    await send(JSON.stringify(event), createSigner(TEST_EVENTS_SECRET), new Date(Date.now() - 10 * 60_000));
    expect(received).toEqual([{ status: 401, error: "signature" }]);
  });

  it("refuses a signed body that is not a booking event", async () => {
    received = [];
    await send(JSON.stringify({ type: "something.else", data: {} }));
    expect(received).toEqual([{ status: 400, error: "payload" }]);
  });

  it("takes the raw body and headers too (express.raw)", async () => {
    const body = JSON.stringify(event);
    const now = new Date();
    const headers = {
      "webhook-id": "evt_02",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": createSigner(TEST_EVENTS_SECRET).sign("evt_02", now, body),
    };
    expect(await verifyTakeOneEvent({ body: Buffer.from(body), headers }, TEST_EVENTS_SECRET)).toEqual({
      id: "evt_02",
      event,
    });
  });
});
