import type { TakeOneLocale } from "../i18n/catalogues.ts";

export interface FormattedTime {
  /** e.g. "Tuesday, 1 December 2026" / "الثلاثاء، ١ ديسمبر ٢٠٢٦" */
  readonly date: string;
  /** e.g. "2:00 – 2:30 PM AST" in the viewer's zone, zone named */
  readonly time: string;
  /** the date in the Umm al-Qura calendar, when asked for */
  readonly hijri: string | null;
  /** machine-readable start for <time dateTime> */
  readonly iso: string;
}

/**
 * The Intl locale for a plugin language. Arabic is Saudi Arabic (Arabic-Indic digits) pinned to the
 * Gregorian calendar: older ICU data gives `ar-SA` the Islamic (Umm al-Qura) calendar by default, and
 * TakeOne's dates are Gregorian, with Hijri offered beside them (issue 11). The `-u-ca-gregory`
 * extension makes the choice explicit whatever ICU a browser ships.
 */
export function intlLocaleOf(locale: TakeOneLocale): string {
  return locale === "ar" ? "ar-SA-u-ca-gregory" : "en-GB";
}

const HIJRI_LOCALE: Readonly<Record<TakeOneLocale, string>> = {
  ar: "ar-SA-u-ca-islamic-umalqura",
  en: "en-u-ca-islamic-umalqura",
};

/** Formats an audition's start and end in the viewer's time zone and language. */
export function formatBookingTime(
  startIso: string,
  durationMinutes: number,
  options: { locale: TakeOneLocale; timeZone: string; showHijri?: boolean },
): FormattedTime {
  const start = new Date(startIso);
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const intlLocale = intlLocaleOf(options.locale);
  const date = new Intl.DateTimeFormat(intlLocale, {
    timeZone: options.timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(start);
  const time = new Intl.DateTimeFormat(intlLocale, {
    timeZone: options.timeZone,
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).formatRange(start, end);
  const hijri = options.showHijri
    ? new Intl.DateTimeFormat(HIJRI_LOCALE[options.locale], {
        timeZone: options.timeZone,
        day: "numeric",
        month: "long",
        year: "numeric",
      }).format(start)
    : null;
  return { date, time, hijri, iso: start.toISOString() };
}

/** A duration in minutes as words ("30 minutes" / "٣٠ دقيقة"), through Intl.NumberFormat units. */
export function formatDuration(minutes: number, locale: TakeOneLocale): string {
  return new Intl.NumberFormat(intlLocaleOf(locale), {
    style: "unit",
    unit: "minute",
    unitDisplay: "long",
  }).format(minutes);
}
