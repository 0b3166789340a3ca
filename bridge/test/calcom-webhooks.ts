import type { Queryable } from "../src/db/queryable.ts";
import {
  type BuildableTrigger,
  type BuildOptions,
  buildCalcomWebhook,
  type CalcomBookingSpec,
  newCalcomUid,
  signCalcomWebhook,
} from "../src/webhooks/build-calcom-webhook.ts";
import type { SeededApplication } from "./seed-application.ts";
import { TEST_WEBHOOK_SECRET } from "./start-test-service.ts";

export const WEBHOOK_PATH = "/api/v1/webhooks/calcom";

let nextBookingId = 1000;

/** A Cal.com booking of this application's audition (the caster books; the talent is invited). */
export function bookingOf(
  seed: SeededApplication,
  overrides: Partial<CalcomBookingSpec> = {},
): CalcomBookingSpec {
  return {
    uid: newCalcomUid(),
    bookingId: nextBookingId++,
    startTime: new Date("2026-12-01T07:00:00.000Z"),
    durationMinutes: 30,
    attendee: { name: seed.caster.name, email: seed.caster.email, timeZone: "Asia/Riyadh" },
    organizer: { name: "Audition host", email: "host@takeone.example", timeZone: "Asia/Riyadh" },
    applicationId: seed.applicationId,
    ...overrides,
  };
}

export interface SentWebhook {
  status: number;
  body: { success: boolean; data?: { outcome: string; deliveryId: string }; error?: { code: string } };
}

/** Posts a Cal.com webhook signed with `secret` (the test secret by default). */
export async function sendWebhook(
  baseUrl: string,
  trigger: BuildableTrigger,
  options: BuildOptions,
  secret = TEST_WEBHOOK_SECRET,
): Promise<SentWebhook> {
  return postSigned(baseUrl, buildCalcomWebhook(trigger, options), secret);
}

export async function postSigned(
  baseUrl: string,
  body: Record<string, unknown> | string,
  secret = TEST_WEBHOOK_SECRET,
): Promise<SentWebhook> {
  const signed = signCalcomWebhook(body, secret);
  return postRaw(baseUrl, signed.body, signed.headers);
}

export async function postRaw(
  baseUrl: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<SentWebhook> {
  const res = await fetch(`${baseUrl}${WEBHOOK_PATH}`, { method: "POST", body, headers });
  return { status: res.status, body: (await res.json()) as SentWebhook["body"] };
}

/** The columns of an application's booking that Cal.com decides, comparable across applications. */
export async function readBookingState(db: Queryable, applicationId: string) {
  const { rows } = await db.query(
    `SELECT "id", "status", "calcomBookingUid", "calcomEventId", "scheduledAt", "duration", "timezone",
            "meetingType", "location", "meetingUrl", "meetingPassword", "cancelledAt", "cancelledBy",
            "cancellationReason", "reminderSent24h", "reminderSent1h", "talentUserId", "casterUserId",
            "castingCallId"
       FROM "AuditionBooking" WHERE "applicationId" = $1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

export async function countRows(db: Queryable, table: string, where = "TRUE", values: unknown[] = []) {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`,
    values,
  );
  return rows[0]?.n ?? 0;
}
