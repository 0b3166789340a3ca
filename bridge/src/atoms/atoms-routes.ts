import { type RequestHandler, Router } from "express";
import { z } from "zod";
import { authenticatedUser, authenticatorFor } from "../auth/index.ts";
import { AppError } from "../http/app-error.ts";
import { sendData } from "../http/envelope.ts";
import { methodNotAllowed } from "../http/handle-errors.ts";
import { parseRequest } from "../http/parse-request.ts";
import type { ServiceContext } from "../service/service-context.ts";
import { buildAuthorizeUrl, connectCalcomAccount } from "./connect-calcom-account.ts";
import { readOAuthConfig, requireOAuthConfig } from "./read-oauth-config.ts";
import { readAtomsAccessToken, refreshAtomsAccessToken } from "./refresh-calcom-tokens.ts";

export const CALCOM_OAUTH_START_PATH = "/api/v1/calcom/oauth/start";
export const CALCOM_OAUTH_CALLBACK_PATH = "/api/v1/calcom/oauth/callback";
export const ATOMS_TOKEN_PATH = "/api/v1/calcom/atoms/token";
export const ATOMS_REFRESH_PATH = "/api/v1/calcom/atoms/refresh";

const callbackQuerySchema = z.object({
  code: z.string().min(1).max(4096),
  state: z.string().min(1).max(1024),
});

/**
 * The token endpoints of Cal.com's atoms (issue 6; docs/plugin.md "Atoms"): connect a TakeOne user's
 * Cal.com account over OAuth2, hand the browser its access token, and serve the atoms' refreshUrl.
 * Off (CALCOM_OAUTH_OFF, 404) unless CALCOM_OAUTH_CLIENT_ID, CALCOM_OAUTH_CLIENT_SECRET,
 * CALCOM_OAUTH_REDIRECT_URL and CALCOM_API_URL are set.
 */
export function atomsRoutes(ctx: Pick<ServiceContext, "config" | "pool" | "clock">): Router {
  const router = Router();
  const oauth = readOAuthConfig(ctx.config);
  const paths = [CALCOM_OAUTH_START_PATH, CALCOM_OAUTH_CALLBACK_PATH, ATOMS_TOKEN_PATH, ATOMS_REFRESH_PATH];
  if (!oauth) {
    router.all(paths, () => {
      requireOAuthConfig(ctx.config);
    });
    return router;
  }
  const authenticate = authenticatorFor(ctx);

  router
    .route(CALCOM_OAUTH_START_PATH)
    .get(authenticate, (_req, res) => {
      const { url } = buildAuthorizeUrl(ctx, oauth, authenticatedUser(res).id);
      sendData(res, { authorizeUrl: url });
    })
    .all(methodNotAllowed(["GET"]));

  router
    .route(CALCOM_OAUTH_CALLBACK_PATH)
    .get(async (req, res) => {
      const { code, state } = parseRequest(callbackQuerySchema, req.query, "query");
      const { expiresAt } = await connectCalcomAccount(ctx, oauth, { code, state });
      res.setHeader("Cache-Control", "no-store");
      if (req.accepts(["json", "html"]) === "html") {
        res.type("html").send(CONNECTED_PAGE);
        return;
      }
      sendData(res, { connected: true, expiresAt: expiresAt.toISOString() });
    })
    .all(methodNotAllowed(["GET"]));

  router
    .route(ATOMS_TOKEN_PATH)
    .get(authenticate, async (_req, res) => {
      const { accessToken, expiresAt } = await readAtomsAccessToken(ctx, oauth, authenticatedUser(res).id);
      res.setHeader("Cache-Control", "no-store");
      sendData(res, { accessToken, expiresAt: expiresAt.toISOString() });
    })
    .all(methodNotAllowed(["GET"]));

  // The atoms call their refreshUrl with GET (packages/platform/atoms/lib/http.ts `refreshTokens`:
  // fetch(refreshUrl, { method: "GET", headers: { Authorization } }) and read `accessToken` at the
  // top level of the JSON); POST is accepted too. The answer is therefore `{ accessToken }`, not the
  // bridge's envelope (calcom-facts §3.1: "must return { accessToken }").
  const refresh: RequestHandler = async (req, res) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
    if (!match?.[1]) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="calcom-atoms"');
      throw new AppError(
        "UNAUTHENTICATED",
        "Send the expired Cal.com access token as Authorization: Bearer.",
      );
    }
    const { accessToken } = await refreshAtomsAccessToken(ctx, oauth, match[1]);
    res.setHeader("Cache-Control", "no-store");
    res.json({ accessToken });
  };
  router
    .route(ATOMS_REFRESH_PATH)
    .get(refresh)
    .post(refresh)
    .all(methodNotAllowed(["GET", "POST"]));

  return router;
}

const CONNECTED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cal.com connected</title></head>
<body><h1>Cal.com connected</h1><p>Your Cal.com account is connected to TakeOne. You can close this window.</p></body></html>
`;
