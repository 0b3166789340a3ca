import { AppError } from "../../http/app-error.ts";
import { errorEnvelopeSchema } from "./api-envelope.ts";

/** What every Cal.com failure carries in `details`, for logs and for callers that decide on retries. */
export interface CalcomFailureDetails {
  method: string;
  path: string;
  /** HTTP status Cal.com answered, absent when no answer came */
  status?: number;
  /** Cal.com's own error code and message, when its body had them */
  calcomCode?: string;
  calcomMessage?: string;
  /** worth trying again later (rate limit, outage, timeout) rather than fixing something */
  isRetryable: boolean;
  /** for 401/403: why Cal.com refused */
  authProblem?: "license" | "invalid-key" | "expired-key" | "forbidden" | "other";
}

export const LICENSE_HELP =
  "Cal.com accepts API keys on API v2 only when the self-hosted instance has a valid license: set " +
  "CALCOM_LICENSE_KEY on the Cal.com API v2 service (a license comes from Cal.com, https://go.cal.com/self-hosted; " +
  "docs/self-hosting.md explains the development key). Without a license everything else still works: " +
  "create the Audition event type and the webhook by hand in the Cal.com web UI " +
  "(docs/self-hosting.md, 'Without a license'), and reconcile from Cal.com's own database with " +
  "CALCOM_DATABASE_URL instead of the API.";

/**
 * Turns a Cal.com API v2 error answer into an AppError whose message says what to fix.
 * The messages matched here are Cal.com's own (apps/api/v2/src/modules/auth/strategies/api-auth/
 * api-auth.strategy.ts): "… api key - Invalid or missing CALCOM_LICENSE_KEY environment variable",
 * "… Your api key is not valid", "… Your api key is expired".
 */
export function explainCalcomError(args: {
  method: string;
  path: string;
  status: number;
  bodyText: string;
  attempts: number;
}): AppError {
  const { method, path, status, bodyText, attempts } = args;
  const { code: calcomCode, message: calcomMessage } = readCalcomError(bodyText);
  const said = calcomMessage ? ` Cal.com said: "${calcomMessage}".` : "";
  const base: CalcomFailureDetails = {
    method,
    path,
    status,
    isRetryable: false,
    ...(calcomCode ? { calcomCode } : {}),
    ...(calcomMessage ? { calcomMessage } : {}),
  };
  const where = `${method} ${path}`;

  if (status === 401 || status === 403) {
    const text = calcomMessage ?? "";
    if (/CALCOM_LICENSE_KEY/i.test(text)) {
      return new AppError(
        "CALCOM_AUTH_FAILED",
        `Cal.com refused the API key because this self-hosted Cal.com has no valid license (${where} → 401).${said} ${LICENSE_HELP}`,
        { details: { ...base, authProblem: "license" } satisfies CalcomFailureDetails },
      );
    }
    if (/expired/i.test(text)) {
      return new AppError(
        "CALCOM_AUTH_FAILED",
        `CALCOM_API_KEY has expired (${where} → ${status}).${said} Create a new key in Cal.com (Settings → Developer → API keys) and set CALCOM_API_KEY.`,
        { details: { ...base, authProblem: "expired-key" } satisfies CalcomFailureDetails },
      );
    }
    if (status === 401) {
      const problem = /not valid|invalid/i.test(text) ? "invalid-key" : "other";
      return new AppError(
        "CALCOM_AUTH_FAILED",
        `Cal.com did not accept CALCOM_API_KEY (${where} → 401).${said} Check that the key is a Cal.com API key (it starts with cal_), ` +
          "that it was created on this Cal.com instance (Settings → Developer → API keys) and has not been deleted.",
        { details: { ...base, authProblem: problem } satisfies CalcomFailureDetails },
      );
    }
    return new AppError(
      "CALCOM_AUTH_FAILED",
      `Cal.com refused ${where} for the API key's user (403).${said} Use an API key of the Cal.com user that owns the Audition event type and the webhook.`,
      { details: { ...base, authProblem: "forbidden" } satisfies CalcomFailureDetails },
    );
  }

  if (status === 404) {
    // NestJS answers an unknown route with "Cannot GET /v2/…": the base URL is wrong, not the id.
    const isUnknownRoute = /^Cannot (GET|POST|PATCH|PUT|DELETE) /.test(calcomMessage ?? "") || !calcomMessage;
    const hint = isUnknownRoute
      ? " Check that CALCOM_API_URL is the Cal.com API v2 base URL (it ends in /v2, e.g. http://calcom-api/v2), not the web app."
      : "";
    return new AppError("CALCOM_NOT_FOUND", `Cal.com has no ${path} (${where} → 404).${said}${hint}`, {
      details: base,
    });
  }

  if (status === 429 || status >= 500) {
    const tried = attempts > 1 ? ` after ${attempts} attempts` : "";
    const what =
      status === 429
        ? "kept rate-limiting this API key (120 requests a minute by default)"
        : `answered ${status}`;
    return new AppError(
      "CALCOM_UNAVAILABLE",
      `Cal.com API v2 ${what} for ${where}${tried}.${said} Try again later; if it persists, check the Cal.com API v2 service's logs.`,
      { details: { ...base, isRetryable: true } satisfies CalcomFailureDetails },
    );
  }

  return new AppError("CALCOM_REJECTED", `Cal.com rejected ${where} (${status}).${said}`, {
    details: base,
  });
}

function readCalcomError(bodyText: string): { code?: string; message?: string } {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    const text = bodyText.trim().slice(0, 200);
    return text && !text.startsWith("<") ? { message: text } : {};
  }
  const parsed = errorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return {};
  const { code, message } = parsed.data.error;
  const text =
    typeof message === "string" ? message : message === undefined ? undefined : JSON.stringify(message);
  return { ...(code ? { code } : {}), ...(text ? { message: text } : {}) };
}

/** Whether a failure from the Cal.com client is worth retrying later (rate limit, outage, timeout). */
export function isRetryableCalcomError(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  const details = error.details as Partial<CalcomFailureDetails> | undefined;
  return details?.isRetryable === true;
}
