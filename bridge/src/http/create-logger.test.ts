import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./create-logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

describe("createLogger", () => {
  it("redacts e-mails, names, phone numbers, meeting passwords, signatures and tokens", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: {
          headers: { authorization: "Bearer abc.def", "x-cal-signature-256": "deadbeef", host: "bridge" },
        },
        booking: {
          id: "b1",
          meetingPassword: "hunter2",
          talent: { name: "ليلى أحمد", email: "layla@example.com" },
          caster: { name: "Casting Team", email: "casting@example.com" },
        },
        payload: {
          attendees: [{ name: "Jane Actor", email: "jane@example.com", phoneNumber: "+966500000000" }],
        },
        token: "eyJhbGciOi",
      },
      "something happened",
    );
    const text = lines.join("");
    for (const secret of [
      "abc.def",
      "deadbeef",
      "hunter2",
      "ليلى",
      "layla@example.com",
      "Casting Team",
      "Jane Actor",
      "jane@example.com",
      "+966500000000",
      "eyJhbGciOi",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"host":"bridge"');
    expect(text).toContain('"id":"b1"');
    expect(text).toContain("[redacted]");
  });
});

describe("redactUrl", () => {
  it("hides the values of credential-carrying query parameters and keeps the rest", () => {
    expect(redactUrl("/api/v1/calcom/oauth/callback?code=abc123&state=s.sig")).toBe(
      "/api/v1/calcom/oauth/callback?code=%5Bredacted%5D&state=%5Bredacted%5D",
    );
    expect(redactUrl("/api/v1/bookings?upcoming=true&limit=50")).toBe(
      "/api/v1/bookings?upcoming=true&limit=50",
    );
    expect(redactUrl("/healthz")).toBe("/healthz");
  });
});
