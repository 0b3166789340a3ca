import type { z } from "zod";
import { AppError } from "../../http/app-error.ts";
import { computeRetryDelay } from "./compute-retry-delay.ts";
import { type CalcomFailureDetails, explainCalcomError } from "./explain-calcom-error.ts";

export interface CalcomClientOptions {
  /** Cal.com API v2 base URL, e.g. https://cal-api.example.com/v2 (CALCOM_API_URL) */
  baseUrl: string;
  /** Cal.com API key, cal_… (CALCOM_API_KEY) */
  apiKey: string;
  /** per attempt; default 15 s */
  timeoutMs?: number;
  /** attempts in all, first included; default 4 */
  maxAttempts?: number;
  /** first backoff ceiling; default 500 ms, doubling per attempt */
  baseDelayMs?: number;
  /** backoff ceiling; default 30 s */
  maxDelayMs?: number;
  /** longest wait a Retry-After may ask for before we give up instead; default 65 s (Cal.com blocks for 60 s) */
  maxWaitMs?: number;
  /** injected by tests (the clock is the process edge); default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** told before each retry, e.g. to log it */
  onRetry?: (info: {
    method: string;
    path: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }) => void;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface CalcomRequest<S extends z.ZodType> {
  method: HttpMethod;
  /** path under the base URL, e.g. /event-types/42 */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** the cal-api-version header, for endpoint families that need one */
  apiVersion?: string;
  /** schema of the whole JSON answer (see successEnvelope) */
  schema: S;
}

export type SendCalcomRequest = <S extends z.ZodType>(request: CalcomRequest<S>) => Promise<z.infer<S>>;

/** Network failures that happen before the request reached Cal.com: safe to retry for any method. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * The one way the bridge talks to Cal.com API v2: Bearer API key (facts 4.1), `cal-api-version`
 * per endpoint, a timeout per attempt, retries with backoff, zod-validated answers and errors that
 * say what to fix.
 *
 * Retries: a 429 is refused before Cal.com does anything (its throttler guard runs first), so it
 * is retried for every method, as are connection failures before the request was sent. Timeouts,
 * 5xx and dropped connections are retried only for GET, PATCH and DELETE, which set state and can be
 * repeated; a POST is not, because repeating one may do its work twice — a repeated reschedule
 * creates a second booking with a new uid (facts 4.4).
 */
export function createCalcomTransport(options: CalcomClientOptions): SendCalcomRequest {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  return async function send<S extends z.ZodType>(request: CalcomRequest<S>): Promise<z.infer<S>> {
    const url = buildUrl(baseUrl, request.path, request.query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.apiKey}`,
      accept: "application/json",
    };
    if (request.apiVersion) headers["cal-api-version"] = request.apiVersion;
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const isRepeatable = request.method !== "POST";
    const where = { method: request.method, path: request.path };

    for (let attempt = 1; ; attempt++) {
      let response: Response;
      let bodyText: string;
      try {
        response = await fetch(url, {
          method: request.method,
          headers,
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
        bodyText = await response.text();
      } catch (error) {
        const failure = describeNetworkFailure(error, timeoutMs);
        const canRetry = failure.isNotSent || isRepeatable;
        const delayMs =
          canRetry && attempt < maxAttempts
            ? computeRetryDelay({ attempt, ...backoff(options), nowMs: now(), random })
            : undefined;
        if (delayMs === undefined) {
          throw new AppError(
            "CALCOM_UNAVAILABLE",
            `Cal.com API v2 at ${baseUrl} could not be reached for ${request.method} ${request.path}: ${failure.text}` +
              `${attempt > 1 ? ` (${attempt} attempts)` : ""}. Check CALCOM_API_URL and that the Cal.com API v2 service is running.`,
            { details: { ...where, isRetryable: true } satisfies CalcomFailureDetails, cause: error },
          );
        }
        options.onRetry?.({ ...where, attempt, delayMs, reason: failure.text });
        await sleep(delayMs);
        continue;
      }

      if (response.status < 400) return parseAnswer(request, response, bodyText);

      const status = response.status;
      const isRateLimited = status === 429;
      const isRetryableStatus = isRateLimited || (isRepeatable && [500, 502, 503, 504].includes(status));
      const delayMs =
        isRetryableStatus && attempt < maxAttempts
          ? computeRetryDelay({
              attempt,
              headers: response.headers,
              isRateLimited,
              ...backoff(options),
              nowMs: now(),
              random,
            })
          : undefined;
      if (delayMs === undefined) {
        throw explainCalcomError({ ...where, status, bodyText, attempts: attempt });
      }
      options.onRetry?.({ ...where, attempt, delayMs, reason: `HTTP ${status}` });
      await sleep(delayMs);
    }
  };
}

function backoff(options: CalcomClientOptions) {
  return {
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxWaitMs: options.maxWaitMs ?? 65_000,
  };
}

function buildUrl(baseUrl: string, path: string, query: CalcomRequest<z.ZodType>["query"]): string {
  const url = new URL(`${baseUrl}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseAnswer<S extends z.ZodType>(request: CalcomRequest<S>, response: Response, bodyText: string) {
  const where = `${request.method} ${request.path}`;
  const details: CalcomFailureDetails = {
    method: request.method,
    path: request.path,
    status: response.status,
    isRetryable: false,
  };
  const hint =
    " Check that CALCOM_API_URL is the Cal.com API v2 base URL (it ends in /v2) and that this Cal.com version speaks the documented API.";
  if (response.status >= 300) {
    throw new AppError(
      "CALCOM_BAD_RESPONSE",
      `Cal.com answered ${where} with a redirect (${response.status} to ${response.headers.get("location") ?? "?"}).${hint}`,
      { details },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    const type = response.headers.get("content-type") ?? "no content type";
    throw new AppError(
      "CALCOM_BAD_RESPONSE",
      `Cal.com answered ${where} with something that is not JSON (${type}).${hint}`,
      {
        details,
        cause: error,
      },
    );
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
      .join("; ");
    throw new AppError(
      "CALCOM_BAD_RESPONSE",
      `Cal.com's answer to ${where} is not in the documented shape (${issues}).${hint}`,
      {
        details: { ...details, issues: parsed.error.issues.slice(0, 10) },
      },
    );
  }
  return parsed.data;
}

function describeNetworkFailure(error: unknown, timeoutMs: number): { text: string; isNotSent: boolean } {
  const named = error as { name?: string; cause?: { code?: string; message?: string } };
  if (named?.name === "TimeoutError" || named?.name === "AbortError") {
    return { text: `no answer within ${timeoutMs} ms`, isNotSent: false };
  }
  const code = named?.cause?.code;
  const message = named?.cause?.message ?? (error instanceof Error ? error.message : String(error));
  return {
    text: code ? `${code} (${message})` : message,
    isNotSent: code !== undefined && NOT_SENT_CODES.has(code),
  };
}
