import { Webhook, WebhookVerificationError } from "svix";

/** A request that does not carry a valid Standard Webhooks signature of one of the secrets. */
export class AppSignatureError extends Error {
  override readonly name = "AppSignatureError";
}

const SIGNATURE_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Checks a request from the `takeone` Cal.com app: Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature = v1,base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`),
 * verified by svix's `Webhook` — headers present, timestamp within svix's fixed 5 minutes, constant-
 * time compare — before the body is parsed. Each secret of a rotation is tried (any may match).
 */
export function verifyAppSignature(
  rawBody: Buffer,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  secrets: readonly string[],
): void {
  const picked: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = headers[name];
    if (typeof value !== "string" || value.length === 0) {
      throw new AppSignatureError(`The ${name} header is missing.`);
    }
    picked[name] = value;
  }
  // svix turns a Buffer into text with toString(): the body must be the UTF-8 the app signed.
  const body = rawBody.toString("utf8");
  let failure: unknown;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, picked);
      return;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      failure = error;
    }
  }
  throw new AppSignatureError(
    failure instanceof Error ? `The signature does not verify: ${failure.message}.` : "No secret configured.",
  );
}
