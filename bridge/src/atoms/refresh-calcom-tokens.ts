import { withTransaction } from "../db/with-transaction.ts";
import { AppError, isAppError } from "../http/app-error.ts";
import type { ServiceContext } from "../service/service-context.ts";
import {
  type CalcomConnectionRow,
  deleteCalcomConnection,
  lockCalcomConnection,
  saveCalcomConnection,
} from "./calcom-connection-records.ts";
import type { CalcomOAuthConfig } from "./read-oauth-config.ts";
import { requestCalcomTokens } from "./request-calcom-tokens.ts";

/**
 * A token this close to its expiry is refreshed before it is handed out, so the atoms do not start
 * with a token that dies on their first request (Cal.com's last 30 minutes, calcom-facts §3.1).
 */
export const REFRESH_MARGIN_MS = 60_000;

type Ctx = Pick<ServiceContext, "pool" | "clock">;

/**
 * The user's current Cal.com access token, refreshed first when it expires within
 * REFRESH_MARGIN_MS. CALCOM_NOT_CONNECTED (409) if the user has not connected Cal.com.
 */
export async function readAtomsAccessToken(
  ctx: Ctx,
  oauth: CalcomOAuthConfig,
  userId: string,
): Promise<{ accessToken: string; expiresAt: Date }> {
  return refreshLocked(ctx, oauth, { userId }, (row) =>
    row.expiresAt.getTime() - REFRESH_MARGIN_MS > ctx.clock.now().getTime() ? row : undefined,
  );
}

/**
 * The atoms' refreshUrl: the expired access token they hold → a new one (calcom-facts §3.1: "your
 * refreshUrl endpoint receives the expired token as Authorization: Bearer and must return
 * { accessToken }"). Only the connection's current token is accepted: once refreshed, the old one
 * is refused (UNAUTHENTICATED, 401), as is any token the bridge never issued.
 */
export async function refreshAtomsAccessToken(
  ctx: Ctx,
  oauth: CalcomOAuthConfig,
  expiredAccessToken: string,
): Promise<{ accessToken: string; expiresAt: Date }> {
  return refreshLocked(ctx, oauth, { accessToken: expiredAccessToken }, () => undefined);
}

async function refreshLocked(
  ctx: Ctx,
  oauth: CalcomOAuthConfig,
  by: { userId: string } | { accessToken: string },
  reuse: (row: CalcomConnectionRow) => CalcomConnectionRow | undefined,
): Promise<{ accessToken: string; expiresAt: Date }> {
  // The row stays locked while Cal.com is asked: a second refresh of the same connection waits and
  // then sees the new token, instead of spending the (possibly single-use) refresh token twice.
  const outcome = await withTransaction(ctx.pool, async (client) => {
    const row = await lockCalcomConnection(client, by);
    if (!row) return { kind: "missing" } as const;
    const current = reuse(row);
    if (current) return { kind: "ok", tokens: current } as const;
    try {
      const tokens = await requestCalcomTokens(
        oauth,
        { type: "refresh_token", refreshToken: row.refreshToken },
        ctx.clock.now(),
      );
      await saveCalcomConnection(client, row.userId, tokens);
      return { kind: "ok", tokens } as const;
    } catch (error) {
      if (!isAppError(error) || error.code !== "CALCOM_REJECTED") throw error;
      // Cal.com refused the refresh token (revoked, or the app was removed): the connection is
      // dead, and only connecting again can revive it.
      await deleteCalcomConnection(client, row.userId);
      return { kind: "revoked", error } as const;
    }
  });
  if (outcome.kind === "ok") {
    return { accessToken: outcome.tokens.accessToken, expiresAt: outcome.tokens.expiresAt };
  }
  if (outcome.kind === "revoked") {
    throw new AppError(
      "CALCOM_NOT_CONNECTED",
      "Cal.com refused to refresh the connection; connect Cal.com again.",
      { cause: outcome.error },
    );
  }
  if ("userId" in by) {
    throw new AppError(
      "CALCOM_NOT_CONNECTED",
      "This user has not connected a Cal.com account; open GET /api/v1/calcom/oauth/start first.",
    );
  }
  throw new AppError("UNAUTHENTICATED", "This Cal.com access token is not one the bridge holds.");
}
