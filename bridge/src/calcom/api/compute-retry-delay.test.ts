import { describe, expect, it } from "vitest";
import { computeRetryDelay } from "./compute-retry-delay.ts";

const base = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxWaitMs: 65_000,
  nowMs: Date.parse("2030-01-01T00:00:00Z"),
};

describe("computeRetryDelay", () => {
  it("backs off exponentially with equal jitter, capped", () => {
    expect(computeRetryDelay({ ...base, attempt: 1, random: () => 0 })).toBe(250);
    expect(computeRetryDelay({ ...base, attempt: 1, random: () => 1 })).toBe(500);
    expect(computeRetryDelay({ ...base, attempt: 3, random: () => 1 })).toBe(2000);
    expect(computeRetryDelay({ ...base, attempt: 20, random: () => 1 })).toBe(30_000);
  });

  it("follows Retry-After in seconds or as an HTTP date", () => {
    const seconds = new Headers({ "retry-after": "12" });
    const date = new Headers({ "retry-after": "Tue, 01 Jan 2030 00:00:30 GMT" });
    expect(computeRetryDelay({ ...base, attempt: 1, headers: seconds, random: () => 0 })).toBe(12_000);
    expect(computeRetryDelay({ ...base, attempt: 1, headers: date, random: () => 0 })).toBe(30_000);
  });

  it("reads Cal.com's X-RateLimit-Reset-* only on a 429 (the header is on every answer)", () => {
    const headers = new Headers({ "x-ratelimit-reset-default": "40" });
    expect(computeRetryDelay({ ...base, attempt: 1, headers, isRateLimited: true, random: () => 0 })).toBe(
      40_000,
    );
    expect(computeRetryDelay({ ...base, attempt: 1, headers, isRateLimited: false, random: () => 0 })).toBe(
      250,
    );
  });

  it("gives up rather than wait longer than maxWaitMs", () => {
    const headers = new Headers({ "retry-after": "3600" });
    expect(computeRetryDelay({ ...base, attempt: 1, headers, random: () => 0 })).toBeUndefined();
  });
});
