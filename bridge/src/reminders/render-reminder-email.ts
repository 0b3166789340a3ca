import type { Booking } from "../bookings/booking-schema.ts";
import type { ReminderKind } from "../events/index.ts";
import { type Locale, REMINDER_MESSAGES } from "./reminder-messages.ts";

export interface ReminderRecipient {
  role: "talent" | "caster";
  name: string;
  email: string;
  /** IANA zone the person reads times in (User.timezone) */
  timezone: string;
  locale: Locale;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * A reminder e-mail in the recipient's language (User.locale) with the audition time in the
 * recipient's own zone, the zone named. HTML carries lang and dir (rtl for Arabic); the plain-text
 * part says the same.
 */
export function renderReminderEmail(args: {
  booking: Booking;
  kind: ReminderKind;
  recipient: ReminderRecipient;
}): RenderedEmail {
  const { booking, kind, recipient } = args;
  const m = REMINDER_MESSAGES[recipient.locale];
  const title = booking.castingCall.title;
  const other = recipient.role === "talent" ? booking.caster.name : booking.talent.name;
  const when = formatWhen(new Date(booking.scheduledAt), recipient.timezone, m.intlLocale);
  const duration = m.minutes(new Intl.NumberFormat(m.intlLocale).format(booking.duration));
  const where = booking.meetingUrl ?? booking.location;
  const rows: [string, string][] = [
    [m.whenLabel, when],
    [m.durationLabel, `${duration} · ${m.meetingTypes[booking.meetingType]}`],
    ...(where ? [[booking.meetingUrl ? m.joinLabel : m.locationLabel, where] as [string, string]] : []),
  ];
  const subject = m.subject(kind, title);
  const greeting = m.greeting(recipient.name);
  const lead = m.lead(kind, recipient.role, other, title);

  const text = [
    greeting,
    "",
    lead,
    "",
    ...rows.map(([label, value]) => `${label}: ${value}`),
    "",
    m.icsNote,
    "",
    m.footer,
  ].join("\n");
  const html = `<!doctype html>
<html lang="${recipient.locale}" dir="${m.dir}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; text-align: start;">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>
<table role="presentation">
${rows
  .map(
    ([label, value]) =>
      `<tr><th style="text-align: start; padding-inline-end: 1em;">${escapeHtml(label)}</th><td>${
        value === booking.meetingUrl
          ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`
          : `<bdi>${escapeHtml(value)}</bdi>`
      }</td></tr>`,
  )
  .join("\n")}
</table>
<p>${escapeHtml(m.icsNote)}</p>
<p>${escapeHtml(m.footer)}</p>
</body>
</html>
`;
  return { subject, text, html };
}

/** "Sunday 28 March 2027 at 11:00 — British Summer Time (Europe/London)", in the reader's language. */
export function formatWhen(instant: Date, timeZone: string, intlLocale: string): string {
  const dateTime = new Intl.DateTimeFormat(intlLocale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  }).format(instant);
  const zoneName =
    new Intl.DateTimeFormat(intlLocale, { timeZone, timeZoneName: "long" })
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  return `${dateTime} — ${zoneName} (${timeZone})`;
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
