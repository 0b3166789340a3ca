import type { Env } from "../config/index.ts";
import { AppError } from "../http/app-error.ts";

/** What the atoms' token endpoints need; all of it set, or the endpoints are off. */
export interface CalcomOAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** where the browser is sent to authorize: <CALCOM_URL>/auth/oauth2/authorize (calcom-facts §3.1) */
  authorizeUrl: string;
  /** where codes and refresh tokens are exchanged: <CALCOM_API_URL>/auth/oauth2/token (calcom-facts §3.1) */
  tokenUrl: string;
}

const REQUIRED = [
  "CALCOM_OAUTH_CLIENT_ID",
  "CALCOM_OAUTH_CLIENT_SECRET",
  "CALCOM_OAUTH_REDIRECT_URL",
  "CALCOM_API_URL",
] as const;

/** The OAuth configuration, or undefined when any of its variables is unset. */
export function readOAuthConfig(config: Env): CalcomOAuthConfig | undefined {
  const { CALCOM_OAUTH_CLIENT_ID, CALCOM_OAUTH_CLIENT_SECRET, CALCOM_OAUTH_REDIRECT_URL, CALCOM_API_URL } =
    config;
  if (
    !CALCOM_OAUTH_CLIENT_ID ||
    !CALCOM_OAUTH_CLIENT_SECRET ||
    !CALCOM_OAUTH_REDIRECT_URL ||
    !CALCOM_API_URL
  ) {
    return undefined;
  }
  return {
    clientId: CALCOM_OAUTH_CLIENT_ID,
    clientSecret: CALCOM_OAUTH_CLIENT_SECRET,
    redirectUrl: CALCOM_OAUTH_REDIRECT_URL,
    authorizeUrl: `${config.CALCOM_URL.replace(/\/+$/, "")}/auth/oauth2/authorize`,
    tokenUrl: `${CALCOM_API_URL.replace(/\/+$/, "")}/auth/oauth2/token`,
  };
}

/** The OAuth configuration, or CALCOM_OAUTH_OFF (404) naming what is missing. */
export function requireOAuthConfig(config: Env): CalcomOAuthConfig {
  const oauth = readOAuthConfig(config);
  if (oauth) return oauth;
  const missing = REQUIRED.filter((name) => !config[name]);
  throw new AppError(
    "CALCOM_OAUTH_OFF",
    `Cal.com OAuth for the atoms is not configured on this bridge (unset: ${missing.join(", ")}).`,
  );
}
