import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, insertUser } from "../../test/api-fixtures.ts";
import { startTestService, type TestService } from "../../test/start-test-service.ts";
import { availabilitySlotSchema } from "./availability-schemas.ts";

describe("/api/v1/availability", () => {
  let service: TestService;
  const api = (method: string, path: string, options: Parameters<typeof callApi>[3] = {}) =>
    callApi(service.url, method, `/api/v1/availability${path}`, options);
  const talent = () => insertUser(service.db.pool, "talent");

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());

  it("creates weekly and one-off slots and lists the talent's own, in order", async () => {
    const t = await talent();
    const weekly = await api("POST", "", {
      token: t.token,
      body: { dayOfWeek: 1, startTime: "09:00", endTime: "12:00" },
    });
    expect(weekly.status).toBe(201);
    expect(availabilitySlotSchema.parse(weekly.body.data)).toMatchObject({
      talentUserId: t.id,
      dayOfWeek: 1,
      specificDate: null,
      startTime: "09:00",
      endTime: "12:00",
      timezone: "Asia/Riyadh", // the talent's User.timezone
      isActive: true,
    });
    expect(weekly.headers.get("location")).toBe(`/api/v1/availability/${weekly.body.data.id}`);
    const oneOff = await api("POST", "", {
      token: t.token,
      body: { specificDate: "2031-02-03", startTime: "14:00", endTime: "15:30", timezone: "Europe/Paris" },
    });
    expect(oneOff.status).toBe(201);
    expect(oneOff.body.data).toMatchObject({
      specificDate: "2031-02-03",
      dayOfWeek: null,
      timezone: "Europe/Paris",
    });

    const list = await api("GET", "", { token: t.token });
    expect(list.status).toBe(200);
    expect(list.body.data.map((s: { id: string }) => s.id)).toEqual([
      weekly.body.data.id,
      oneOff.body.data.id,
    ]);
    const other = await talent();
    expect((await api("GET", "", { token: other.token })).body.data).toEqual([]);
  });

  it("is for talents: 403 to casters and admins, 401 without a token", async () => {
    const caster = await insertUser(service.db.pool, "caster");
    const admin = await insertUser(service.db.pool, "admin");
    for (const token of [caster.token, admin.token]) {
      expect((await api("GET", "", { token })).status).toBe(403);
      const res = await api("POST", "", {
        token,
        body: { dayOfWeek: 1, startTime: "09:00", endTime: "10:00" },
      });
      expect(res.status).toBe(403);
    }
    expect((await api("GET", "")).status).toBe(401);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["neither dayOfWeek nor specificDate", { startTime: "09:00", endTime: "10:00" }, "dayOfWeek"],
    [
      "both dayOfWeek and specificDate",
      { dayOfWeek: 1, specificDate: "2031-01-01", startTime: "09:00", endTime: "10:00" },
      "dayOfWeek",
    ],
    ["a dayOfWeek of 7", { dayOfWeek: 7, startTime: "09:00", endTime: "10:00" }, "dayOfWeek"],
    ["a time that is not HH:MM", { dayOfWeek: 1, startTime: "9:00", endTime: "10:00" }, "startTime"],
    ["an hour of 24", { dayOfWeek: 1, startTime: "09:00", endTime: "24:00" }, "endTime"],
    ["a start after the end", { dayOfWeek: 1, startTime: "11:00", endTime: "10:00" }, "endTime"],
    ["a start equal to the end", { dayOfWeek: 1, startTime: "10:00", endTime: "10:00" }, "endTime"],
    [
      "an unknown time zone",
      { dayOfWeek: 1, startTime: "09:00", endTime: "10:00", timezone: "Moon/Base" },
      "timezone",
    ],
    [
      "a date that does not exist",
      { specificDate: "2031-02-30", startTime: "09:00", endTime: "10:00" },
      "specificDate",
    ],
    ["an unknown field", { dayOfWeek: 1, startTime: "09:00", endTime: "10:00", talentUserId: "x" }, ""],
  ];
  for (const [name, body, path] of invalid) {
    it(`answers 400 naming "${path}" for ${name}`, async () => {
      const t = await talent();
      const res = await api("POST", "", { token: t.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });
  }

  it("refuses an active slot overlapping another on the same day or date (409); touching or inactive is fine", async () => {
    const t = await talent();
    const first = await api("POST", "", {
      token: t.token,
      body: { dayOfWeek: 2, startTime: "09:00", endTime: "12:00" },
    });
    const overlap = await api("POST", "", {
      token: t.token,
      body: { dayOfWeek: 2, startTime: "11:00", endTime: "13:00" },
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({
      code: "SLOT_OVERLAP",
      details: { slotId: first.body.data.id },
    });
    const inside = await api("POST", "", {
      token: t.token,
      body: { dayOfWeek: 2, startTime: "10:00", endTime: "10:30" },
    });
    expect(inside.status).toBe(409);
    for (const body of [
      { dayOfWeek: 2, startTime: "12:00", endTime: "13:00" }, // touching
      { dayOfWeek: 3, startTime: "09:00", endTime: "12:00" }, // another day
      { dayOfWeek: 2, startTime: "10:00", endTime: "11:00", isActive: false }, // inactive
    ]) {
      expect((await api("POST", "", { token: t.token, body })).status).toBe(201);
    }
    const date = { specificDate: "2031-05-05", startTime: "09:00", endTime: "10:00" };
    expect((await api("POST", "", { token: t.token, body: date })).status).toBe(201);
    expect(
      (await api("POST", "", { token: t.token, body: { ...date, startTime: "09:30", endTime: "11:00" } }))
        .status,
    ).toBe(409);
    // Another talent's slots never conflict.
    const other = await talent();
    expect(
      (
        await api("POST", "", {
          token: other.token,
          body: { dayOfWeek: 2, startTime: "09:00", endTime: "12:00" },
        })
      ).status,
    ).toBe(201);
  });

  it("creates one of two concurrent overlapping slots", async () => {
    const t = await talent();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api("POST", "", { token: t.token, body: { dayOfWeek: 4, startTime: "09:00", endTime: "10:00" } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it("updates a slot, re-checking the merged slot; 404 for another talent's slot", async () => {
    const t = await talent();
    const a = (
      await api("POST", "", { token: t.token, body: { dayOfWeek: 5, startTime: "09:00", endTime: "10:00" } })
    ).body.data;
    const b = (
      await api("POST", "", { token: t.token, body: { dayOfWeek: 5, startTime: "11:00", endTime: "12:00" } })
    ).body.data;
    const moved = await api("PATCH", `/${a.id}`, {
      token: t.token,
      body: { endTime: "10:30", timezone: "Asia/Dubai" },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ startTime: "09:00", endTime: "10:30", timezone: "Asia/Dubai" });
    const overlapping = await api("PATCH", `/${a.id}`, { token: t.token, body: { endTime: "11:30" } });
    expect(overlapping.status).toBe(409);
    const inverted = await api("PATCH", `/${b.id}`, { token: t.token, body: { startTime: "12:30" } });
    expect(inverted.status).toBe(400);
    const toDate = await api("PATCH", `/${b.id}`, {
      token: t.token,
      body: { dayOfWeek: null, specificDate: "2031-07-01" },
    });
    expect(toDate.status).toBe(200);
    expect(toDate.body.data).toMatchObject({ dayOfWeek: null, specificDate: "2031-07-01" });
    const both = await api("PATCH", `/${b.id}`, { token: t.token, body: { dayOfWeek: 1 } });
    expect(both.status).toBe(400);
    expect((await api("PATCH", `/${a.id}`, { token: t.token, body: {} })).status).toBe(400);

    const other = await talent();
    expect((await api("PATCH", `/${a.id}`, { token: other.token, body: { isActive: false } })).status).toBe(
      404,
    );
    expect((await api("DELETE", `/${a.id}`, { token: other.token })).status).toBe(404);
  });

  it("deletes a slot: 204, then 404", async () => {
    const t = await talent();
    const slot = (
      await api("POST", "", { token: t.token, body: { dayOfWeek: 0, startTime: "09:00", endTime: "10:00" } })
    ).body.data;
    expect((await api("DELETE", `/${slot.id}`, { token: t.token })).status).toBe(204);
    expect((await api("DELETE", `/${slot.id}`, { token: t.token })).status).toBe(404);
    expect((await api("GET", "", { token: t.token })).body.data).toEqual([]);
  });
});
