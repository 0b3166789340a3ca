import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signCalcomBody } from "../../src/webhooks/verify-calcom-signature.ts";
import { WEBHOOK_PATH } from "../calcom-webhooks.ts";
import { createTestDatabase } from "../create-test-database.ts";
import { freePort, startBridge, waitForReady } from "../spawn-bridge.ts";
import { TEST_WEBHOOK_SECRET } from "../start-test-service.ts";

/**
 * Issue 8: under hostile input the bridge's memory stays flat. The bridge runs in its own process;
 * its resident memory is read from /proc after a warm-up and again after thousands more hostile
 * requests. A leak of a few kilobytes per request would show as tens of megabytes here.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

/** One hostile request of each kind, chosen by `i`; resolves with the status. */
function hostile(base: string, i: number): Promise<number> {
  const url = `${base}${WEBHOOK_PATH}`;
  const post = (body: string | Uint8Array, headers: Record<string, string>) =>
    fetch(url, { method: "POST", body, headers }).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    });
  const noise = `${i}-${"x".repeat(i % 500)}`;
  switch (i % 6) {
    case 0: // unsigned
      return post(JSON.stringify({ triggerEvent: "BOOKING_CREATED", payload: { noise } }), {
        "content-type": "application/json",
      });
    case 1: {
      // signed, but not a Cal.com webhook (stored as invalid)
      const body = JSON.stringify({ triggerEvent: "BOOKING_CREATED", createdAt: noise, payload: [noise] });
      return post(body, { "x-cal-signature-256": signCalcomBody(body, TEST_WEBHOOK_SECRET) });
    }
    case 2: {
      // signed, deeply nested
      const body = `${"[".repeat(5000)}${"]".repeat(5000)}`;
      return post(body, { "x-cal-signature-256": signCalcomBody(body, TEST_WEBHOOK_SECRET) });
    }
    case 3: {
      // signed invalid UTF-8
      const body = Buffer.concat([
        Buffer.from('{"triggerEvent":"PING","x":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]);
      return post(body, { "x-cal-signature-256": signCalcomBody(body, TEST_WEBHOOK_SECRET) });
    }
    case 4: // a wrong signature with an odd content type
      return post(noise, { "content-type": "text/plain", "x-cal-signature-256": "00".repeat(32) });
    default: // over the body limit: refused before it is read on
      return post(Buffer.alloc(1024 * 1024 + 10, 0x7b), { "content-type": "application/json" });
  }
}

async function send(base: string, from: number, count: number, concurrency = 8): Promise<number[]> {
  const statuses: number[] = [];
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const i = next++;
      statuses.push(await hostile(base, i));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

describe("faults: hostile input", () => {
  it("keeps the bridge's memory flat over thousands of hostile requests", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const dataDir = await mkdtemp(path.join(tmpdir(), "takeone-mem-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const bridge = startBridge({
      DATABASE_URL: db.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      CALCOM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    });
    cleanups.push(async () => bridge.child.kill("SIGKILL"));
    await waitForReady(port, bridge);
    const base = `http://127.0.0.1:${port}`;
    const pid = bridge.child.pid as number;

    const warmup = await send(base, 0, 1200);
    const before = await residentMiB(pid);
    const samples: number[] = [];
    let statuses: number[] = [];
    for (let round = 1; round <= 6; round++) {
      statuses = statuses.concat(await send(base, round * 10_000, 1200));
      samples.push(await residentMiB(pid));
    }

    for (const status of [...warmup, ...statuses]) expect([400, 401, 413]).toContain(status);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // 7 200 requests after the warm-up, a sixth of them 1 MiB bodies. Resident memory swings with
    // the garbage collector (a sample may catch a peak), so the troughs are compared: the lowest of
    // the last three rounds against the lowest of the first three. A leak raises the troughs.
    const firstTrough = Math.min(...samples.slice(0, 3));
    const lastTrough = Math.min(...samples.slice(-3));
    const readings = `RSS ${before.toFixed(0)} MiB after warm-up, then ${samples.map((s) => s.toFixed(0)).join(", ")}`;
    console.info(readings);
    expect(lastTrough - firstTrough, readings).toBeLessThan(24);
    expect(lastTrough - before, readings).toBeLessThan(64);
  }, 120_000);
});
