import { TAKEONE_LOCALES, type TakeOneLocale } from "./catalogues.ts";

/**
 * The plugin language for a language tag from anywhere (TakeOne's `User.locale`, `?lang=`,
 * `navigator.language`): "ar", "ar-SA" and "AR_sa" are Arabic, anything unknown is English.
 */
export function resolveLocale(tag: string | null | undefined): TakeOneLocale {
  const language = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (TAKEONE_LOCALES as readonly string[]).includes(language ?? "") ? (language as TakeOneLocale) : "en";
}
