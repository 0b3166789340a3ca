import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AppError } from "../http/app-error.ts";

/** How long a user has between /oauth/start and Cal.com's redirect to the callback. */
export const STATE_TTL_MS = 10 * 60_000;

const payloadSchema = z.object({
  /** TakeOne User.id */
  u: z.string().min(1),
  /** expiry, ms since the epoch */
  e: z.number().int(),
  /** random, so two states of one user differ */
  n: z.string().min(1),
});

/**
 * The OAuth2 `state` (calcom-facts §3.1: the authorize URL carries `state`): the user it was issued
 * to and an expiry, HMAC-signed with the OAuth client secret, so the callback (which has no TakeOne
 * token: it is Cal.com's redirect of the browser) knows whose account is being connected and that
 * the bridge issued it. Nothing is stored.
 */
export function signOAuthState(args: { secret: string; userId: string; now: Date }): string {
  const payload = Buffer.from(
    JSON.stringify({
      u: args.userId,
      e: args.now.getTime() + STATE_TTL_MS,
      n: randomBytes(12).toString("base64url"),
    }),
  ).toString("base64url");
  return `${payload}.${mac(args.secret, payload)}`;
}

/** The user a state was issued to; UNAUTHENTICATED (401) if it is forged, altered or expired. */
export function verifyOAuthState(args: { secret: string; state: string; now: Date }): { userId: string } {
  const [payload, signature, ...rest] = args.state.split(".");
  if (!payload || !signature || rest.length > 0) throw refused();
  const expected = Buffer.from(mac(args.secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused();
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch (error) {
    throw refused(error);
  }
  if (parsed.e <= args.now.getTime()) {
    throw new AppError("UNAUTHENTICATED", "The Cal.com connection request has expired; start again.");
  }
  return { userId: parsed.u };
}

function mac(secret: string, payload: string): string {
  // A label in the MAC keeps these signatures from being valid for any other use of the secret.
  return createHmac("sha256", secret).update(`takeone-calcom-oauth-state.${payload}`).digest("base64url");
}

function refused(cause?: unknown): AppError {
  return new AppError("UNAUTHENTICATED", "The OAuth state is not one this bridge issued.", { cause });
}
