import { AppError } from "../http/app-error.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { saveCalcomConnection } from "./calcom-connection-records.ts";
import type { CalcomOAuthConfig } from "./read-oauth-config.ts";
import { requestCalcomTokens } from "./request-calcom-tokens.ts";
import { signOAuthState, verifyOAuthState } from "./sign-oauth-state.ts";

/** Where to send the user's browser to connect their Cal.com account (calcom-facts §3.1). */
export function buildAuthorizeUrl(
  ctx: Pick<ServiceContext, "clock">,
  oauth: CalcomOAuthConfig,
  userId: string,
): { url: string; state: string } {
  const state = signOAuthState({ secret: oauth.clientSecret, userId, now: ctx.clock.now() });
  const url = new URL(oauth.authorizeUrl);
  url.searchParams.set("client_id", oauth.clientId);
  url.searchParams.set("redirect_uri", oauth.redirectUrl);
  url.searchParams.set("state", state);
  return { url: url.toString(), state };
}

/**
 * Cal.com's redirect back: checks the state (whose account), exchanges the code for tokens and
 * stores them, replacing an earlier connection of the same user.
 */
export async function connectCalcomAccount(
  ctx: Pick<ServiceContext, "pool" | "clock">,
  oauth: CalcomOAuthConfig,
  args: { code: string; state: string },
): Promise<{ userId: string; expiresAt: Date }> {
  const { userId } = verifyOAuthState({
    secret: oauth.clientSecret,
    state: args.state,
    now: ctx.clock.now(),
  });
  const tokens = await requestCalcomTokens(
    oauth,
    { type: "authorization_code", code: args.code },
    ctx.clock.now(),
  );
  try {
    await saveCalcomConnection(ctx.pool, userId, tokens);
  } catch (error) {
    // 23503 foreign_key_violation: the user was deleted between start and callback.
    if ((error as { code?: string }).code !== "23503") throw error;
    throw new AppError("UNAUTHENTICATED", "The user this connection was started for no longer exists.", {
      cause: error,
    });
  }
  return { userId, expiresAt: tokens.expiresAt };
}
