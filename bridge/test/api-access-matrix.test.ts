import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CastingFixture, callApi, insertCastingFixture } from "./api-fixtures.ts";
import { startTestService, type TestService } from "./start-test-service.ts";

/**
 * Every endpoint × every role, in one table: the status each role gets. Each row runs on a fresh
 * casting call with a fresh booking (and a slot of its talent), so rows do not depend on each other.
 */
type Role = "talent" | "caster" | "otherCaster" | "otherTalent" | "admin" | "anonymous";
const ROLES: Role[] = ["talent", "caster", "otherCaster", "otherTalent", "admin", "anonymous"];

interface Row {
  name: string;
  request: (ctx: { f: CastingFixture; bookingId: string; slotId: string }) => {
    method: string;
    path: string;
    body?: unknown;
  };
  expected: Record<Role, number>;
}

const later = () => new Date(Date.now() + 10 * 86_400_000).toISOString();

const ROWS: Row[] = [
  {
    name: "GET /bookings",
    request: () => ({ method: "GET", path: "/api/v1/bookings" }),
    expected: { talent: 200, caster: 200, otherCaster: 200, otherTalent: 200, admin: 200, anonymous: 401 },
  },
  {
    name: "POST /bookings (for the application booked already)",
    request: ({ f }) => ({
      method: "POST",
      path: "/api/v1/bookings",
      body: { applicationId: f.applicationId, scheduledAt: later(), duration: 30, meetingType: "video" },
    }),
    // Its caster and the admin pass the access check and meet BOOKING_EXISTS (409); 201 is tested elsewhere.
    expected: { talent: 403, caster: 409, otherCaster: 404, otherTalent: 403, admin: 409, anonymous: 401 },
  },
  {
    name: "GET /bookings/:id",
    request: ({ bookingId }) => ({ method: "GET", path: `/api/v1/bookings/${bookingId}` }),
    expected: { talent: 200, caster: 200, otherCaster: 404, otherTalent: 404, admin: 200, anonymous: 401 },
  },
  {
    name: "PATCH /bookings/:id cancel",
    request: ({ bookingId }) => ({
      method: "PATCH",
      path: `/api/v1/bookings/${bookingId}`,
      body: { status: "cancelled" },
    }),
    expected: { talent: 200, caster: 200, otherCaster: 404, otherTalent: 404, admin: 200, anonymous: 401 },
  },
  {
    name: "PATCH /bookings/:id confirm",
    request: ({ bookingId }) => ({
      method: "PATCH",
      path: `/api/v1/bookings/${bookingId}`,
      body: { status: "confirmed" },
    }),
    expected: { talent: 200, caster: 403, otherCaster: 404, otherTalent: 404, admin: 403, anonymous: 401 },
  },
  {
    name: "PATCH /bookings/:id reschedule",
    request: ({ bookingId }) => ({
      method: "PATCH",
      path: `/api/v1/bookings/${bookingId}`,
      body: { scheduledAt: later() },
    }),
    expected: { talent: 403, caster: 200, otherCaster: 404, otherTalent: 404, admin: 200, anonymous: 401 },
  },
  {
    name: "PATCH /bookings/:id casterNotes",
    request: ({ bookingId }) => ({
      method: "PATCH",
      path: `/api/v1/bookings/${bookingId}`,
      body: { casterNotes: "n" },
    }),
    expected: { talent: 403, caster: 200, otherCaster: 404, otherTalent: 404, admin: 403, anonymous: 401 },
  },
  {
    name: "PATCH /bookings/:id talentNotes",
    request: ({ bookingId }) => ({
      method: "PATCH",
      path: `/api/v1/bookings/${bookingId}`,
      body: { talentNotes: "n" },
    }),
    expected: { talent: 200, caster: 403, otherCaster: 404, otherTalent: 404, admin: 403, anonymous: 401 },
  },
  {
    name: "DELETE /bookings/:id",
    request: ({ bookingId }) => ({ method: "DELETE", path: `/api/v1/bookings/${bookingId}` }),
    expected: { talent: 403, caster: 204, otherCaster: 404, otherTalent: 404, admin: 204, anonymous: 401 },
  },
  {
    name: "GET /availability",
    request: () => ({ method: "GET", path: "/api/v1/availability" }),
    expected: { talent: 200, caster: 403, otherCaster: 403, otherTalent: 200, admin: 403, anonymous: 401 },
  },
  {
    name: "POST /availability",
    request: () => ({
      method: "POST",
      path: "/api/v1/availability",
      body: { dayOfWeek: 6, startTime: "18:00", endTime: "19:00" },
    }),
    expected: { talent: 201, caster: 403, otherCaster: 403, otherTalent: 201, admin: 403, anonymous: 401 },
  },
  {
    name: "PATCH /availability/:id",
    request: ({ slotId }) => ({
      method: "PATCH",
      path: `/api/v1/availability/${slotId}`,
      body: { endTime: "11:00" },
    }),
    expected: { talent: 200, caster: 403, otherCaster: 403, otherTalent: 404, admin: 403, anonymous: 401 },
  },
  {
    name: "DELETE /availability/:id",
    request: ({ slotId }) => ({ method: "DELETE", path: `/api/v1/availability/${slotId}` }),
    expected: { talent: 204, caster: 403, otherCaster: 403, otherTalent: 404, admin: 403, anonymous: 401 },
  },
];

describe("access: every endpoint × every role", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());

  for (const row of ROWS) {
    it(row.name, async () => {
      const actual: Partial<Record<Role, number>> = {};
      for (const role of ROLES) {
        const f = await insertCastingFixture(service.db.pool);
        const booked = await callApi(service.url, "POST", "/api/v1/bookings", {
          token: f.caster.token,
          body: { applicationId: f.applicationId, scheduledAt: later(), duration: 30, meetingType: "video" },
        });
        const slot = await callApi(service.url, "POST", "/api/v1/availability", {
          token: f.talent.token,
          body: { dayOfWeek: 1, startTime: "09:00", endTime: "10:00" },
        });
        const { method, path, body } = row.request({
          f,
          bookingId: booked.body.data.id,
          slotId: slot.body.data.id,
        });
        const res = await callApi(service.url, method, path, {
          ...(role === "anonymous" ? {} : { token: f[role].token }),
          ...(body === undefined ? {} : { body }),
        });
        actual[role] = res.status;
      }
      expect(actual).toEqual(row.expected);
    });
  }
});
