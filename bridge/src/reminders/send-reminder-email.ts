import type { Transporter } from "nodemailer";
import { readBookingView } from "../bookings/read-booking-view.ts";
import type { Queryable } from "../db/queryable.ts";
import type { ReminderKind } from "../events/index.ts";
import { buildIcs } from "./build-ics.ts";
import { toLocale } from "./reminder-messages.ts";
import { type ReminderRecipient, renderReminderEmail } from "./render-reminder-email.ts";

export interface ReminderEmailJob {
  bookingId: string;
  kind: ReminderKind;
  role: "talent" | "caster";
}

/**
 * Sends one reminder e-mail (to the talent or the caster of a booking), with the `.ics` attached.
 * Runs as a job after the reminder's transaction committed; skips a booking that is gone or no
 * longer scheduled/confirmed by then (cancelled in between). Throws on an SMTP failure so the job
 * is retried (at-least-once: an SMTP server that accepted but did not answer may see it twice).
 */
export async function sendReminderEmail(args: {
  db: Queryable;
  transport: Transporter;
  from: string;
  job: ReminderEmailJob;
  now: Date;
}): Promise<"sent" | "skipped"> {
  const { job } = args;
  const booking = await readBookingView(args.db, job.bookingId);
  if (!booking || !["scheduled", "confirmed"].includes(booking.status)) return "skipped";
  const userId = job.role === "talent" ? booking.talentUserId : booking.casterUserId;
  const { rows } = await args.db.query<{ name: string; email: string; timezone: string; locale: string }>(
    `SELECT "name", "email", "timezone", "locale" FROM "User" WHERE "id" = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user) return "skipped";
  const recipient: ReminderRecipient = { ...user, role: job.role, locale: toLocale(user.locale) };
  const email = renderReminderEmail({ booking, kind: job.kind, recipient });
  await args.transport.sendMail({
    from: args.from,
    to: { name: user.name, address: user.email },
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: { "Content-Language": recipient.locale },
    attachments: [
      {
        filename: "audition.ics",
        contentType: "text/calendar; charset=utf-8; method=PUBLISH",
        content: buildIcs({
          bookingId: booking.id,
          title: booking.castingCall.title,
          start: new Date(booking.scheduledAt),
          durationMinutes: booking.duration,
          url: booking.meetingUrl,
          location: booking.location,
          stamp: args.now,
        }),
      },
    ],
  });
  return "sent";
}
