import { Webhook } from "svix";
import { describe, expect, it } from "vitest";
import { messageIdOf, signStandardWebhook } from "../lib/signStandardWebhook";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("signStandardWebhook (node:crypto, in the app)", () => {
  it("signs what svix's Webhook — the bridge's verifier — accepts", () => {
    const body = JSON.stringify({ type: "booking.created", name: "ليلى 🎬" });
    const headers = signStandardWebhook(SECRET, "msg_1", new Date(), body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(() => new Webhook(SECRET).verify(body, { ...headers })).not.toThrow();
  });

  it("matches svix's own signature byte for byte", () => {
    const at = new Date("2026-11-24T10:00:00.000Z");
    const body = '{"a":1}';
    expect(signStandardWebhook(SECRET, "msg_2", at, body)["webhook-signature"]).toBe(
      new Webhook(SECRET).sign("msg_2", at, body),
    );
  });

  it("is refused by svix for another body, another id or another secret", () => {
    const headers = signStandardWebhook(SECRET, "msg_3", new Date(), '{"a":1}');
    const svix = new Webhook(SECRET);
    expect(() => svix.verify('{"a":2}', { ...headers })).toThrow();
    expect(() => svix.verify('{"a":1}', { ...headers, "webhook-id": "msg_4" })).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another key!").toString("base64")}`).verify('{"a":1}', {
        ...headers,
      }),
    ).toThrow();
  });

  it("refuses a secret without the whsec_ prefix instead of signing with the wrong key", () => {
    expect(() => signStandardWebhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_5", new Date(), "{}")).toThrow(
      /whsec_/,
    );
  });

  it("gives the same message id to the same call and another to another", () => {
    expect(messageIdOf(["booking.created", "uid-1"])).toBe(messageIdOf(["booking.created", "uid-1"]));
    expect(messageIdOf(["booking.created", "uid-1"])).not.toBe(messageIdOf(["booking.created", "uid-2"]));
  });
});
