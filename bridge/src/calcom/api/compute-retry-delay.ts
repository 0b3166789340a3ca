/**
 * How long to wait before the next attempt, in milliseconds, or `undefined` when the server asks
 * for more than `maxWaitMs` (then the caller stops and reports the rate limit instead of hanging).
 *
 * Order: `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3, as a proxy in front of Cal.com
 * may send), then Cal.com's own `X-RateLimit-Reset-<Name>` on a 429 — its throttler does not send
 * Retry-After; it sets that header to the seconds until the window or block ends
 * (apps/api/v2/src/lib/throttler/throttler-guard.ts) — then exponential backoff with jitter.
 */
export function computeRetryDelay(args: {
  /** 1 for the wait after the first attempt */
  attempt: number;
  headers?: Headers;
  /** the answer was a 429: Cal.com's rate-limit reset header counts (it is on every answer, so not otherwise) */
  isRateLimited?: boolean;
  baseDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
  nowMs: number;
  random: () => number;
}): number | undefined {
  const asked = args.headers
    ? readServerWaitMs(args.headers, args.nowMs, args.isRateLimited === true)
    : undefined;
  if (asked !== undefined) return asked > args.maxWaitMs ? undefined : asked;
  const ceiling = Math.min(args.maxDelayMs, args.baseDelayMs * 2 ** (args.attempt - 1));
  // "Equal jitter": at least half the ceiling, so retries neither stampede nor collapse to zero.
  return Math.round(ceiling / 2 + (ceiling / 2) * args.random());
}

function readServerWaitMs(headers: Headers, nowMs: number, isRateLimited: boolean): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  if (!isRateLimited) return undefined;
  let resetSeconds: number | undefined;
  headers.forEach((value, name) => {
    if (!name.toLowerCase().startsWith("x-ratelimit-reset")) return;
    const seconds = Number(value.trim());
    if (!Number.isFinite(seconds) || seconds < 0) return;
    // Cal.com sends seconds to wait; a value that large can only be an epoch timestamp (some proxies).
    const wait = seconds > 1e9 ? Math.max(0, seconds - nowMs / 1000) : seconds;
    resetSeconds = Math.max(resetSeconds ?? 0, wait);
  });
  return resetSeconds === undefined ? undefined : Math.ceil(resetSeconds * 1000);
}
