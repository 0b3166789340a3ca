import { useContext, useMemo } from "react";
import { CATALOGUES, directionOf } from "./catalogues.ts";
import { formatMessage } from "./format-message.ts";
import type { MessageKey } from "./messages-en.ts";
import { resolveLocale } from "./resolve-locale.ts";
import { ViewerContext, type ViewerSettings } from "./viewer-context.ts";

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

/** The language, direction, time zone and messages a component speaks with: its props, else the provider. */
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
