import { randomUUID } from "node:crypto";
import type pg from "pg";
import { mintAccessToken } from "../src/auth/mint-access-token.ts";
import { TEST_JWT_SECRET } from "./start-test-service.ts";

/** The people of one casting call, with tokens, as the API tests use them. */
export interface CastingFixture {
  talent: { id: string; token: string };
  caster: { id: string; token: string };
  /** a caster of another casting call */
  otherCaster: { id: string; token: string };
  /** a talent with no application to this call */
  otherTalent: { id: string; token: string };
  admin: { id: string; token: string };
  castingCallId: string;
  applicationId: string;
}

/** Inserts a user with the plain SQL the architecture promises works, and mints a token for them. */
export async function insertUser(
  pool: pg.Pool,
  role: "talent" | "caster" | "admin",
  name = `${role} ${randomUUID().slice(0, 8)}`,
): Promise<{ id: string; token: string }> {
  const id = `usr_${randomUUID()}`;
  await pool.query(`INSERT INTO "User" ("id", "email", "name", "role") VALUES ($1, $2, $3, $4)`, [
    id,
    `${id}@example.test`,
    name,
    role,
  ]);
  return { id, token: await mintAccessToken({ secret: TEST_JWT_SECRET, userId: id, ttl: "1h" }) };
}

export async function insertCastingCall(
  pool: pg.Pool,
  casterUserId: string,
  title = "Lead role",
): Promise<string> {
  const id = `cc_${randomUUID()}`;
  await pool.query(`INSERT INTO "CastingCall" ("id", "title", "casterUserId") VALUES ($1, $2, $3)`, [
    id,
    title,
    casterUserId,
  ]);
  return id;
}

export async function insertApplication(
  pool: pg.Pool,
  castingCallId: string,
  talentUserId: string,
): Promise<string> {
  const id = `app_${randomUUID()}`;
  await pool.query(`INSERT INTO "Application" ("id", "castingCallId", "talentUserId") VALUES ($1, $2, $3)`, [
    id,
    castingCallId,
    talentUserId,
  ]);
  return id;
}

export async function insertCastingFixture(pool: pg.Pool): Promise<CastingFixture> {
  const [talent, caster, otherCaster, otherTalent, admin] = await Promise.all([
    insertUser(pool, "talent"),
    insertUser(pool, "caster"),
    insertUser(pool, "caster"),
    insertUser(pool, "talent"),
    insertUser(pool, "admin"),
  ]);
  const castingCallId = await insertCastingCall(pool, caster.id);
  const applicationId = await insertApplication(pool, castingCallId, talent.id);
  return { talent, caster, otherCaster, otherTalent, admin, castingCallId, applicationId };
}

/** A JSON request to the service; `token` becomes the bearer token. */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the endpoint answers and assert on it
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
