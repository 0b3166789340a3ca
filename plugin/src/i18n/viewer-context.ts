import { createContext } from "react";
import type { TakeOneLocale } from "./catalogues.ts";

/** What every component needs to speak to the viewer: language, writing direction and time zone. */
export interface ViewerSettings {
  readonly locale: TakeOneLocale;
  /** IANA zone in which dates and times are shown: the viewer's `User.timezone`. */
  readonly timeZone: string;
  /** Also show the Hijri (Umm al-Qura) date beside the Gregorian one. */
  readonly showHijri: boolean;
}

/** TakeOne's default time zone (the seed and ARCHITECTURE.md: `User.timezone` defaults to it). */
export const DEFAULT_TIME_ZONE = "Asia/Riyadh";

/** The viewer's settings from the nearest TakeOneLocaleProvider (English, Riyadh without one). */
export const ViewerContext = createContext<ViewerSettings>({
  locale: "en",
  timeZone: DEFAULT_TIME_ZONE,
  showHijri: false,
});
