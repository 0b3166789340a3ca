import { createHash, createHmac } from "node:crypto";

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Standard Webhooks signing (the spec, and what svix's `Webhook.verify` on the bridge checks):
 * HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the base64-decoded part of the
 * `whsec_` secret, sent as `v1,<base64>`; the timestamp is whole seconds since the epoch. Written
 * with node:crypto so the app adds no dependency to the Cal.com fork.
 */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestamp: Date,
  body: string,
): SignedHeaders {
  if (!secret.startsWith("whsec_")) throw new Error("the signing secret must be a whsec_… secret");
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  if (key.length === 0) throw new Error("the signing secret is empty");
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac("sha256", key).update(`${id}.${seconds}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": seconds, "webhook-signature": `v1,${signature}` };
}

/**
 * The message id of a call: the same for the same call (kind, uid, times), so a repeated call is
 * recognisably the same message (Standard Webhooks: "use webhook-id as an idempotency key").
 */
export function messageIdOf(parts: readonly string[]): string {
  return `msg_${createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32)}`;
}
