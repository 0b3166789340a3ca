// GET /api/v1/bookings latency at a million bookings (and POST / PATCH beside them), over real HTTP
// on a real PostgreSQL.
//   node --import tsx scripts/bench-list-bookings.ts [bookings=1000000] [requests=300]
// Uses DATABASE_URL if set (the tables get bulk rows: use a scratch database), else an embedded
// PostgreSQL in a temporary DATA_DIR that is removed afterwards. Results: docs/api.md.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { mintAccessToken } from "../bridge/src/auth/mint-access-token.ts";
import { createLogger } from "../bridge/src/http/create-logger.ts";
import { startService } from "../bridge/src/service/start-service.ts";

const BOOKINGS = Number(process.argv[2] ?? 1_000_000);
const REQUESTS = Number(process.argv[3] ?? 300);
/** bookings of caster bc1 (issue 8: "a caster with 10 000 bookings in a table of 1 000 000") */
const HEAVY_CASTER_BOOKINGS = Number(process.argv[4] ?? 10_000);
const TALENTS = 20_000;
const CASTERS = 2_000;
const SECRET = "bench-secret-0123456789abcdef0123";

const dataDir = await mkdtemp(path.join(tmpdir(), "takeone-bench-"));
const service = await startService({
  env: { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", TAKEONE_JWT_SECRET: SECRET },
  isJobsEnabled: false,
  logger: createLogger({ level: "silent" }),
});
const { pool } = service.ctx;
try {
  const loadStarted = performance.now();
  // Bookings spread over two years around now; each caster owns one casting call per 10 talents.
  await pool.query(`
    INSERT INTO "User" ("id", "email", "name", "role")
      SELECT 'bt' || g, 'bt' || g || '@bench.test', 'Talent ' || g, 'talent' FROM generate_series(1, ${TALENTS}) g
      UNION ALL
      SELECT 'bc' || g, 'bc' || g || '@bench.test', 'Caster ' || g, 'caster' FROM generate_series(1, ${CASTERS}) g
      UNION ALL SELECT 'badmin', 'admin@bench.test', 'Admin', 'admin'`);
  await pool.query(`
    INSERT INTO "CastingCall" ("id", "title", "casterUserId")
      SELECT 'bcc' || g, 'Call ' || g, 'bc' || (g % ${CASTERS} + 1) FROM generate_series(1, ${CASTERS * 5}) g`);
  await pool.query(`
    INSERT INTO "Application" ("id", "castingCallId", "talentUserId")
      SELECT 'ba' || g,
             CASE WHEN g <= ${HEAVY_CASTER_BOOKINGS} THEN 'bcc${CASTERS}' ELSE 'bcc' || (g % ${CASTERS * 5} + 1) END,
             'bt' || (g % ${TALENTS} + 1)
        FROM generate_series(1, ${BOOKINGS}) g`);
  await pool.query(`
    INSERT INTO "AuditionBooking" ("id", "applicationId", "talentUserId", "casterUserId", "castingCallId",
                                   "scheduledAt", "duration", "meetingType", "status")
      SELECT 'bb' || g, 'ba' || g, 'bt' || (g % ${TALENTS} + 1),
             CASE WHEN g <= ${HEAVY_CASTER_BOOKINGS} THEN 'bc1' ELSE 'bc' || ((g % ${CASTERS * 5}) % ${CASTERS} + 1) END,
             CASE WHEN g <= ${HEAVY_CASTER_BOOKINGS} THEN 'bcc${CASTERS}' ELSE 'bcc' || (g % ${CASTERS * 5} + 1) END,
             now() - interval '365 days' + (random() * 730) * interval '1 day', 30, 'video',
             (ARRAY['scheduled','confirmed','cancelled','completed','pending'])[1 + g % 5]
        FROM generate_series(1, ${BOOKINGS}) g`);
  for (const table of ["User", "CastingCall", "Application", "AuditionBooking"]) {
    await pool.query(`VACUUM ANALYZE "${table}"`); // VACUUM cannot run inside a multi-statement query
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const token = (userId: string) => mintAccessToken({ secret: SECRET, userId, ttl: "1h" });
  const talent = await token("bt1");
  const caster = await token("bc1");
  const admin = await token("badmin");
  const firstPage = await fetch(`${service.url}/api/v1/bookings?limit=50`, {
    headers: { authorization: `Bearer ${caster}` },
  });
  const cursor = ((await firstPage.json()) as { page: { nextCursor: string | null } }).page.nextCursor;
  if (!cursor) throw new Error("the caster has a single page: give more bookings");

  const cases: [string, string, string][] = [
    ["talent, first page (limit 50)", talent, "?limit=50"],
    ["caster, first page (limit 50)", caster, "?limit=50"],
    ["caster, upcoming + status=scheduled,confirmed", caster, "?upcoming=true&status=scheduled,confirmed"],
    ["caster, next page by cursor", caster, `?limit=50&cursor=${cursor}`],
    ["caster, limit 200", caster, "?limit=200"],
    ["admin, first page (all bookings)", admin, "?limit=50"],
    ["admin, upcoming + status=pending", admin, "?upcoming=true&status=pending"],
    // The worst case: a filter no row matches walks the whole (scheduledAt, id) index.
    ["admin, status=no-show (matches nothing)", admin, "?status=no-show"],
  ];
  const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM "AuditionBooking"`);
  process.stdout.write(
    `${rows[0]?.count} bookings, ${TALENTS} talents, ${CASTERS} casters (caster bc1, the one measured, has ${HEAVY_CASTER_BOOKINGS + Math.floor((BOOKINGS - HEAVY_CASTER_BOOKINGS) / CASTERS)}); loaded in ${loadSeconds.toFixed(0)} s\n` +
      `${REQUESTS} sequential requests per case over HTTP (auth + user lookup + list), after 20 warm-up requests\n\n` +
      "| case | rows | p50 ms | p95 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- | --- |\n",
  );
  for (const [name, bearer, query] of cases) {
    const call = async () => {
      const res = await fetch(`${service.url}/api/v1/bookings${query}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { data: unknown[] }).data.length;
    };
    for (let i = 0; i < 20; i++) await call();
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      count = await call();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    process.stdout.write(`| ${name} | ${count} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} | ${at(1)} |\n`);
  }

  // Writes on the same table: each goes through the fold (lock, observation, refold, outbox event).
  // Casting call bcc<CASTERS> belongs to caster bc1 (g % CASTERS + 1).
  await pool.query(`
    INSERT INTO "Application" ("id", "castingCallId", "talentUserId")
      SELECT 'bnew' || g, 'bcc${CASTERS}', 'bt' || (g % ${TALENTS} + 1) FROM generate_series(1, ${REQUESTS}) g`);
  const writes: [string, (i: number) => Promise<Response>][] = [
    [
      "POST /bookings (caster of the call)",
      (i) =>
        fetch(`${service.url}/api/v1/bookings`, {
          method: "POST",
          headers: { authorization: `Bearer ${caster}`, "content-type": "application/json" },
          body: JSON.stringify({
            applicationId: `bnew${i + 1}`,
            scheduledAt: new Date(Date.now() + (i + 1) * 3_600_000).toISOString(),
            duration: 30,
            meetingType: "video",
          }),
        }),
    ],
    [
      "PATCH /bookings/:id (cancel)",
      async (i) => {
        const { rows: found } = await pool.query<{ id: string }>(
          `SELECT "id" FROM "AuditionBooking" WHERE "applicationId" = $1`,
          [`bnew${i + 1}`],
        );
        return fetch(`${service.url}/api/v1/bookings/${found[0]?.id}`, {
          method: "PATCH",
          headers: { authorization: `Bearer ${caster}`, "content-type": "application/json" },
          body: JSON.stringify({ status: "cancelled", cancellationReason: "bench" }),
        });
      },
    ],
  ];
  process.stdout.write(
    `\n${REQUESTS} sequential writes per case (the PATCH time includes a primary-key lookup of the id)\n\n` +
      "| case | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- |\n",
  );
  for (const [name, write] of writes) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const res = await write(i);
      if (res.status >= 300) throw new Error(`${name}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(1);
    process.stdout.write(`| ${name} | ${at(0.5)} | ${at(0.95)} | ${at(1)} |\n`);
  }
} finally {
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
}
