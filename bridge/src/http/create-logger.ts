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

/** Query parameters that carry credentials (the Cal.com OAuth callback's code and state, tokens). */
const SECRET_QUERY_PARAMS = new Set(["code", "state", "token", "access_token", "refresh_token"]);

/** A request URL fit for the log: the values of credential-carrying query parameters replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url?.includes("?")) return url;
  const [path, query] = url.split("?", 2) as [string, string];
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_PARAMS.has(key.toLowerCase())) params.set(key, "[redacted]");
  }
  return `${path}?${params.toString()}`;
}
