import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../../test/start-test-service.ts";

describe("CORS for the browser-facing API (CORS_ORIGINS)", () => {
  let service: TestService;
  const allowed = "https://app.takeone.test";
  beforeAll(async () => {
    service = await startTestService({ env: { CORS_ORIGINS: `${allowed}, https://admin.takeone.test` } });
  });
  afterAll(() => service.stop());

  const preflight = (origin: string, path = "/api/v1/bookings") =>
    fetch(`${service.url}${path}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "authorization",
      },
    });

  it("answers a preflight from a listed origin with the methods and headers the API uses", async () => {
    const res = await preflight(allowed, "/api/v1/bookings/some-id");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(res.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("lets a listed origin read answers, errors included", async () => {
    const res = await fetch(`${service.url}/api/v1/bookings`, { headers: { origin: allowed } });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBe(allowed);
    expect(res.headers.get("vary")).toContain("Origin");
  });

  it("sends nothing to other origins, and nothing on the webhook route", async () => {
    const other = await preflight("https://evil.test");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.status).toBe(405);
    const webhook = await preflight(allowed, "/api/v1/webhooks/calcom");
    expect(webhook.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("CORS unset", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());

  it("sends no CORS headers at all", async () => {
    const res = await fetch(`${service.url}/api/v1/openapi.json`, {
      headers: { origin: "https://app.takeone.test" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
