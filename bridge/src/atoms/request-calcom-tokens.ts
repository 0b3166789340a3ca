import { z } from "zod";
import { AppError } from "../http/app-error.ts";
import type { CalcomOAuthConfig } from "./read-oauth-config.ts";

/**
 * The token endpoint's answer as Cal.com documents it (calcom-facts §3.1, docs/atoms/setup.mdx):
 * `{ access_token, refresh_token, expires_in }` (seconds). Other fields are ignored.
 */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
});

export interface CalcomTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

const TIMEOUT_MS = 15_000;

/**
 * Exchanges an authorization code or a refresh token at Cal.com's token endpoint
 * (`POST <api>/v2/auth/oauth2/token` with `{client_id, client_secret, grant_type, code|refresh_token,
 * redirect_uri}`, calcom-facts §3.1), sent as JSON as the docs show it.
 * Cal.com refusing (4xx) → CALCOM_REJECTED with `details.status`; no answer or 5xx →
 * CALCOM_UNAVAILABLE; an answer without the documented fields → CALCOM_BAD_RESPONSE.
 */
export async function requestCalcomTokens(
  oauth: CalcomOAuthConfig,
  grant: { type: "authorization_code"; code: string } | { type: "refresh_token"; refreshToken: string },
  now: Date,
): Promise<CalcomTokens> {
  const body = {
    client_id: oauth.clientId,
    client_secret: oauth.clientSecret,
    grant_type: grant.type,
    ...(grant.type === "authorization_code" ? { code: grant.code } : { refresh_token: grant.refreshToken }),
    redirect_uri: oauth.redirectUrl,
  };
  let res: Response;
  try {
    res = await fetch(oauth.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new AppError("CALCOM_UNAVAILABLE", "Cal.com's token endpoint did not answer.", { cause: error });
  }
  const text = await res.text().catch(() => "");
  if (res.status >= 500) {
    throw new AppError("CALCOM_UNAVAILABLE", `Cal.com's token endpoint answered ${res.status}.`, {
      cause: text.slice(0, 500),
    });
  }
  if (!res.ok) {
    throw new AppError(
      "CALCOM_REJECTED",
      `Cal.com refused the ${grant.type.replace("_", " ")} (${res.status}).`,
      {
        details: { status: res.status },
        cause: text.slice(0, 500),
      },
    );
  }
  let parsed: z.infer<typeof tokenResponseSchema>;
  try {
    parsed = tokenResponseSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new AppError("CALCOM_BAD_RESPONSE", "Cal.com's token endpoint answered without the tokens.", {
      cause: error,
    });
  }
  return {
    accessToken: parsed.access_token,
    refreshToken: parsed.refresh_token,
    expiresAt: new Date(now.getTime() + parsed.expires_in * 1000),
  };
}
