import { pino } from "pino";

/**
 * Paths pino replaces with "[redacted]": personal data (e-mails, names, phone numbers), meeting
 * passwords, signatures and tokens. Wildcards match one level, so common nestings are listed.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-cal-signature-256"]',
  'req.headers["webhook-signature"]',
  'req.headers["svix-signature"]',
  'res.headers["set-cookie"]',
  ...[
    "email",
    "phoneNumber",
    "phone",
    "meetingPassword",
    "password",
    "token",
    "accessToken",
    "secret",
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  ...["talent", "caster", "organizer", "attendee", "user"].flatMap((who) => [`${who}.name`, `*.${who}.name`]),
  "attendees[*].name",
  "*.attendees[*].name",
  "*.attendees[*].email",
];

export type Logger = pino.Logger;

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      base: { service: "takeone-bridge" },
    },
    options.destination,
  );
}
