import { describe, expect, it } from "vitest";
import { newId } from "./new-id.ts";

describe("newId", () => {
  it("is a version 7 UUID whose first 48 bits are the time in milliseconds", () => {
    const at = Date.UTC(2026, 10, 24, 21, 30);
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts by time, and never repeats", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => newId(1_800_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    const byTime = ids.map((id, i) => [id.slice(0, 13), Math.floor(i / 100)] as const);
    for (let i = 1; i < byTime.length; i++) {
      const [prefix, ms] = byTime[i] as readonly [string, number];
      const [previousPrefix, previousMs] = byTime[i - 1] as readonly [string, number];
      if (ms > previousMs) expect(prefix > previousPrefix).toBe(true);
    }
  });
});
