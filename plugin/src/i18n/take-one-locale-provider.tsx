import { type ReactNode, useContext, useMemo } from "react";
import { resolveLocale } from "./resolve-locale.ts";
import { ViewerContext, type ViewerSettings } from "./viewer-context.ts";

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
