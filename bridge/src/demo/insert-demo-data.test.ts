import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../../test/api-fixtures.ts";
import { startTestService, TEST_JWT_SECRET, type TestService } from "../../test/start-test-service.ts";
import { mintAccessToken } from "../auth/mint-access-token.ts";
import { insertDemoData } from "./insert-demo-data.ts";

describe("demo data (the walk-through of docs/api.md)", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());

  it("can be inserted twice, and carries the documented walk-through", async () => {
    const ids = await insertDemoData(service.db.pool);
    expect(await insertDemoData(service.db.pool)).toEqual(ids);
    const token = (userId: string) => mintAccessToken({ secret: TEST_JWT_SECRET, userId, ttl: "1h" });
    const caster = await token(ids.caster);
    const talent = await token(ids.talent);

    const created = await callApi(service.url, "POST", "/api/v1/bookings", {
      token: caster,
      body: {
        applicationId: ids.application,
        scheduledAt: "2030-01-15T10:00:00+03:00",
        duration: 30,
        meetingType: "video",
        meetingUrl: "https://meet.example/demo",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      talent: { name: "Demo Talent" },
      caster: { name: "Demo Caster" },
      castingCall: { title: "Demo: lead role" },
    });
    const id = created.body.data.id;
    expect(
      (
        await callApi(service.url, "PATCH", `/api/v1/bookings/${id}`, {
          token: talent,
          body: { status: "confirmed" },
        })
      ).status,
    ).toBe(200);
    expect(
      (await callApi(service.url, "GET", "/api/v1/bookings?upcoming=true", { token: talent })).body.data,
    ).toHaveLength(1);
    expect(
      (await callApi(service.url, "GET", `/api/v1/bookings/${id}`, { token: await token(ids.otherCaster) }))
        .status,
    ).toBe(404);
    expect(
      (await callApi(service.url, "GET", "/api/v1/bookings", { token: await token(ids.admin) })).body.data,
    ).toHaveLength(1);
    expect((await callApi(service.url, "DELETE", `/api/v1/bookings/${id}`, { token: caster })).status).toBe(
      204,
    );
  });
});
