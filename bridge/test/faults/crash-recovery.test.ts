import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "../../src/db/create-pool.ts";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "../../src/db/embedded-postgres.ts";
import { applyMigrations } from "../../src/db/migrations/apply-migrations.ts";
import { createLogger } from "../../src/http/create-logger.ts";
import { startService } from "../../src/service/start-service.ts";
import {
  buildCalcomWebhook,
  type CalcomBookingSpec,
  signCalcomWebhook,
} from "../../src/webhooks/build-calcom-webhook.ts";
import { WEBHOOK_PATH } from "../calcom-webhooks.ts";
import { createTestDatabase } from "../create-test-database.ts";
import { freePort, startBridge, waitForReady } from "../spawn-bridge.ts";
import { TEST_WEBHOOK_SECRET } from "../start-test-service.ts";

/**
 * Nothing acknowledged is ever lost (issue 8): every delivery the bridge answered 2xx is in the
 * database and applied, whatever happened right after — the bridge killed with SIGKILL, or
 * PostgreSQL stopped and started under load.
 */

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

type Queryable = {
  query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
};

async function seedMany(db: Queryable, prefix: string, count: number): Promise<void> {
  await db.query(`INSERT INTO "User" ("id", "email", "name", "role") VALUES ($1, $2, 'Caster', 'caster')`, [
    `${prefix}-caster`,
    `${prefix}-caster@x.example`,
  ]);
  await db.query(`INSERT INTO "CastingCall" ("id", "title", "casterUserId") VALUES ($1, 'Call', $2)`, [
    `${prefix}-call`,
    `${prefix}-caster`,
  ]);
  await db.query(
    `INSERT INTO "User" ("id", "email", "name", "role")
     SELECT $1 || '-talent-' || i, $1 || '-talent-' || i || '@x.example', 'Talent', 'talent' FROM generate_series(0, $2 - 1) i`,
    [prefix, count],
  );
  await db.query(
    `INSERT INTO "Application" ("id", "castingCallId", "talentUserId")
     SELECT $1 || '-app-' || i, $1 || '-call', $1 || '-talent-' || i FROM generate_series(0, $2 - 1) i`,
    [prefix, count],
  );
}

function createdBodies(
  prefix: string,
  count: number,
): { body: string; headers: Record<string, string>; sha: string; app: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const app = `${prefix}-app-${i}`;
    const booking: CalcomBookingSpec = {
      uid: `${prefix}uid${i}`,
      bookingId: i,
      startTime: new Date(Date.UTC(2026, 11, 1, 7)),
      durationMinutes: 30,
      attendee: { name: "Caster", email: `${prefix}-caster@x.example`, timeZone: "Asia/Riyadh" },
      organizer: { name: "Host", email: "host@x.example", timeZone: "Asia/Riyadh" },
      applicationId: app,
    };
    const signed = signCalcomWebhook(
      buildCalcomWebhook("BOOKING_CREATED", { createdAt: new Date(), booking }),
      TEST_WEBHOOK_SECRET,
    );
    return { ...signed, sha: createHash("sha256").update(signed.body).digest("hex"), app };
  });
}

/** Sends every body with `concurrency` in flight; returns the status of each (0: no answer). */
async function burst(
  url: string,
  bodies: { body: string; headers: Record<string, string> }[],
  concurrency: number,
  onAnswer?: (answered: number) => void,
): Promise<number[]> {
  const statuses = new Array<number>(bodies.length).fill(0);
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++;
      const item = bodies[index] as (typeof bodies)[number];
      try {
        const res = await fetch(`${url}${WEBHOOK_PATH}`, {
          method: "POST",
          body: item.body,
          headers: item.headers,
        });
        await res.arrayBuffer();
        statuses[index] = res.status;
      } catch {
        statuses[index] = 0;
      }
      onAnswer?.(++answered);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

async function expectAcknowledgedApplied(
  db: Queryable,
  bodies: { sha: string; app: string }[],
  statuses: number[],
) {
  const acknowledged = bodies.filter((_, i) => statuses[i] === 200);
  const { rows } = await db.query(
    `SELECT d."bodySha256" AS sha, d."outcome", b."status"
       FROM "CalcomDelivery" d LEFT JOIN "AuditionBooking" b ON b."applicationId" = d."applicationId"
      WHERE d."bodySha256" = ANY($1::text[])`,
    [acknowledged.map((b) => b.sha)],
  );
  const stored = new Map(rows.map((row) => [row.sha as string, row]));
  const missing = acknowledged.filter((b) => stored.get(b.sha)?.status !== "scheduled");
  expect(missing).toEqual([]);
  return acknowledged.length;
}

describe("faults: nothing acknowledged is lost", () => {
  it("kill -9 in the middle of a webhook burst, then restart", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    await seedMany(db.pool, "k9", 400);
    const bodies = createdBodies("k9", 400);
    const dataDir = await mkdtemp(path.join(tmpdir(), "takeone-k9-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      CALCOM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    };
    const first = startBridge(env);
    cleanups.push(async () => {
      first.child.kill("SIGKILL");
    });
    await waitForReady(port, first);

    const statuses = await burst(`http://127.0.0.1:${port}`, bodies, 16, (answered) => {
      if (answered === 120) first.child.kill("SIGKILL");
    });
    await first.exited;
    const acknowledged = statuses.filter((s) => s === 200).length;
    expect(acknowledged).toBeGreaterThanOrEqual(120 - 16);
    expect(acknowledged).toBeLessThan(bodies.length); // the kill did cut the burst short
    expect(statuses.every((s) => s === 200 || s === 0)).toBe(true);

    const second = startBridge(env);
    cleanups.push(async () => {
      second.child.kill("SIGKILL");
    });
    await waitForReady(port, second);
    expect(await expectAcknowledgedApplied(db.pool, bodies, statuses)).toBe(acknowledged);

    // What was not acknowledged can be sent again (reconciliation does that): each lands once.
    const rest = bodies.filter((_, i) => statuses[i] !== 200);
    const again = await burst(`http://127.0.0.1:${port}`, rest, 8);
    expect(again.every((s) => s === 200)).toBe(true);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM "AuditionBooking" WHERE "status" = 'scheduled'`,
    );
    expect(rows[0].n).toBe(400);
    second.child.kill("SIGTERM");
    await second.exited;
  }, 120_000);

  it("PostgreSQL stopped and started under load: 503 while it is down, recovery by itself, nothing acknowledged lost", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "takeone-pgrestart-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    let server: EmbeddedPostgres = await startEmbeddedPostgres({
      dir,
      database: "faults",
      isThrowaway: true,
    });
    cleanups.push(() => server.stop());
    await applyMigrations({ databaseUrl: server.url });
    const seedPool = createPool({ connectionString: server.url, max: 2 });
    await seedMany(seedPool, "pg", 300);
    await seedPool.end();

    const service = await startService({
      env: {
        NODE_ENV: "test",
        PORT: "0",
        DATABASE_URL: server.url,
        DATA_DIR: path.join(dir, "bridge"),
        CALCOM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
        LOG_LEVEL: "silent",
      },
      isJobsEnabled: false,
      logger: createLogger({ level: "silent" }),
    });
    cleanups.push(() => service.stop());
    const url = service.url as string;
    const bodies = createdBodies("pg", 300);

    let restart: Promise<void> | undefined;
    const statuses = await burst(url, bodies, 4, (answered) => {
      if (answered === 60) {
        restart = (async () => {
          await server.stop();
          await new Promise((resolve) => setTimeout(resolve, 1500));
          server = await startEmbeddedPostgres({ dir, database: "faults", isThrowaway: true });
        })();
      }
    });
    await restart;
    const counts: Record<number, number> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    // Only 200 (stored) and 503 (nothing stored, say so): never a 500, never a lost answer.
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(["200", "503"]));
    expect(Object.keys(counts).every((s) => s === "200" || s === "503")).toBe(true);

    // Recovered by itself: the next delivery is stored without restarting the bridge.
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const checkPool = createPool({ connectionString: server.url, max: 2 });
    cleanups.push(() => checkPool.end());
    expect(await expectAcknowledgedApplied(checkPool, bodies, statuses)).toBe(counts[200]);
    const refused = bodies.filter((_, i) => statuses[i] === 503);
    const again = await burst(url, refused, 4);
    expect(again.every((s) => s === 200)).toBe(true);
  }, 120_000);
});
