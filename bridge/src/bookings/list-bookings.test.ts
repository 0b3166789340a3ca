import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, insertApplication, insertCastingCall, insertUser } from "../../test/api-fixtures.ts";
import { startTestService, type TestService } from "../../test/start-test-service.ts";
import { bookingListResponseSchema, listBookingsQuerySchema } from "./bookings-schemas.ts";
import { buildListBookingsQuery } from "./list-bookings.ts";

const DAY_MS = 86_400_000;

describe("GET /api/v1/bookings", () => {
  let service: TestService;
  let talent: { id: string; token: string };
  let caster: { id: string; token: string };
  let otherCaster: { id: string; token: string };
  let admin: { id: string; token: string };
  let castingCallId: string;
  /** bookings of talent × caster, in list order */
  const ids: string[] = [];

  /** Books an audition for a new application of `talentId` through the API, `days` from now. */
  async function bookFor(talentId: string, days: number, token = caster.token, callId = castingCallId) {
    const applicationId = await insertApplication(service.db.pool, callId, talentId);
    const res = await callApi(service.url, "POST", "/api/v1/bookings", {
      token,
      body: {
        applicationId,
        scheduledAt: new Date(Date.now() + days * DAY_MS).toISOString(),
        duration: 30,
        meetingType: "video",
      },
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; scheduledAt: string };
  }

  beforeAll(async () => {
    service = await startTestService();
    [talent, caster, otherCaster, admin] = await Promise.all([
      insertUser(service.db.pool, "talent"),
      insertUser(service.db.pool, "caster"),
      insertUser(service.db.pool, "caster"),
      insertUser(service.db.pool, "admin"),
    ]);
    castingCallId = await insertCastingCall(service.db.pool, caster.id);
    const made = [];
    for (const days of [5, 1, 3, 2, 4]) made.push(await bookFor(talent.id, days));
    made.sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
    ids.push(...made.map((b) => b.id));
    // One in the past (booked, then moved there directly in the table), one cancelled.
    await service.db.pool.query(
      `UPDATE "AuditionBooking" SET "scheduledAt" = now() - interval '1 day' WHERE "id" = $1`,
      [ids[0]],
    );
    await callApi(service.url, "PATCH", `/api/v1/bookings/${ids[1]}`, {
      token: caster.token,
      body: { status: "cancelled" },
    });
    // Another caster's booking with another talent: never in the lists above.
    const otherCall = await insertCastingCall(service.db.pool, otherCaster.id);
    const someoneElse = await insertUser(service.db.pool, "talent");
    await bookFor(someoneElse.id, 2, otherCaster.token, otherCall);
  });
  afterAll(() => service.stop());

  const list = async (token: string, query = "") => {
    const res = await callApi(service.url, "GET", `/api/v1/bookings${query}`, { token });
    expect(res.status).toBe(200);
    bookingListResponseSchema.parse(res.body);
    return res.body as { data: { id: string; status: string }[]; page: { nextCursor: string | null } };
  };

  it("shows the talent and the caster their bookings ordered by scheduledAt, and an admin all", async () => {
    expect((await list(talent.token)).data.map((b) => b.id)).toEqual(ids);
    expect((await list(caster.token)).data.map((b) => b.id)).toEqual(ids);
    expect((await list(otherCaster.token)).data).toHaveLength(1);
    expect((await list(admin.token)).data).toHaveLength(6);
  });

  it("answers 401 without a token", async () => {
    expect((await callApi(service.url, "GET", "/api/v1/bookings")).status).toBe(401);
  });

  it("filters by status (one, several, comma-separated), upcoming, from and to", async () => {
    expect((await list(talent.token, "?status=cancelled")).data.map((b) => b.id)).toEqual([ids[1]]);
    expect((await list(talent.token, "?status=cancelled&status=scheduled")).data).toHaveLength(5);
    expect((await list(talent.token, "?status=cancelled,confirmed")).data).toHaveLength(1);
    // upcoming: not the past one, not the cancelled one
    expect((await list(talent.token, "?upcoming=true")).data.map((b) => b.id)).toEqual(ids.slice(2));
    const from = new Date(Date.now() + 2.5 * DAY_MS).toISOString();
    const to = new Date(Date.now() + 4.5 * DAY_MS).toISOString();
    const query = `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect((await list(talent.token, query)).data.map((b) => b.id)).toEqual([ids[2], ids[3]]);
  });

  it("pages with a cursor until nextCursor is null", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(caster.token, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.data.map((b) => b.id));
      cursor = page.page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  it("answers 400 to a bad limit, status, date or cursor", async () => {
    for (const query of [
      "?limit=0",
      "?limit=201",
      "?status=lost",
      "?from=yesterday",
      "?upcoming=yes",
      "?cursor=abc",
    ]) {
      const res = await callApi(service.url, "GET", `/api/v1/bookings${query}`, { token: talent.token });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("never skips or repeats a booking while new ones are being inserted", async () => {
    const pagingTalent = await insertUser(service.db.pool, "talent");
    const before: string[] = [];
    for (let i = 0; i < 12; i++) before.push((await bookFor(pagingTalent.id, 10 + i)).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const page = await list(pagingTalent.token, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.data.map((b) => b.id));
      cursor = page.page.nextCursor;
      // Between pages, a booking lands before the cursor and another after it.
      await bookFor(pagingTalent.id, 9 - inserted * 0.01);
      await bookFor(pagingTalent.id, 30 + inserted);
      inserted++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });

  it("walks an index in order, with no sort, for each role (EXPLAIN on 20 000 rows)", async () => {
    // Enough rows that the planner prefers an index to a sequential scan, then fresh statistics.
    await service.db.pool.query(`
      INSERT INTO "User" ("id", "email", "name", "role")
        SELECT 'bulk_u' || g, 'bulk_u' || g || '@example.test', 'Bulk ' || g, CASE WHEN g % 2 = 0 THEN 'talent' ELSE 'caster' END
          FROM generate_series(1, 400) g;
      INSERT INTO "CastingCall" ("id", "title", "casterUserId")
        SELECT 'bulk_cc' || g, 'Call ' || g, 'bulk_u' || (g * 2 - 1) FROM generate_series(1, 200) g;
      INSERT INTO "Application" ("id", "castingCallId", "talentUserId")
        SELECT 'bulk_a' || g, 'bulk_cc' || (g % 200 + 1), 'bulk_u' || ((g % 200 + 1) * 2) FROM generate_series(1, 20000) g;
      INSERT INTO "AuditionBooking" ("id", "applicationId", "talentUserId", "casterUserId", "castingCallId", "scheduledAt", "duration", "meetingType")
        SELECT 'bulk_b' || g, 'bulk_a' || g, 'bulk_u' || ((g % 200 + 1) * 2), 'bulk_u' || ((g % 200 + 1) * 2 - 1),
               'bulk_cc' || (g % 200 + 1), now() + (g || ' minutes')::interval, 30, 'video'
          FROM generate_series(1, 20000) g;
      ANALYZE "User"; ANALYZE "CastingCall"; ANALYZE "Application"; ANALYZE "AuditionBooking";`);
    const now = new Date();
    const cases = [
      {
        user: { id: "bulk_u2", role: "talent" as const },
        index: "AuditionBooking_talentUserId_scheduledAt_id_idx",
      },
      {
        user: { id: "bulk_u1", role: "caster" as const },
        index: "AuditionBooking_casterUserId_scheduledAt_id_idx",
      },
      { user: { id: randomUUID(), role: "admin" as const }, index: "AuditionBooking_scheduledAt_id_idx" },
    ];
    for (const { user, index } of cases) {
      for (const raw of [
        {},
        { upcoming: "true", status: "scheduled" },
        { cursor: cursorAt(now, "bulk_b5") },
      ]) {
        const query = listBookingsQuerySchema.parse(raw);
        const { text, values } = buildListBookingsQuery({ user, query, now });
        const { rows } = await service.db.pool.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
        const nodes = planNodes(rows[0]["QUERY PLAN"][0].Plan);
        const label = `${user.role} ${JSON.stringify(raw)}`;
        const bookingScans = nodes.filter((node) => node["Relation Name"] === "AuditionBooking");
        expect(
          bookingScans.map((node) => [node["Node Type"], node["Index Name"]]),
          label,
        ).toEqual([["Index Scan", index]]);
        expect(
          nodes.map((node) => node["Node Type"]),
          label,
        ).not.toContain("Sort");
      }
    }
  });
});

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

function cursorAt(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}
