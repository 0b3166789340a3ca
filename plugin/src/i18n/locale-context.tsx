import { createContext, type ReactNode, useContext, useMemo } from "react";
import { CATALOGUES, directionOf, type TakeOneLocale } from "./catalogues.ts";
import { formatMessage } from "./format-message.ts";
import type { MessageKey } from "./messages-en.ts";
import { resolveLocale } from "./resolve-locale.ts";

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

const ViewerContext = createContext<ViewerSettings>({
  locale: "en",
  timeZone: DEFAULT_TIME_ZONE,
  showHijri: false,
});

export interface TakeOneLocaleProviderProps {
  /** `User.locale` ("en" | "ar"); any tag is accepted and unknown ones fall back to English. */
  readonly locale?: string;
  readonly timeZone?: string;
  readonly showHijri?: boolean;
  readonly children: ReactNode;
}

/** Sets the language, time zone and calendar for every plugin component below it. */
export function TakeOneLocaleProvider({ locale, timeZone, showHijri, children }: TakeOneLocaleProviderProps) {
  const parent = useContext(ViewerContext);
  const value = useMemo<ViewerSettings>(
    () => ({
      locale: locale === undefined ? parent.locale : resolveLocale(locale),
      timeZone: timeZone ?? parent.timeZone,
      showHijri: showHijri ?? parent.showHijri,
    }),
    [locale, timeZone, showHijri, parent],
  );
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

/** Per-component overrides: each component's own `locale`/`timeZone` props win over the provider. */
export interface ViewerProps {
  readonly locale?: string;
  readonly timeZone?: string;
  readonly showHijri?: boolean;
}

export interface Viewer extends ViewerSettings {
  readonly dir: "ltr" | "rtl";
  /** The text of a message key in the viewer's language, placeholders filled. */
  readonly t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
}

export function useViewer(overrides: ViewerProps = {}): Viewer {
  const context = useContext(ViewerContext);
  const locale = overrides.locale === undefined ? context.locale : resolveLocale(overrides.locale);
  const timeZone = overrides.timeZone ?? context.timeZone;
  const showHijri = overrides.showHijri ?? context.showHijri;
  return useMemo(() => {
    const messages = CATALOGUES[locale];
    return {
      locale,
      timeZone,
      showHijri,
      dir: directionOf(locale),
      t: (key, params) => formatMessage(messages[key], params),
    };
  }, [locale, timeZone, showHijri]);
}
