import pg from "pg";
import { AppError } from "../../http/app-error.ts";
import { CALCOM_WEBHOOK_PATH, signCalcomBody } from "../../webhooks/index.ts";
import type { CalcomClient, CalcomWebhookSubscription } from "../api/index.ts";
import { BRIDGE_TRIGGERS } from "../setup/plan-webhook-subscription.ts";

export type CheckStatus = "ok" | "problem" | "skipped";

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface DoctorOptions {
  /** CALCOM_URL: the web app */
  calcomUrl: string;
  /** undefined when CALCOM_API_URL / CALCOM_API_KEY are not set: API checks are skipped */
  client: CalcomClient | undefined;
  slug: string;
  applicationField: string;
  /** where Cal.com reaches the bridge (BRIDGE_PUBLIC_URL) */
  bridgeUrl: string;
  /** the secrets the bridge accepts; the first is the one Cal.com should sign with */
  webhookSecrets: string[];
  /** TAKEONE_EVENTS_URL */
  eventsUrl?: string | undefined;
  /** CALCOM_DATABASE_URL, the license-free sync source: checked when set */
  calcomDatabaseUrl?: string | undefined;
  timeoutMs?: number;
  onCheck?: (check: DoctorCheck) => void;
}

/**
 * Checks the whole chain an audition booking travels, in order, and says what is wrong where:
 * Cal.com's web app and embed script, the API key (and license), the Audition event type, the
 * webhook subscription (URL, active, triggers, secret when Cal.com shows it), the bridge (ready =
 * database reachable and migrated), a PING signed with the configured secret through the bridge's
 * webhook endpoint, and the TakeOne events endpoint.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const record = (name: string, status: CheckStatus, detail: string) => {
    const check = { name, status, detail };
    checks.push(check);
    options.onCheck?.(check);
  };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const calcomUrl = options.calcomUrl.replace(/\/+$/, "");

  const web = await probe(`${calcomUrl}/`, timeoutMs);
  record(
    "Cal.com web app",
    web.ok ? "ok" : "problem",
    web.ok
      ? `${calcomUrl} answers ${web.status}`
      : `${calcomUrl}: ${web.text}. Check CALCOM_URL and that Cal.com is running.`,
  );
  const embed = await probe(`${calcomUrl}/embed/embed.js`, timeoutMs);
  record(
    "embed.js",
    embed.ok ? "ok" : "problem",
    embed.ok
      ? `${calcomUrl}/embed/embed.js is served`
      : `${calcomUrl}/embed/embed.js: ${embed.text}. The booking embed loads this script; some Cal.com images do not ship it (docs/self-hosting.md).`,
  );

  await checkCalcomApi(options, record);

  const bridgeUrl = options.bridgeUrl.replace(/\/+$/, "");
  const ready = await probe(`${bridgeUrl}/readyz`, timeoutMs);
  record(
    "bridge and its database",
    ready.ok ? "ok" : "problem",
    ready.ok
      ? `${bridgeUrl}/readyz answers ${ready.status} (database reachable, migrations applied)`
      : `${bridgeUrl}/readyz: ${ready.text}. Start the bridge (npm start) and check DATABASE_URL; BRIDGE_PUBLIC_URL must be where it listens.`,
  );
  record(
    "signed ping through the bridge",
    ...(await pingBridge(bridgeUrl, options.webhookSecrets, timeoutMs)),
  );

  if (options.calcomDatabaseUrl) {
    record(
      "Cal.com database (sync source)",
      ...(await checkCalcomDatabase(options.calcomDatabaseUrl, options.slug)),
    );
  }

  if (!options.eventsUrl) {
    record(
      "TakeOne events endpoint",
      "skipped",
      "TAKEONE_EVENTS_URL is not set: outbound events are kept, not sent",
    );
  } else {
    const events = await probe(options.eventsUrl, timeoutMs, { anyStatus: true });
    record(
      "TakeOne events endpoint",
      events.ok ? "ok" : "problem",
      events.ok
        ? `${options.eventsUrl} is reachable (answered ${events.status})`
        : `${options.eventsUrl}: ${events.text}`,
    );
  }
  return checks;
}

async function checkCalcomApi(
  options: DoctorOptions,
  record: (name: string, status: CheckStatus, detail: string) => void,
): Promise<void> {
  const { client } = options;
  if (!client) {
    for (const name of ["Cal.com API key", "Audition event type", "webhook subscription"]) {
      record(
        name,
        "skipped",
        "CALCOM_API_URL and CALCOM_API_KEY are not set (check these by hand in Cal.com's UI)",
      );
    }
    return;
  }
  let username: string;
  try {
    const me = await client.getMe();
    if (!me.username) throw new AppError("CALCOM_REJECTED", `the key's user ${me.email} has no username`);
    username = me.username;
    record("Cal.com API key", "ok", `accepted for user ${me.username} at ${client.baseUrl}`);
  } catch (error) {
    record("Cal.com API key", "problem", messageOf(error));
    record("Audition event type", "skipped", "needs a working API key");
    record("webhook subscription", "skipped", "needs a working API key");
    return;
  }

  try {
    const eventType = (await client.listEventTypes(username)).find((e) => e.slug === options.slug);
    const field = eventType?.bookingFields?.find((f) => f.slug === options.applicationField);
    if (!eventType)
      record(
        "Audition event type",
        "problem",
        `${username}/${options.slug} does not exist: run takeone-cal setup`,
      );
    else if (!field)
      record(
        "Audition event type",
        "problem",
        `${username}/${options.slug} has no ${options.applicationField} booking field: run takeone-cal setup`,
      );
    else if (!field.hidden || !field.disableOnPrefill)
      record(
        "Audition event type",
        "problem",
        `the ${options.applicationField} field is visible or editable by the booker: run takeone-cal setup`,
      );
    else
      record(
        "Audition event type",
        "ok",
        `${username}/${options.slug} (id ${eventType.id}) with a hidden, prefilled ${options.applicationField}`,
      );
  } catch (error) {
    record("Audition event type", "problem", messageOf(error));
  }

  try {
    const subscriberUrl = `${options.bridgeUrl.replace(/\/+$/, "")}${CALCOM_WEBHOOK_PATH}`;
    const subscription = (await client.listWebhooks()).find(
      (w) => w.subscriberUrl.replace(/\/+$/, "") === subscriberUrl,
    );
    record(
      "webhook subscription",
      ...describeSubscription(subscription, subscriberUrl, options.webhookSecrets),
    );
  } catch (error) {
    record("webhook subscription", "problem", messageOf(error));
  }
}

function describeSubscription(
  subscription: CalcomWebhookSubscription | undefined,
  subscriberUrl: string,
  secrets: string[],
): [CheckStatus, string] {
  if (!subscription) return ["problem", `no subscription to ${subscriberUrl}: run takeone-cal setup`];
  if (!subscription.active)
    return ["problem", `the subscription to ${subscriberUrl} is inactive: run takeone-cal setup`];
  const missing = BRIDGE_TRIGGERS.filter((t) => !subscription.triggers.includes(t));
  if (missing.length > 0)
    return ["problem", `the subscription lacks ${missing.join(", ")}: run takeone-cal setup`];
  if (typeof subscription.secret === "string" && !secrets.includes(subscription.secret)) {
    return [
      "problem",
      "Cal.com signs with a secret the bridge does not accept (CALCOM_WEBHOOK_SECRET): run takeone-cal setup",
    ];
  }
  const secretNote =
    typeof subscription.secret === "string"
      ? "its secret matches CALCOM_WEBHOOK_SECRET"
      : "this Cal.com does not show the stored secret, so it is not compared (setup --force-secret writes it)";
  return ["ok", `active, with the bridge's triggers; ${secretNote}`];
}

/** A PING like Cal.com's test button sends (calcom-facts §1.8), signed with the first secret. */
async function pingBridge(
  bridgeUrl: string,
  secrets: string[],
  timeoutMs: number,
): Promise<[CheckStatus, string]> {
  const secret = secrets[0];
  if (!secret) return ["problem", "CALCOM_WEBHOOK_SECRET is not set"];
  const now = new Date().toISOString();
  const body = JSON.stringify({
    triggerEvent: "PING",
    createdAt: now,
    payload: {
      type: "Test",
      title: "Test trigger event",
      description: "",
      startTime: now,
      endTime: now,
      attendees: [],
      organizer: {},
    },
  });
  try {
    const response = await fetch(`${bridgeUrl}${CALCOM_WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-cal-signature-256": signCalcomBody(body, secret) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok)
      return ["ok", `${bridgeUrl}${CALCOM_WEBHOOK_PATH} accepted a PING signed with CALCOM_WEBHOOK_SECRET`];
    if (response.status === 401)
      return [
        "problem",
        "the bridge refused the signature: it runs with another CALCOM_WEBHOOK_SECRET than this CLI",
      ];
    return ["problem", `the bridge answered ${response.status} to a signed PING`];
  } catch (error) {
    return ["problem", `${bridgeUrl}${CALCOM_WEBHOOK_PATH}: ${messageOf(error)}`];
  }
}

/** CALCOM_DATABASE_URL answers and the tables sync reads are there and readable (calcom-facts §7). */
async function checkCalcomDatabase(url: string, slug: string): Promise<[CheckStatus, string]> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 10_000,
    application_name: "takeone-cal doctor",
  });
  try {
    await client.connect();
    await client.query("BEGIN TRANSACTION READ ONLY");
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Booking" b JOIN "EventType" e ON e.id = b."eventTypeId" WHERE e.slug = $1`,
      [slug],
    );
    await client.query(`SELECT 1 FROM "Attendee" LIMIT 1`);
    await client.query(`SELECT 1 FROM users LIMIT 1`);
    return ["ok", `readable; ${rows[0]?.n ?? 0} booking(s) of event types with the slug ${slug}`];
  } catch (error) {
    return [
      "problem",
      `CALCOM_DATABASE_URL: ${messageOf(error)}. It must be Cal.com's own database, with SELECT on "Booking", "Attendee", "EventType" and users.`,
    ];
  } finally {
    await client.end().catch(() => {});
  }
}

async function probe(
  url: string,
  timeoutMs: number,
  options: { anyStatus?: boolean } = {},
): Promise<{ ok: boolean; status?: number; text: string }> {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    const ok = options.anyStatus || response.status < 400;
    return { ok, status: response.status, text: `answered ${response.status}` };
  } catch (error) {
    return { ok: false, text: `not reachable (${messageOf(error)})` };
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ? `${error.message}: ${cause.code}` : error.message;
}
