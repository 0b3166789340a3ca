/**
 * The `.ics` attachment of a reminder (RFC 5545, one VEVENT). The same bytes in every language:
 * times are UTC, the text is the casting call's title, and calendar apps show it in the reader's zone.
 * UID is stable per booking, so a later reminder updates the same calendar entry instead of adding one.
 */
export function buildIcs(args: {
  bookingId: string;
  title: string;
  start: Date;
  durationMinutes: number;
  url: string | null;
  location: string | null;
  stamp: Date;
}): string {
  const end = new Date(args.start.getTime() + args.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TakeOne//Cal.com bridge//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${args.bookingId}@takeone`,
    `DTSTAMP:${icsTime(args.stamp)}`,
    `DTSTART:${icsTime(args.start)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${escapeText(`Audition: ${args.title}`)}`,
    ...(args.url ? [`URL:${args.url}`] : []),
    ...(args.location || args.url ? [`LOCATION:${escapeText(args.location ?? args.url ?? "")}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

function icsTime(date: Date): string {
  return `${date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}`;
}

function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    if (Buffer.byteLength(current + char, "utf8") > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}
