import { Webhook } from "svix";

export interface PostEventResult {
  isDelivered: boolean;
  /** the receiver's HTTP status, when it answered */
  status?: number;
  /** why it failed: the status line or the network error */
  error?: string;
  /** the receiver's Retry-After (429/503), in ms from now */
  retryAfterMs?: number;
}

/**
 * POSTs one outbound event, signed the Standard Webhooks way with svix's `Webhook`:
 * `webhook-id` (the event id, the same on every attempt, so the receiver can deduplicate),
 * `webhook-timestamp` (this attempt's time; receivers reject more than 5 min of skew) and
 * `webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`).
 *
 * Only a 2xx answer counts as delivered; a 3xx is a failure and is not followed (Standard Webhooks
 * spec, "Delivery"). Never throws: every failure comes back as a result the caller records.
 */
export async function postEvent(args: {
  url: string;
  signer: EventSigner;
  id: string;
  /** the exact bytes that are signed and sent */
  body: string;
  now: Date;
  timeoutMs: number;
}): Promise<PostEventResult> {
  const seconds = Math.floor(args.now.getTime() / 1000);
  const signature = args.signer.sign(args.id, args.now, args.body);
  try {
    const response = await fetch(args.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(args.timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "takeone-calcom-bridge",
        "webhook-id": args.id,
        "webhook-timestamp": String(seconds),
        "webhook-signature": signature,
      },
      body: args.body,
    });
    // Drain the body so the connection can be reused; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { isDelivered: true, status: response.status };
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), args.now);
    return {
      isDelivered: false,
      status: response.status,
      error: `HTTP ${response.status}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = error instanceof Error ? error.message : String(error);
    return { isDelivered: false, error: cause?.code ?? cause?.message ?? message };
  }
}

/** Signs an event: the value of `webhook-signature`. */
export interface EventSigner {
  sign(id: string, timestamp: Date, body: string): string;
}

/**
 * The signer for TAKEONE_EVENTS_SECRET (`whsec_` + base64 key, as svix expects). During a secret
 * rotation, pass the previous secret too: each request then carries both signatures, space-separated,
 * and a receiver holding either secret accepts it (Standard Webhooks spec, "Secret rotation";
 * svix's verify tries every `v1,` entry).
 */
export function createSigner(secret: string, previousSecret?: string): EventSigner {
  const signers = [secret, ...(previousSecret ? [previousSecret] : [])].map((key) => new Webhook(key));
  return { sign: (id, timestamp, body) => signers.map((s) => s.sign(id, timestamp, body)).join(" ") };
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
