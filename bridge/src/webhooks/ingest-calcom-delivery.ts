import { createHash } from "node:crypto";
import type pg from "pg";
import type { Clock } from "../service/service-context.ts";
import type { DeliveryApplier } from "./apply-deliveries.ts";
import { type DeliveryOutcome, insertDelivery, type NewDelivery } from "./delivery-records.ts";
import { observeCalcomWebhook } from "./observe-calcom-webhook.ts";
import { CalcomPayloadError, type CalcomWebhook, parseCalcomWebhook } from "./parse-calcom-webhook.ts";

export interface IngestDeps {
  pool: pg.Pool;
  clock: Clock;
  /** CALCOM_APPLICATION_FIELD */
  applicationField: string;
  /** stores and applies deliveries about bookings, several per transaction under load */
  applier: DeliveryApplier;
}

export interface IngestRequest {
  /** the exact bytes received, already verified (verify-calcom-signature.ts) */
  rawBody: Buffer;
  /** request headers, lower-cased names */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  source: "webhook" | "crm";
}

export interface IngestResult {
  outcome: DeliveryOutcome;
  deliveryId: string;
  triggerEvent: string;
  applicationId: string | null;
  bookingId: string | null;
}

/** Headers kept with each delivery: what an admin needs to see what was sent and by what. */
const HEADERS_KEPT = [
  "content-type",
  "content-length",
  "user-agent",
  "x-cal-signature-256",
  "x-cal-webhook-version",
];

/**
 * A verified delivery from Cal.com, from bytes to booking. The delivery is committed to the
 * delivery log before this returns — with the booking change it caused in the same transaction —
 * so a crash after the answer loses nothing (ARCHITECTURE: 2xx only after commit).
 *
 * 1. Read it. A body that is not a Cal.com webhook is stored as `invalid` and refused (400).
 * 2. Triggers that say nothing about an audition (PING, MEETING_STARTED, unknown) are stored as `ignored`.
 * 3. Otherwise its observation joins its application's chain and the booking is refolded
 *    (apply-deliveries.ts: with the others arriving at the same time, in one transaction).
 * 4. If that fails unexpectedly, the delivery is stored as `failed` with the error, for replay.
 *    Only an unreachable database escapes (503): then nothing could be stored.
 */
export async function ingestCalcomDelivery(deps: IngestDeps, request: IngestRequest): Promise<IngestResult> {
  const receivedAt = deps.clock.now();
  const record: NewDelivery = {
    source: request.source,
    receivedAt,
    triggerEvent: "(unreadable)",
    bookingUid: null,
    envelopeCreatedAt: null,
    bodySha256: createHash("sha256").update(request.rawBody).digest("hex"),
    rawBody: request.rawBody,
    headers: keptHeaders(request.headers),
    outcome: "ignored",
    error: null,
    applicationId: null,
  };

  let webhook: CalcomWebhook;
  try {
    webhook = parseCalcomWebhook(request.rawBody);
  } catch (error) {
    if (!(error instanceof CalcomPayloadError)) throw error;
    await insertDelivery(deps.pool, {
      ...record,
      triggerEvent: error.triggerEvent ?? record.triggerEvent,
      outcome: "invalid",
      error: error.message,
    });
    throw error;
  }
  Object.assign(record, describeWebhook(webhook));

  const observation = observeCalcomWebhook(webhook, {
    applicationField: deps.applicationField,
    bodySha256: record.bodySha256,
    source: request.source,
  });
  if (!observation) {
    const { id } = await insertDelivery(deps.pool, record);
    return {
      outcome: "ignored",
      deliveryId: id,
      triggerEvent: record.triggerEvent,
      applicationId: null,
      bookingId: null,
    };
  }

  return deps.applier.apply({ record, observation });
}

function describeWebhook(
  webhook: CalcomWebhook,
): Pick<NewDelivery, "triggerEvent" | "bookingUid" | "envelopeCreatedAt"> {
  if ("meeting" in webhook) {
    return { triggerEvent: webhook.triggerEvent, bookingUid: webhook.meeting.uid, envelopeCreatedAt: null };
  }
  const payload = webhook.payload as { uid?: unknown; bookingUid?: unknown } | null | undefined;
  const uid = typeof payload?.uid === "string" ? payload.uid : payload?.bookingUid;
  return {
    triggerEvent: webhook.triggerEvent,
    bookingUid: typeof uid === "string" ? uid : null,
    envelopeCreatedAt: webhook.createdAt ?? null,
  };
}

function keptHeaders(headers: IngestRequest["headers"]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of HEADERS_KEPT) {
    const value = headers[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return kept;
}
