import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./create-test-database.ts";
import { freePort, startBridge, waitForReady } from "./spawn-bridge.ts";

async function embeddedUrl(dataDir: string): Promise<string> {
  const state = JSON.parse(await readFile(path.join(dataDir, "postgres", "postgres.json"), "utf8"));
  return `postgresql://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/takeone`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe("npm start on the embedded PostgreSQL", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "takeone-lifecycle-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts PostgreSQL under DATA_DIR, reuses it with its data after a restart, and stops it on SIGTERM and SIGINT", async () => {
    const port = await freePort();
    const first = startBridge({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForReady(port, first);
    expect(first.output()).toMatch(
      /embedded PostgreSQL postgresql:\/\/postgres:.+@127\.0\.0\.1:\d+\/takeone/,
    );
    expect(first.output()).toContain(path.join(dataDir, "secrets.json"));
    const url = await embeddedUrl(dataDir);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO "User"(id,email,name,role) VALUES ('u1','u1@example.com','U','caster')`);
    await client.end();

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(await canConnect(url)).toBe(false);

    const second = startBridge({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForReady(port, second);
    const again = new pg.Client({ connectionString: await embeddedUrl(dataDir) });
    await again.connect();
    const { rows } = await again.query(`SELECT email FROM "User" WHERE id = 'u1'`);
    await again.end();
    expect(rows).toEqual([{ email: "u1@example.com" }]);

    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
    expect(await canConnect(url)).toBe(false);
  }, 90_000);

  it("after kill -9 takes over the PostgreSQL the killed bridge left running", async () => {
    const port = await freePort();
    const killed = startBridge({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForReady(port, killed);
    killed.child.kill("SIGKILL");
    await killed.exited;
    expect(await canConnect(await embeddedUrl(dataDir))).toBe(true);

    const next = startBridge({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForReady(port, next);
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
    expect(await canConnect(await embeddedUrl(dataDir))).toBe(false);
  }, 90_000);

  it("refuses a second bridge on the same DATA_DIR while the first runs", async () => {
    const port = await freePort();
    const first = startBridge({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForReady(port, first);
    const second = startBridge({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Another bridge \(pid \d+\) is running on DATA_DIR/);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  }, 90_000);

  it("starts nothing when DATABASE_URL is set", async () => {
    const port = await freePort();
    const otherDir = await mkdtemp(path.join(tmpdir(), "takeone-lifecycle-url-"));
    const db = await createTestDatabase();
    const bridge = startBridge({ DATA_DIR: otherDir, PORT: String(port), DATABASE_URL: db.url });
    try {
      await waitForReady(port, bridge);
      expect(bridge.output()).toContain("database         DATABASE_URL");
      expect(existsSync(path.join(otherDir, "postgres"))).toBe(false);
    } finally {
      bridge.child.kill("SIGTERM");
      await bridge.exited;
      await rm(otherDir, { recursive: true, force: true });
      await db.drop();
    }
  }, 60_000);
});
