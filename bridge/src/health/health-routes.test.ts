import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ErrorBody, readJson } from "../../test/http-json.ts";
import { startTestService, type TestService } from "../../test/start-test-service.ts";

describe("health and the JSON envelope", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.stop());

  it("GET /healthz answers 200 while the process runs", async () => {
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, data: { status: "ok" } });
  });

  it("GET /readyz answers 200 when the database answers and is migrated", async () => {
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, data: { status: "ready" } });
  });

  it("answers an unknown route with a coded 404 in the envelope, and a request id", async () => {
    const res = await fetch(`${service.url}/nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({
      success: false,
      error: { code: "NOT_FOUND", message: "No route for GET /nope." },
    });
  });

  it("keeps a well-formed incoming request id", async () => {
    const res = await fetch(`${service.url}/healthz`, { headers: { "x-request-id": "req-123" } });
    expect(res.headers.get("x-request-id")).toBe("req-123");
  });
});

describe("/readyz when the database is not usable", () => {
  it("answers 503 NOT_READY while a migration is missing", async () => {
    const service = await startTestService();
    try {
      await service.db.pool.query(`DELETE FROM "_prisma_migrations"`);
      const res = await fetch(`${service.url}/readyz`);
      expect(res.status).toBe(503);
      const body = await readJson<ErrorBody>(res);
      expect(body.error.code).toBe("NOT_READY");
      expect(body.error.message).toMatch(/Migrations not applied: 20261124000000_init/);
    } finally {
      await service.stop();
    }
  });

  it("answers 503 NOT_READY when the database is unreachable, and 200 again when it is back", async () => {
    const service = await startTestService();
    try {
      const dbName = service.db.name;
      // Refuse new connections to this database and end the open ones: the pool cannot query.
      await service.db.adminQuery(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
      await service.db.adminQuery(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
        [dbName],
      );
      const down = await fetch(`${service.url}/readyz`);
      expect(down.status).toBe(503);
      expect((await readJson<ErrorBody>(down)).error).toEqual({
        code: "NOT_READY",
        message: "The database is not reachable.",
      });

      await service.db.adminQuery(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
      const up = await fetch(`${service.url}/readyz`);
      expect(up.status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
