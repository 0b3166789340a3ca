// @vitest-environment node
import { describe, expect, it } from "vitest";
import { formatBookingTime, formatDuration } from "./format-booking-time.ts";

describe("formatBookingTime", () => {
  it("shows the same instant in Riyadh (no DST) and in London on both sides of its DST change", () => {
    const riyadh = formatBookingTime("2026-03-28T12:00:00Z", 30, { locale: "en", timeZone: "Asia/Riyadh" });
    expect(riyadh.time).toBe("15:00–15:30 GMT+3");
    // London moves to BST (UTC+1) at 01:00 UTC on Sunday 29 March 2026.
    const beforeDst = formatBookingTime("2026-03-28T12:00:00Z", 30, {
      locale: "en",
      timeZone: "Europe/London",
    });
    const afterDst = formatBookingTime("2026-03-30T12:00:00Z", 30, {
      locale: "en",
      timeZone: "Europe/London",
    });
    expect(beforeDst.time).toBe("12:00–12:30 GMT");
    expect(afterDst.time).toBe("13:00–13:30 BST");
    expect(afterDst.date).toBe("Monday, 30 March 2026");
  });

  it("writes Arabic with the Gregorian calendar and offers the Hijri date", () => {
    const ar = formatBookingTime("2026-12-01T11:00:00Z", 30, {
      locale: "ar",
      timeZone: "Asia/Riyadh",
      showHijri: true,
    });
    expect(ar.date).toBe("الثلاثاء، ١ ديسمبر ٢٠٢٦");
    expect(ar.hijri).toBe("٢١ جمادى الآخرة ١٤٤٨ هـ");
    expect(ar.iso).toBe("2026-12-01T11:00:00.000Z");
    expect(
      formatBookingTime("2026-12-01T11:00:00Z", 30, { locale: "ar", timeZone: "Asia/Riyadh" }).hijri,
    ).toBeNull();
  });

  it("puts the date on the viewer's side of midnight", () => {
    const late = formatBookingTime("2026-12-01T22:30:00Z", 60, { locale: "en", timeZone: "Asia/Riyadh" });
    expect(late.date).toBe("Wednesday, 2 December 2026");
  });

  it("formats durations as words", () => {
    expect(formatDuration(30, "en")).toBe("30 minutes");
    expect(formatDuration(45, "ar")).toBe("٤٥ دقيقة");
  });
});
