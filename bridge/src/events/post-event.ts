import { Webhook } from "svix";

export interface PostEventResult {
  isDelivered: boolean;
  /** the receiver's HTTP status, when it answered */
  status?: number;
  /** why it failed: the status line or the network error */
  error?: string;
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
  signer: Webhook;
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
    return { isDelivered: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = error instanceof Error ? error.message : String(error);
    return { isDelivered: false, error: cause?.code ?? cause?.message ?? message };
  }
}

/** The signer for TAKEONE_EVENTS_SECRET (`whsec_` + base64 key, as svix expects). */
export function createSigner(secret: string): Webhook {
  return new Webhook(secret);
}
