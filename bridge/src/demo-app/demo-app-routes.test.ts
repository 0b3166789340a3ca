import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../../test/start-test-service.ts";

describe("the demo app outside production", () => {
  let service: TestService;
  let demoDir: string;
  beforeAll(async () => {
    demoDir = await mkdtemp(path.join(tmpdir(), "takeone-demo-app-"));
    await writeFile(path.join(demoDir, "index.html"), "<!doctype html><title>demo</title>");
    service = await startTestService({
      env: {
        DEMO_APP: "on",
        DEMO_APP_DIR: demoDir,
        CALCOM_URL: "http://cal.test:3000",
        DEMO_CALCOM_LINK: "acme/audition",
      },
    });
  });
  afterAll(async () => {
    await service.stop();
    await rm(demoDir, { recursive: true, force: true });
  });

  it("serves the built demo at /", async () => {
    const res = await fetch(`${service.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toBe("<!doctype html><title>demo</title>");
  });

  it("lists the demo users of `takeone-cal demo-data` with tokens the API accepts, and their applications", async () => {
    const res = await fetch(`${service.url}/demo-config.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const config = (await res.json()) as {
      calOrigin: string;
      calLink: string;
      bridgeUrl: string;
      loadTimeoutMs: number;
      users: { id: string; role: string; email: string; token: string; locale: string; timeZone: string }[];
      applications: unknown[];
    };
    expect(config.calOrigin).toBe("http://cal.test:3000");
    expect(config.calLink).toBe("acme/audition");
    expect(config.bridgeUrl).toBe("");
    expect(config.loadTimeoutMs).toBe(10_000);
    expect(config.users.map((u) => [u.id, u.role, u.email, u.locale, u.timeZone])).toEqual([
      ["demo-caster", "caster", "caster@demo.takeone.test", "en", "Asia/Riyadh"],
      ["demo-caster-2", "caster", "caster2@demo.takeone.test", "en", "Asia/Riyadh"],
      ["demo-talent", "talent", "talent@demo.takeone.test", "en", "Asia/Riyadh"],
    ]);
    expect(config.applications).toEqual([
      {
        id: "demo-application",
        casterUserId: "demo-caster",
        castingCallTitle: "Demo: lead role",
        talent: { name: "Demo Talent", email: "talent@demo.takeone.test" },
      },
    ]);
    for (const user of config.users) {
      const list = await fetch(`${service.url}/api/v1/bookings`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(list.status).toBe(200);
    }
    // asking again inserts nothing twice
    const again = await fetch(`${service.url}/demo-config.json`);
    expect(((await again.json()) as { users: unknown[] }).users).toHaveLength(3);
  });
});

describe("the demo app not built", () => {
  let service: TestService;
  let emptyDir: string;
  beforeAll(async () => {
    emptyDir = await mkdtemp(path.join(tmpdir(), "takeone-demo-app-"));
    service = await startTestService({ env: { DEMO_APP: "on", DEMO_APP_DIR: emptyDir } });
  });
  afterAll(async () => {
    await service.stop();
    await rm(emptyDir, { recursive: true, force: true });
  });

  it("says at / how to build it", async () => {
    const res = await fetch(`${service.url}/`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.message).toContain("npm run build -w plugin");
  });
});

describe("the demo app in production", () => {
  let service: TestService;
  let demoDir: string;
  beforeAll(async () => {
    demoDir = await mkdtemp(path.join(tmpdir(), "takeone-demo-app-"));
    await writeFile(path.join(demoDir, "index.html"), "<!doctype html><title>demo</title>");
    service = await startTestService({
      env: { NODE_ENV: "production", DEMO_APP: "on", DEMO_APP_DIR: demoDir },
    });
  });
  afterAll(async () => {
    await service.stop();
    await rm(demoDir, { recursive: true, force: true });
  });

  it("refuses the dev sign-in and mints no token", async () => {
    const res = await fetch(`${service.url}/demo-config.json`);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { success: boolean; error: { code: string } };
    expect(body).toMatchObject({ success: false, error: { code: "FORBIDDEN" } });
    expect(JSON.stringify(body)).not.toMatch(/eyJ/); // no JWT in the answer
    const { rows } = await service.db.pool.query(
      `SELECT count(*)::int AS n FROM "User" WHERE "id" LIKE 'demo-%'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it("does not serve the demo app", async () => {
    const res = await fetch(`${service.url}/`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("<title>demo</title>");
  });
});

describe("the demo app on a real database (DATABASE_URL) with DEMO_APP left at auto", () => {
  let service: TestService;
  beforeAll(async () => {
    // startTestService always gives a DATABASE_URL: the case of a deploy whose NODE_ENV was forgotten.
    service = await startTestService({ env: { NODE_ENV: "development" } });
  });
  afterAll(async () => {
    await service.stop();
  });

  it("mints nothing, inserts nothing and serves no demo", async () => {
    const config = await fetch(`${service.url}/demo-config.json`);
    expect(config.status).toBe(403);
    const { rows } = await service.db.pool.query(`SELECT count(*)::int AS n FROM "User"`);
    expect(rows[0].n).toBe(0);
    expect((await fetch(`${service.url}/`)).status).toBe(404);
  });
});
