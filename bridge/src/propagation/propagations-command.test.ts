import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/create-test-database.ts";

const run = promisify(execFile);

describe("takeone-cal propagations", () => {
  let db: TestDatabase;
  let failedId: string;
  let doneId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO "CalcomPropagation" ("bookingId", "calcomBookingUid", "action", "data", "status", "attempts", "lastError", "resultUid")
       VALUES ('b-1', 'uid-1', 'reschedule', '{}', 'failed', 1, 'CALCOM_REJECTED: Can''t reschedule booking with status rejected', NULL),
              ('b-2', 'uid-2', 'reschedule', '{}', 'done', 1, NULL, 'uid-2-r1')
       RETURNING "id"`,
    );
    [failedId, doneId] = rows.map((r) => r.id) as [string, string];
  });
  afterAll(() => db.drop());

  const cli = (...args: string[]) =>
    run(process.execPath, ["--import", "tsx", "bridge/src/cli/main.ts", "propagations", ...args], {
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "test" },
    });

  it("lists changes, or only the failed ones with Cal.com's reason", async () => {
    const all = await cli();
    expect(all.stdout).toContain("propagations: 0 pending, 1 done, 1 failed");
    expect(all.stdout).toContain(`${doneId}  done`);
    expect(all.stdout).toContain("now uid-2-r1");
    const failed = await cli("--failed");
    expect(failed.stdout).toContain(`${failedId}  failed`);
    expect(failed.stdout).toContain("last error: CALCOM_REJECTED: Can't reschedule");
    expect(failed.stdout).not.toContain(doneId);
  });

  it("retries the failed ones (pending, attempts from zero); refuses without ids, names unknown ones", async () => {
    await expect(cli("retry")).rejects.toMatchObject({ code: 2 });
    await expect(cli("retry", doneId)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(doneId),
    });
    const { stdout } = await cli("retry", "--failed");
    expect(stdout).toContain("1 change(s) queued");
    const { rows } = await db.pool.query(`SELECT status, attempts FROM "CalcomPropagation" WHERE id = $1`, [
      failedId,
    ]);
    expect(rows[0]).toEqual({ status: "pending", attempts: 0 });
  });
});
