// @vitest-environment node
import { describe, expect, it } from "vitest";
import { CATALOGUES, directionOf } from "./catalogues.ts";
import { formatMessage } from "./format-message.ts";
import { en } from "./messages-en.ts";
import { resolveLocale } from "./resolve-locale.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("have the same keys in en and ar, none empty, with the same placeholders", () => {
    expect(Object.keys(CATALOGUES.ar).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(CATALOGUES.ar)) {
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  it("have Arabic in every Arabic message, and no English word besides the brand names", () => {
    for (const [key, text] of Object.entries(CATALOGUES.ar)) {
      expect(text, key).toMatch(/[\u0600-\u06FF]/);
      const latin = text.replace(/\{\w+\}/g, "").match(/[A-Za-z](?:[A-Za-z.]*[A-Za-z])?/g) ?? [];
      expect(
        latin.filter((word) => !["Cal.com", "TakeOne"].includes(word)),
        key,
      ).toEqual([]);
    }
  });

  it("resolve any language tag and give Arabic right-to-left", () => {
    expect(resolveLocale("ar-SA")).toBe("ar");
    expect(resolveLocale("AR_sa")).toBe("ar");
    expect(resolveLocale("fr")).toBe("en");
    expect(resolveLocale(undefined)).toBe("en");
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
    expect(formatMessage("With {name} {missing}", { name: "Layla" })).toBe("With Layla {missing}");
  });
});
