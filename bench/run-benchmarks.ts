// `npm run bench`: measures the bridge against an ideal floor, side by side in one run, and writes
// docs/benchmarks.md. Every figure that matters is a ratio of two measurements taken minutes apart
// on the same machine (it is shared and noisy: absolute numbers move between runs, ratios less).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { startEmbeddedPostgres } from "../bridge/src/db/embedded-postgres.ts";
import { applyMigrations } from "../bridge/src/db/migrations/apply-migrations.ts";
import {
  buildCalcomWebhook,
  type CalcomBookingSpec,
  signCalcomWebhook,
} from "../bridge/src/webhooks/build-calcom-webhook.ts";

const SECRET = "bench-webhook-secret";
const ROOT = path.resolve(import.meta.dirname, "..");
const CLOSED_REQUESTS = Number(process.env.BENCH_CLOSED_REQUESTS ?? 6000);
const OPEN_RATE = 200;
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 10);
const CONCURRENCY = 32;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface LoadResult {
  /** CPU spent per request during the phase, in ms: by the server measured, and by PostgreSQL */
  cpu?: { server: number; postgres: number };
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

const log = (message: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

const dir = await mkdtemp(path.join(os.tmpdir(), "takeone-bench-"));
const children: ChildProcess[] = [];
try {
  log("starting embedded PostgreSQL (fsync on, as in production)");
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "bench" });
  await applyMigrations({ databaseUrl: server.url });
  const db = new pg.Pool({ connectionString: server.url, max: 4 });

  // Distinct applications for every delivery chain: each phase gets its own.
  const chainsPerClosed = Math.ceil(CLOSED_REQUESTS / 3);
  const chainsPerOpen = Math.ceil((OPEN_RATE * OPEN_SECONDS) / 3);
  const phases = ["warmup", ...Array.from({ length: ROUNDS }, (_, r) => [`closed${r}`, `open${r}`]).flat()];
  const chainCount = (phase: string) =>
    phase === "warmup" ? 100 : phase.startsWith("closed") ? chainsPerClosed : chainsPerOpen;
  const totalChains = phases.reduce((sum, phase) => sum + chainCount(phase), 0) * 2; // bridge and floor
  log(`seeding ${totalChains} applications`);
  await seedApplications(db, totalChains);

  let nextApp = 0;
  const bodyFiles = new Map<string, string>();
  for (const target of ["bridge", "floor"]) {
    for (const phase of phases) {
      const file = path.join(dir, `${target}-${phase}.json`);
      await writeFile(file, JSON.stringify(buildMix(nextApp, chainCount(phase))));
      nextApp += chainCount(phase);
      bodyFiles.set(`${target}-${phase}`, file);
    }
  }

  log("starting the bridge and the floor");
  const bridgePort = await freePort();
  // BENCH_BRIDGE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the bridge under load.
  const bridgeArgs = (process.env.BENCH_BRIDGE_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const bridge = spawn(
    process.execPath,
    [...bridgeArgs, path.join(ROOT, "bridge/dist/cli/main.js"), "serve", "--no-jobs"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(bridgePort),
        DATABASE_URL: server.url,
        CALCOM_WEBHOOK_SECRET: SECRET,
        TAKEONE_JWT_SECRET: "bench-jwt-secret-0123456789abcdef",
        TAKEONE_EVENTS_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        DATA_DIR: path.join(dir, "bridge-data"),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  children.push(bridge);
  const bridgeUrl = `http://127.0.0.1:${bridgePort}`;
  const readyMs = await waitReady(`${bridgeUrl}/readyz`);
  const floor = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/floor-server.ts")], {
    env: { ...process.env, DATABASE_URL: server.url, SECRET },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(floor);
  const floorPort = (JSON.parse(await firstLine(floor)) as { port: number }).port;
  const floorUrl = `http://127.0.0.1:${floorPort}/`;
  const webhookUrl = `${bridgeUrl}/api/v1/webhooks/calcom`;
  const rssIdle = rssOf(bridge);

  const run = async (target: "bridge" | "floor", phase: string): Promise<LoadResult> => {
    const mode = phase.startsWith("open") ? "open" : "closed";
    // Each phase starts from a settled database: the previous phase's dirty pages are flushed
    // first, so a checkpoint it caused does not land in the next one's latencies.
    await db.query("CHECKPOINT");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const serverPid = (target === "bridge" ? bridge : floor).pid as number;
    const cpuBefore = { server: cpuSeconds(serverPid), postgres: postgresCpuSeconds(server.dataDir) };
    const result = await runLoad({
      url: target === "bridge" ? webhookUrl : floorUrl,
      bodiesFile: bodyFiles.get(`${target}-${phase}`) as string,
      mode,
      concurrency: CONCURRENCY,
      rate: OPEN_RATE,
    });
    result.cpu = {
      server: ((cpuSeconds(serverPid) - cpuBefore.server) * 1000) / result.requests,
      postgres: ((postgresCpuSeconds(server.dataDir) - cpuBefore.postgres) * 1000) / result.requests,
    };
    log(
      `${target} ${phase}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms ${JSON.stringify(result.statuses)}`,
    );
    return result;
  };

  log("warm-up");
  await run("floor", "warmup");
  await run("bridge", "warmup");
  const results: {
    round: number;
    floorClosed: LoadResult;
    bridgeClosed: LoadResult;
    floorOpen: LoadResult;
    bridgeOpen: LoadResult;
  }[] = [];
  let rssPeak = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first, so drift on the machine does not favour one side.
    const first = round % 2 === 0 ? "floor" : "bridge";
    const second = first === "floor" ? "bridge" : "floor";
    const closed = {
      [first]: await run(first, `closed${round}`),
      [second]: await run(second, `closed${round}`),
    };
    rssPeak = Math.max(rssPeak, rssOf(bridge));
    const open = { [first]: await run(first, `open${round}`), [second]: await run(second, `open${round}`) };
    rssPeak = Math.max(rssPeak, rssOf(bridge));
    results.push({
      round,
      floorClosed: closed.floor as LoadResult,
      bridgeClosed: closed.bridge as LoadResult,
      floorOpen: open.floor as LoadResult,
      bridgeOpen: open.bridge as LoadResult,
    });
  }

  // The bridge did its whole job for every 2xx: delivery stored, booking mapped, event recorded.
  const acknowledged = results.reduce(
    (sum, r) => sum + (r.bridgeClosed.statuses["200"] ?? 0) + (r.bridgeOpen.statuses["200"] ?? 0),
    0,
  );
  const work = await db.query<{ deliveries: number; applied: number; bookings: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM "CalcomDelivery") AS deliveries,
            (SELECT count(*)::int FROM "CalcomDelivery" WHERE "outcome" = 'applied') AS applied,
            (SELECT count(*)::int FROM "AuditionBooking") AS bookings,
            (SELECT count(*)::int FROM "OutboxEvent") AS events`,
  );
  await db.end();

  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  await server.stop();

  const extra = process.env.BENCH_ONLY === "webhooks" ? [] : await runOtherBenchmarks(dir);
  const markdown = renderMarkdown({
    extra,
    results,
    readyMs,
    rssIdle,
    rssPeak,
    acknowledged,
    work: work.rows[0] as never,
  });
  const output = path.join(ROOT, "docs/benchmarks.md");
  await writeFile(output, markdown);
  // The repository's formatter pads the tables, so the file passes `npm run lint` as written.
  execFileSync(path.join(ROOT, "node_modules/.bin/biome"), ["format", "--write", output], {
    stdio: "ignore",
  });
  process.stdout.write(readFileSync(output, "utf8"));
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
}

/** Chains of CREATED → RESCHEDULED → CANCELLED, interleaved so that the three kinds mix over time. */
function buildMix(firstApp: number, chains: number): { body: string; signature: string }[] {
  const at = (i: number) => new Date(Date.UTC(2026, 10, 24, 8) + i * 1000);
  const spec = (app: number, uid: string, day: number): CalcomBookingSpec => ({
    uid,
    bookingId: app * 10 + day,
    startTime: new Date(Date.UTC(2026, 11, 1 + day, 7)),
    durationMinutes: 30,
    attendee: { name: "Casting Team", email: "caster@bench.example", timeZone: "Asia/Riyadh" },
    organizer: { name: "Audition host", email: "host@bench.example", timeZone: "Asia/Riyadh" },
    applicationId: `bench-app-${app}`,
  });
  const out: { body: string; signature: string }[] = [];
  const push = (body: Record<string, unknown>) => {
    const signed = signCalcomWebhook(body, SECRET);
    out.push({ body: signed.body, signature: signed.headers["x-cal-signature-256"] as string });
  };
  const lag = Math.min(50, Math.max(1, Math.floor(chains / 4)));
  for (let s = 0; s < chains + 2 * lag; s++) {
    const created = s;
    const rescheduled = s - lag;
    const cancelled = s - 2 * lag;
    if (created < chains) {
      const app = firstApp + created;
      push(
        buildCalcomWebhook("BOOKING_CREATED", { createdAt: at(0), booking: spec(app, `bench${app}a`, 0) }),
      );
    }
    if (rescheduled >= 0 && rescheduled < chains) {
      const app = firstApp + rescheduled;
      push(
        buildCalcomWebhook("BOOKING_RESCHEDULED", {
          createdAt: at(1),
          booking: spec(app, `bench${app}b`, 1),
          rescheduleUid: `bench${app}a`,
        }),
      );
    }
    if (cancelled >= 0 && cancelled < chains) {
      const app = firstApp + cancelled;
      push(
        buildCalcomWebhook("BOOKING_CANCELLED", {
          createdAt: at(2),
          booking: spec(app, `bench${app}b`, 1),
          reason: "bench",
        }),
      );
    }
  }
  return out;
}

async function seedApplications(db: pg.Pool, count: number): Promise<void> {
  await db.query(
    `INSERT INTO "User" ("id", "email", "name", "role") VALUES ('bench-caster', 'caster@bench.example', 'Casting Team', 'caster')`,
  );
  await db.query(
    `INSERT INTO "CastingCall" ("id", "title", "casterUserId") VALUES ('bench-call', 'Bench', 'bench-caster')`,
  );
  await db.query(
    `INSERT INTO "User" ("id", "email", "name", "role")
     SELECT 'bench-talent-' || i, 'talent' || i || '@bench.example', 'Talent ' || i, 'talent' FROM generate_series(0, $1 - 1) AS i`,
    [count],
  );
  await db.query(
    `INSERT INTO "Application" ("id", "castingCallId", "talentUserId")
     SELECT 'bench-app-' || i, 'bench-call', 'bench-talent-' || i FROM generate_series(0, $1 - 1) AS i`,
    [count],
  );
}

function runLoad(job: Record<string, unknown>): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "bench/load-generator.ts"), JSON.stringify(job)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return firstLine(child).then((line) => JSON.parse(line) as LoadResult);
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`process exited with ${code} before writing a result`)));
  });
}

async function waitReady(url: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return performance.now() - started;
    } catch {}
    if (performance.now() - started > 60_000) throw new Error(`${url} not ready after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Resident memory of a child in MiB, from /proc (Linux). */
function rssOf(child: ChildProcess): number {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** User and system CPU time of a process so far, in seconds (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The same for the PostgreSQL server: its postmaster and every process it started (backends…). */
function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let total = cpuSeconds(postmaster);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // the process has gone
    }
  }
  return total;
}

function renderMarkdown(args: {
  extra: string[];
  results: {
    round: number;
    floorClosed: LoadResult;
    bridgeClosed: LoadResult;
    floorOpen: LoadResult;
    bridgeOpen: LoadResult;
  }[];
  readyMs: number;
  rssIdle: number;
  rssPeak: number;
  acknowledged: number;
  work: { deliveries: number; applied: number; bookings: number; events: number };
}): string {
  const { results } = args;
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const ratio = mean(results.map((r) => r.bridgeClosed.rps / r.floorClosed.rps));
  const bridgeOpenP99 = Math.max(...results.map((r) => r.bridgeOpen.p99));
  const f = (n: number, digits = 1) => n.toFixed(digits);
  const cpuOf = (pick: (r: (typeof results)[number]) => LoadResult) => ({
    server: mean(results.map((r) => pick(r).cpu?.server ?? 0)),
    postgres: mean(results.map((r) => pick(r).cpu?.postgres ?? 0)),
  });
  const perRequest = { floor: cpuOf((r) => r.floorClosed), bridge: cpuOf((r) => r.bridgeClosed) };
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run-benchmarks.ts). Do not edit by hand; run it again.",
    "",
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.cpus().length} × ${cpu}, ${f(os.totalmem() / 2 ** 30, 0)} GiB, ${os.type()} ${os.release()} (shared, noisy)`,
    `- Node ${process.version}; PostgreSQL 18 (embedded-postgres, fsync on); the bridge built (\`bridge/dist\`) as \`takeone-cal serve --no-jobs\` (jobs belong in a \`worker\` process), NODE_ENV=production, LOG_LEVEL=warn`,
    `- Load generator: bench/load-generator.ts in its own process, keep-alive HTTP/1.1. Closed loop: ${CLOSED_REQUESTS} requests, ${CONCURRENCY} in flight. Open loop: ${OPEN_RATE} req/s for ${OPEN_SECONDS} s, latency from the scheduled send time. Each phase starts after a \`CHECKPOINT\` and a 1 s pause.`,
    "",
    "## Webhook ingestion: the bridge against the ideal floor",
    "",
    "A mix of verified BOOKING_CREATED, BOOKING_RESCHEDULED (new uid) and BOOKING_CANCELLED for distinct",
    "applications, in chains of three, interleaved. **Bridge**: verify, store the delivery, record the",
    "observation, fold the chain, write the AuditionBooking row and its outbound event, commit, answer",
    "(deliveries arriving together are committed together, each answered after its commit: docs/webhooks.md).",
    "**Floor** (bench/floor-server.ts): a bare `node:http` server that reads the body, checks the HMAC with",
    "`node:crypto` and does one INSERT with `pg`. Both on the same PostgreSQL, measured alternately in one run.",
    "",
    "| round | load | floor req/s | bridge req/s | bridge / floor | floor p50 / p99 ms | bridge p50 / p99 ms |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...results.flatMap((r) => [
      `| ${r.round + 1} | closed, ${CONCURRENCY} in flight | ${f(r.floorClosed.rps, 0)} | ${f(r.bridgeClosed.rps, 0)} | ${f(r.bridgeClosed.rps / r.floorClosed.rps, 2)} | ${f(r.floorClosed.p50)} / ${f(r.floorClosed.p99)} | ${f(r.bridgeClosed.p50)} / ${f(r.bridgeClosed.p99)} |`,
      `| ${r.round + 1} | open, ${OPEN_RATE} req/s | ${f(r.floorOpen.rps, 0)} | ${f(r.bridgeOpen.rps, 0)} | — | ${f(r.floorOpen.p50)} / ${f(r.floorOpen.p99)} | ${f(r.bridgeOpen.p50)} / ${f(r.bridgeOpen.p99)} |`,
    ]),
    "",
    "| target | measured | met |",
    "| --- | ---: | :---: |",
    `| bridge throughput ≥ 0.6 × floor (mean of rounds) | ${f(ratio, 2)} | ${ratio >= 0.6 ? "yes" : "**no**"} |`,
    `| bridge p99 < 25 ms at ${OPEN_RATE} req/s (worst round) | ${f(bridgeOpenP99)} ms | ${bridgeOpenP99 < 25 ? "yes" : "**no**"} |`,
    "",
    "Where the time goes: CPU per request in the closed loop (mean of rounds; /proc, user + system). The two",
    "servers, PostgreSQL and the load generator share the machine's cores, so the CPU a request costs bounds",
    "the throughput.",
    "",
    "| per request | floor | bridge | bridge / floor |",
    "| --- | ---: | ---: | ---: |",
    `| server process (node) | ${f(perRequest.floor.server, 3)} ms | ${f(perRequest.bridge.server, 3)} ms | ${f(perRequest.bridge.server / perRequest.floor.server, 1)} × |`,
    `| PostgreSQL | ${f(perRequest.floor.postgres, 3)} ms | ${f(perRequest.bridge.postgres, 3)} ms | ${f(perRequest.bridge.postgres / perRequest.floor.postgres, 1)} × |`,
    "",
    "Per request the floor parses nothing and writes one row with one index entry. Per delivery the bridge",
    "parses and validates the payload, and writes four rows (the delivery with its raw body, the observation,",
    "the AuditionBooking row, the outbound event) carrying 23 index entries, after reading the chain and the",
    "row under locks. Deliveries arriving together are already committed in one transaction, with a few",
    "pipelined statements for all of them (docs/webhooks.md).",
    "",
    `Work done, checked after the run: ${args.acknowledged} deliveries answered 200 by the bridge; the database holds`,
    `${args.work.deliveries} deliveries (${args.work.applied} applied), ${args.work.bookings} AuditionBooking rows and`,
    `${args.work.events} outbound events (created, rescheduled and cancelled for each chain).`,
    "",
    "## Fault injection (in `npm test`, so in CI)",
    "",
    "Not measured here: asserted by the test suite on every run.",
    "",
    "| fault | test | what must hold |",
    "| --- | --- | --- |",
    "| kill -9 mid-burst, restart | bridge/test/faults/crash-recovery.test.ts | every 2xx stored and applied; the rest, sent again, land once |",
    "| PostgreSQL stopped and started under load | bridge/test/faults/crash-recovery.test.ts | only 200 or 503; recovers by itself; nothing acknowledged lost |",
    "| hostile bodies (fast-check), deep JSON, NULs, invalid UTF-8, content types, 64 KB headers, slow-loris | bridge/test/faults/hostile-input.test.ts | never a 5xx or a crash; 431 / 408 from the HTTP layer |",
    "| 8 400 hostile requests | bridge/test/faults/memory-under-hostile-input.test.ts | resident memory flat (troughs do not climb) |",
    "| events receiver down, slower than the timeout, 500, 410 | bridge/src/events/dispatch-events.test.ts | delivered after recovery (410: after release), in order per booking, same ids |",
    "| tokens: wrong secret, none, `alg: none`, HS/RS confusion, expired, future nbf; other users' ids | bridge/src/auth/require-user.test.ts, bridge/test/api-access-matrix.test.ts | 401 / 404, never another user's data |",
    "",
    "## Memory and start-up",
    "",
    "| measure | value |",
    "| --- | ---: |",
    `| bridge RSS idle (after start) | ${f(args.rssIdle, 0)} MiB |`,
    `| bridge RSS under webhook load (peak sampled) | ${f(args.rssPeak, 0)} MiB |`,
    `| start to /readyz (external PostgreSQL already running, migrations already applied) | ${f(args.readyMs, 0)} ms |`,
    "",
    ...args.extra,
  ];
  return lines.join("\n");
}

/**
 * The other measurements of issue 8, each its own script in its own process (scripts/bench-*.ts),
 * their output kept as they print it; and the bridge's start-up on the embedded PostgreSQL.
 */
async function runOtherBenchmarks(tmp: string): Promise<string[]> {
  const sections: string[] = [];
  const script = async (title: string, file: string, args: string[], note: string) => {
    log(`${title}…`);
    const started = performance.now();
    const output = await runScript(path.join(ROOT, file), args);
    sections.push(
      `## ${title}`,
      "",
      `${note} (\`${file} ${args.join(" ")}\`, ${((performance.now() - started) / 1000).toFixed(0)} s including set-up).`,
      "",
      output.trim(),
      "",
    );
  };
  await script(
    "Bookings list at a million rows",
    "scripts/bench-list-bookings.ts",
    ["1000000", "300", "10000"],
    "`GET /api/v1/bookings` over HTTP with a token, sequential (low load); caster bc1 owns 10 000 of the 1 000 000 bookings. Target: p99 < 10 ms for the caster's upcoming list",
  );
  await script(
    "Outbound events",
    "scripts/bench-events.ts",
    ["500", "10"],
    "Outbox to a local receiver that verifies every signature with svix, both in one process",
  );
  await script(
    "Reminder sweep",
    "scripts/bench-reminders.ts",
    ["100000"],
    "The 24 h / 1 h sweep over 100 000 upcoming bookings (partial index AuditionBooking_reminder_due_idx)",
  );
  log("start-up on the embedded PostgreSQL…");
  const startup = await measureStartup(path.join(tmp, "startup"));
  sections.push(
    "## Start-up on the embedded PostgreSQL",
    "",
    "`node bridge/dist/main.js` (what `npm start` runs) with no DATABASE_URL, until `GET /readyz` answers 200.",
    "",
    "| start | ms |",
    "| --- | ---: |",
    `| cold: a new DATA_DIR (initdb, start, migrations) | ${startup.cold.toFixed(0)} |`,
    `| warm: the same DATA_DIR after a clean stop | ${startup.warm.toFixed(0)} |`,
    `| after kill -9 (the PostgreSQL left running is adopted) | ${startup.afterKill.toFixed(0)} |`,
    "",
  );
  return sections;
}

function runScript(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${file} exited with ${code}`)),
    );
  });
}

async function measureStartup(dataDir: string): Promise<{ cold: number; warm: number; afterKill: number }> {
  const start = async () => {
    const port = await freePort();
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [path.join(ROOT, "bridge/dist/main.js")], {
      env: { ...env, NODE_ENV: "development", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const ms = await waitReady(`http://127.0.0.1:${port}/readyz`);
    return { child, ms };
  };
  const exit = (child: ChildProcess) =>
    new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  const cold = await start();
  cold.child.kill("SIGTERM");
  await exit(cold.child);
  const warm = await start();
  warm.child.kill("SIGKILL");
  await exit(warm.child);
  const adopted = await start();
  adopted.child.kill("SIGTERM");
  await exit(adopted.child);
  return { cold: cold.ms, warm: warm.ms, afterKill: adopted.ms };
}
