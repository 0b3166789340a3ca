// Reminder sweep time over N upcoming bookings (default 100 000, spread evenly over 30 days, so
// about 1/30 are inside the 24 h window).
// Run: npx tsx scripts/bench-reminders.ts [bookings=100000]
import { performance } from "node:perf_hooks";
import { createPool } from "../bridge/src/db/create-pool.ts";
import { sweepReminders } from "../bridge/src/reminders/index.ts";
import { openBenchDatabase } from "./bench-database.ts";

const count = Number(process.argv[2] ?? 100_000);
const database = await openBenchDatabase();
const pool = createPool({ connectionString: database.url, max: 10 });
try {
  const now = new Date();
  await pool.query(
    `INSERT INTO "User"(id,email,name,role) VALUES ('t','t@example.com','T','talent'), ('c','c@example.com','C','caster')`,
  );
  await pool.query(`INSERT INTO "CastingCall"(id,title,"casterUserId") VALUES ('cc','Lead','c')`);
  await pool.query(
    `INSERT INTO "Application"(id,"castingCallId","talentUserId") SELECT 'a' || i, 'cc', 't' FROM generate_series(1, $1) i`,
    [count],
  );
  await pool.query(
    `INSERT INTO "AuditionBooking"(id,"applicationId","talentUserId","casterUserId","castingCallId","scheduledAt",duration,"meetingType",status)
     SELECT 'b' || i, 'a' || i, 't', 'c', 'cc', $2::timestamptz + (i * (30 * 86400.0 / $1)) * interval '1 second', 30, 'video',
            CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'scheduled' END
       FROM generate_series(1, $1) i`,
    [count, now],
  );
  await pool.query(`VACUUM ANALYZE "AuditionBooking"`);

  const time = async (label: string, at: Date) => {
    const started = performance.now();
    const result = await sweepReminders({ pool, now: at });
    const ms = performance.now() - started;
    console.log(`${label}: ${ms.toFixed(0)} ms (24h: ${result.sent24h}, 1h: ${result.sent1h})`);
  };
  console.log(`${count} bookings over 30 days (10 % cancelled)`);
  await time("first sweep (every booking within 24 h gets its 24 h reminder)", now);
  await time("next sweep, one minute later (nothing new is due)", new Date(now.getTime() + 60_000));
  await time(
    "sweep one hour later (an hour's worth of 24 h and 1 h reminders)",
    new Date(now.getTime() + 3_600_000),
  );
} finally {
  await pool.end();
  await database.drop();
}
