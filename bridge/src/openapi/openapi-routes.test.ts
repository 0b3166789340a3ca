import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, insertCastingFixture } from "../../test/api-fixtures.ts";
import { startTestService, type TestService } from "../../test/start-test-service.ts";

describe("GET /api/v1/openapi.json", () => {
  let service: TestService;
  // biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
  let document: any;
  beforeAll(async () => {
    service = await startTestService();
    const res = await fetch(`${service.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    document = await res.json();
  });
  afterAll(() => service.stop());

  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes exactly the routes the service serves", async () => {
    const served: string[] = [];
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item).filter((key) => key !== "parameters")) {
        const res = await fetch(`${service.url}${path.replace("{id}", "x")}`, {
          method: method.toUpperCase(),
        });
        // Routed: the answer is the route's own (401 without a token), never "no route" or 405.
        expect([401], `${method} ${path}`).toContain(res.status);
        served.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(served.sort()).toEqual(
      [
        "GET /api/v1/bookings",
        "POST /api/v1/bookings",
        "GET /api/v1/bookings/{id}",
        "PATCH /api/v1/bookings/{id}",
        "DELETE /api/v1/bookings/{id}",
        "GET /api/v1/availability",
        "POST /api/v1/availability",
        "PATCH /api/v1/availability/{id}",
        "DELETE /api/v1/availability/{id}",
      ].sort(),
    );
  });

  it("matches what the API really answers (responses validated against its schemas)", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schemas = document.components.schemas as Record<string, object>;
    const check = (name: string, body: unknown) => {
      const validate = ajv.compile(schemas[name] as object);
      expect(validate(body), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const f = await insertCastingFixture(service.db.pool);
    const requestBody = {
      applicationId: f.applicationId,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      duration: 30,
      meetingType: "video",
    };
    check("CreateBookingBody", requestBody);
    const created = await callApi(service.url, "POST", "/api/v1/bookings", {
      token: f.caster.token,
      body: requestBody,
    });
    check("BookingEnvelope", created.body);
    check(
      "BookingList",
      (await callApi(service.url, "GET", "/api/v1/bookings", { token: f.talent.token })).body,
    );
    const patched = await callApi(service.url, "PATCH", `/api/v1/bookings/${created.body.data.id}`, {
      token: f.talent.token,
      body: { status: "cancelled", cancellationReason: "ill" },
    });
    check("BookingEnvelope", patched.body);
    const slot = await callApi(service.url, "POST", "/api/v1/availability", {
      token: f.talent.token,
      body: { dayOfWeek: 1, startTime: "09:00", endTime: "10:00" },
    });
    check("AvailabilitySlotEnvelope", slot.body);
    check(
      "AvailabilitySlotList",
      (await callApi(service.url, "GET", "/api/v1/availability", { token: f.talent.token })).body,
    );
    const invalid = await callApi(service.url, "POST", "/api/v1/bookings", {
      token: f.caster.token,
      body: {},
    });
    check("Error", invalid.body);
    check("Error", (await callApi(service.url, "GET", "/api/v1/bookings")).body);
  });
});
