import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A request whose signature does not prove it came from Cal.com. `reason` says which check failed
 * (for logs and admins); the HTTP answer is a plain 401 either way.
 */
export class CalcomSignatureError extends Error {
  override readonly name = "CalcomSignatureError";
  constructor(
    readonly reason: "missing-header" | "no-secret-provided" | "malformed" | "mismatch",
    message: string,
  ) {
    super(message);
  }
}

/** What Cal.com sends in X-Cal-Signature-256 when its webhook has no secret (calcom-facts 1.2). */
const NO_SECRET = "no-secret-provided";
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Verifies Cal.com's `X-Cal-Signature-256`: lowercase hex HMAC-SHA256 of the exact body bytes, keyed
 * with the webhook secret as UTF-8, no prefix (calcom-facts 1.2). Checks in a fixed order — header
 * present, not Cal.com's "no secret" marker, well-formed hex, then a constant-time comparison
 * against each configured secret (several during a rotation). Returns the index of the secret that
 * matched. Never parses the body: nothing is read from a request before it is proven authentic.
 */
export function verifyCalcomSignature(
  rawBody: Uint8Array | string,
  signatureHeader: string | null | undefined,
  secrets: readonly string[],
): { secretIndex: number } {
  if (secrets.length === 0) throw new Error("verifyCalcomSignature needs at least one secret");
  const signature = signatureHeader?.trim();
  if (!signature)
    throw new CalcomSignatureError("missing-header", "The X-Cal-Signature-256 header is missing.");
  if (signature === NO_SECRET) {
    throw new CalcomSignatureError(
      "no-secret-provided",
      "The Cal.com webhook has no secret set; set the same secret in Cal.com and in CALCOM_WEBHOOK_SECRET.",
    );
  }
  if (!HEX_SHA256.test(signature)) {
    throw new CalcomSignatureError("malformed", "X-Cal-Signature-256 is not a hex SHA-256 HMAC.");
  }
  const received = Buffer.from(signature, "hex");
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  for (const [index, secret] of secrets.entries()) {
    const expected = createHmac("sha256", secret).update(body).digest();
    if (timingSafeEqual(expected, received)) return { secretIndex: index };
  }
  throw new CalcomSignatureError(
    "mismatch",
    "X-Cal-Signature-256 does not match the body for any configured secret.",
  );
}

/** The header value Cal.com would send for this body and secret (tests, `takeone-cal trigger`, doctor). */
export function signCalcomBody(rawBody: Uint8Array | string, secret: string): string {
  return createHmac("sha256", secret)
    .update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody)
    .digest("hex");
}
