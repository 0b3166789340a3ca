import { z } from "zod";

/** A comma-separated list, trimmed, empty entries dropped. */
const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0),
);

const httpUrl = z.url({ protocol: /^https?$/, error: "an http(s) URL" });
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// URL");
const milliseconds = z.coerce.number().int("a whole number of milliseconds").positive();

/**
 * Every environment variable the bridge reads, with its meaning and default.
 * Parsed once at start (loadConfig); a bad value stops the start and names the variable.
 */
export const envSchema = z
  .object({
    /** development | test | production; production requires the secrets. */
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** HTTP port of the bridge. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3100),
    /** PostgreSQL URL; unset = an embedded PostgreSQL under DATA_DIR. */
    DATABASE_URL: postgresUrl.optional(),
    /** Where the embedded PostgreSQL keeps its data and the dev secrets live. */
    DATA_DIR: z.string().min(1).default(".takeone"),
    /** Secret(s) Cal.com signs webhooks with; a comma-separated list during a rotation (any may match). */
    CALCOM_WEBHOOK_SECRET: commaList.optional(),
    /** Largest webhook body accepted, in bytes (Cal.com bodies are a few KiB). */
    WEBHOOK_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    /** A request must arrive whole within this many ms (headers within a third of it): slow senders are cut off. */
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** How often unmapped webhook deliveries are retried against applications created since (ms). */
    UNMAPPED_REPLAY_MS: z.coerce.number().int().min(100).default(60_000),
    /** Standard Webhooks secret(s) (whsec_…) of the takeone Cal.com app's calls; comma list = rotation; unset = endpoint off. */
    CALCOM_APP_SECRET: commaList
      .pipe(z.array(z.string().startsWith("whsec_", "a whsec_… secret")))
      .optional(),
    /** Name of the Cal.com booking field that carries the TakeOne application id. */
    CALCOM_APPLICATION_FIELD: z.string().min(1).default("applicationId"),
    /** Public origin of the self-hosted Cal.com (the embed's calOrigin). */
    CALCOM_URL: httpUrl.default("http://localhost:3000"),
    /** Cal.com API v2 base URL, e.g. https://cal-api.example.com/v2 (admin CLI, reconciliation). */
    CALCOM_API_URL: httpUrl.optional(),
    /** Cal.com API key (cal_…) for API v2. */
    CALCOM_API_KEY: z.string().min(1).optional(),
    /** Cal.com OAuth2 client id for the atoms' token endpoints (/api/v1/calcom/…); unset = those endpoints are off. */
    CALCOM_OAUTH_CLIENT_ID: z.string().min(1).optional(),
    /** Secret of that OAuth2 client (also signs the OAuth `state`). */
    CALCOM_OAUTH_CLIENT_SECRET: z.string().min(8, "at least 8 characters").optional(),
    /** The redirect URI registered on the OAuth client: <bridge origin>/api/v1/calcom/oauth/callback. */
    CALCOM_OAUTH_REDIRECT_URL: httpUrl.optional(),
    /** Slug of the Audition event type that `takeone-cal setup` provisions (the embed's calLink is <user>/<slug>). */
    CALCOM_EVENT_TYPE_SLUG: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a lowercase slug such as audition")
      .default("audition"),
    /** Origin where Cal.com reaches the bridge (e.g. http://bridge:3100); the webhook URL is <this>/api/v1/webhooks/calcom. */
    BRIDGE_PUBLIC_URL: httpUrl.optional(),
    /** Read-only URL of Cal.com's own database: a license-free reconciliation source. */
    CALCOM_DATABASE_URL: postgresUrl.optional(),
    /** How often a jobs process carries pending cancels/reschedules to Cal.com API v2, in ms (needs CALCOM_API_URL and CALCOM_API_KEY). */
    PROPAGATION_POLL_MS: milliseconds.default(5_000),
    /** Pause before each retry of a change carried to Cal.com, in ms (comma list; then failed). Default 30s,2m,10m,30m,1h,2h,4h,8h: about 16 h in all. */
    PROPAGATION_RETRY_SCHEDULE_MS: commaList
      .transform((list) => list.map(Number))
      .pipe(z.array(z.number().int("whole milliseconds").positive()).min(1, "at least one pause"))
      .default([30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000]),
    /** How often the jobs reconcile bookings with Cal.com (API v2 or CALCOM_DATABASE_URL), in ms; also once at start. */
    CALCOM_SYNC_MS: milliseconds.default(3_600_000),
    /** HS256 secret of TakeOne user tokens (sub = User.id). */
    TAKEONE_JWT_SECRET: z.string().min(16, "at least 16 characters").optional(),
    /** JWKS URL for RS256 TakeOne tokens, instead of TAKEONE_JWT_SECRET. */
    TAKEONE_JWKS_URL: httpUrl.optional(),
    /** When set, TakeOne tokens must carry this `iss`. */
    TAKEONE_JWT_ISSUER: z.string().min(1).optional(),
    /** When set, TakeOne tokens must carry this `aud`. */
    TAKEONE_JWT_AUDIENCE: z.string().min(1).optional(),
    /** Browser origins allowed to call /api/v1 (CORS), comma-separated, e.g. https://app.takeone.sa; unset = none. */
    CORS_ORIGINS: commaList.optional(),
    /** Where outbound booking events are POSTed; unset = events are kept, not sent. */
    TAKEONE_EVENTS_URL: httpUrl.optional(),
    /** Standard Webhooks secret (whsec_…) that signs outbound events. */
    TAKEONE_EVENTS_SECRET: z.string().startsWith("whsec_", "a whsec_… secret").optional(),
    /** During a rotation, the old secret: events then carry both signatures until TakeOne has the new one. */
    TAKEONE_EVENTS_PREVIOUS_SECRET: z.string().startsWith("whsec_", "a whsec_… secret").optional(),
    /** Pause before each retry of an outbound event, in ms (comma list; then failed). Default: Svix's 5s,5m,30m,2h,5h,10h,10h. */
    EVENTS_RETRY_SCHEDULE_MS: commaList
      .transform((list) => list.map(Number))
      .pipe(z.array(z.number().int("whole milliseconds").positive()).min(1, "at least one pause"))
      .default([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]),
    /** How often a jobs process looks for outbound events due for delivery, in milliseconds. */
    EVENTS_POLL_MS: milliseconds.default(1_000),
    /** How long TAKEONE_EVENTS_URL may take to answer one event, in ms (Standard Webhooks: 15-30 s). */
    EVENTS_REQUEST_TIMEOUT_MS: milliseconds.default(15_000),
    /** SMTP server for reminder e-mails (smtp://user:pass@host:port or smtps://…); unset = no e-mails. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "an smtp:// or smtps:// URL" }).optional(),
    /** Sender of reminder e-mails. */
    SMTP_FROM: z.string().min(3).default("TakeOne <no-reply@takeone.local>"),
    /** How often the reminder sweep runs, in milliseconds. */
    REMINDER_SWEEP_MS: milliseconds.default(60_000),
    /** The demo app and its dev sign-in (tokens for anyone who asks): auto = only on the embedded database outside production; on; off. */
    DEMO_APP: z.enum(["auto", "on", "off"]).default("auto"),
    /** Outside production, the built demo app served at / (default plugin/demo/dist of this checkout); "" = none. */
    DEMO_APP_DIR: z.string().optional(),
    /** The calLink (<user>/<slug>) the demo app's Book audition opens; `takeone-cal setup` prints it. */
    DEMO_CALCOM_LINK: z
      .string()
      .regex(/^[^/\s]+\/[^/\s]+$/, "<user>/<event-type-slug>")
      .default("takeone/audition"),
    /** pino log level. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    // Half a Cal.com OAuth configuration would leave the atoms' endpoints silently off: name the rest.
    const oauth = [
      "CALCOM_OAUTH_CLIENT_ID",
      "CALCOM_OAUTH_CLIENT_SECRET",
      "CALCOM_OAUTH_REDIRECT_URL",
      "CALCOM_API_URL",
    ] as const;
    if (env.CALCOM_OAUTH_CLIENT_ID || env.CALCOM_OAUTH_CLIENT_SECRET || env.CALCOM_OAUTH_REDIRECT_URL) {
      for (const name of oauth.filter((key) => !env[key])) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "required with the other CALCOM_OAUTH_* variables (the atoms' token endpoints)",
        });
      }
    }
    if (env.NODE_ENV !== "production") return;
    if (!env.CALCOM_WEBHOOK_SECRET || env.CALCOM_WEBHOOK_SECRET.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["CALCOM_WEBHOOK_SECRET"],
        message: "required when NODE_ENV=production (the secret set on the Cal.com webhook)",
      });
    }
    if (!env.TAKEONE_JWT_SECRET && !env.TAKEONE_JWKS_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["TAKEONE_JWT_SECRET"],
        message: "TAKEONE_JWT_SECRET or TAKEONE_JWKS_URL is required when NODE_ENV=production",
      });
    }
    if (env.TAKEONE_EVENTS_URL && !env.TAKEONE_EVENTS_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TAKEONE_EVENTS_SECRET"],
        message: "required when TAKEONE_EVENTS_URL is set in production (outbound events are signed)",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
