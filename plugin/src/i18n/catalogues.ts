import { ar } from "./messages-ar.ts";
import { en, type Messages } from "./messages-en.ts";

/** The languages the plugin speaks: TakeOne's `User.locale` values. */
export const TAKEONE_LOCALES = ["en", "ar"] as const;
export type TakeOneLocale = (typeof TAKEONE_LOCALES)[number];

export const CATALOGUES: { readonly [L in TakeOneLocale]: Messages } = { en, ar };

/** Right-to-left languages among TAKEONE_LOCALES. */
export function directionOf(locale: TakeOneLocale): "ltr" | "rtl" {
  return locale === "ar" ? "rtl" : "ltr";
}
