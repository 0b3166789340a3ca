import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./create-test-database.ts";
import { insertTestBooking } from "./insert-test-bookings.ts";
import { type EventReceiver, startEventReceiver } from "./start-event-receiver.ts";
import { TEST_EVENTS_SECRET } from "./start-test-service.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** `takeone-cal worker` as its own OS process. */
function startWorker(env: NodeJS.ProcessEnv): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<unknown>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "bridge/src/cli/main.ts", "worker"], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", ...env },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output, exited: new Promise((resolve) => child.on("exit", resolve)) };
}

async function waitFor(check: () => Promise<boolean> | boolean, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("two `takeone-cal worker` processes on one database", () => {
  let db: TestDatabase;
  let receiver: EventReceiver;
  const workers: ReturnType<typeof startWorker>[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null) worker.child.kill("SIGTERM");
      await worker.exited;
    }
    await receiver?.close();
    await db?.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("send each reminder exactly once and deliver every event once, then stop cleanly on SIGTERM", async () => {
    db = await createTestDatabase();
    receiver = await startEventReceiver({ secret: TEST_EVENTS_SECRET });
    const now = Date.now();
    for (let i = 0; i < 30; i++) {
      await insertTestBooking(db.pool, {
        scheduledAt: new Date(now + (i % 3 === 0 ? 20 : 600) * 60_000 + i * 1000),
      });
    }
    for (let w = 0; w < 2; w++) {
      const dataDir = await mkdtemp(path.join(tmpdir(), "takeone-worker-"));
      dirs.push(dataDir);
      workers.push(
        startWorker({
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          TAKEONE_EVENTS_URL: receiver.url,
          TAKEONE_EVENTS_SECRET: TEST_EVENTS_SECRET,
          EVENTS_POLL_MS: "100",
          REMINDER_SWEEP_MS: "200",
        }),
      );
    }
    await waitFor(() => receiver.accepted().length >= 30);
    // both keep sweeping; give them a few more sweeps to (not) repeat anything
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const reminders = receiver.accepted();
    expect(reminders).toHaveLength(30);
    expect(new Set(reminders.map((e) => e.data.id)).size).toBe(30);
    expect(reminders.filter((e) => e.data.kind === "1h")).toHaveLength(10);
    expect(new Set(receiver.attempts.map((a) => a.id)).size).toBe(receiver.attempts.length);
    // both processes are still running (neither died of an error) when asked to stop
    expect(workers.map((w) => w.child.exitCode)).toEqual([null, null]);

    for (const worker of workers) worker.child.kill("SIGTERM");
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join("\n")).toEqual([0, 0]);
  });
});
