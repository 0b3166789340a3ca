import { AppError } from "../../http/app-error.ts";
import type { CalcomClient } from "../api/index.ts";
import { type AuditionEventTypeOptions, planEventType } from "./plan-event-type.ts";
import { planWebhookSubscription, type WebhookSubscriptionOptions } from "./plan-webhook-subscription.ts";

export interface SetupOptions extends AuditionEventTypeOptions, WebhookSubscriptionOptions {
  isDryRun: boolean;
  /** a line per step, for the CLI */
  onProgress?: (line: string) => void;
}

export interface SetupStep {
  target: "event type" | "webhook subscription";
  /** what was done, or with --dry-run what would be done */
  action: "create" | "update" | "keep";
  id: string | null;
  changes: string[];
  notes: string[];
}

export interface SetupReport {
  /** the embed's calLink, <username>/<slug> */
  calLink: string;
  steps: SetupStep[];
  isChanged: boolean;
  isDryRun: boolean;
}

/**
 * Ensures the Audition event type and the webhook subscription to the bridge exist as the bridge
 * needs them. Reads first, then writes only what differs: a second run changes nothing.
 */
export async function runCalcomSetup(client: CalcomClient, options: SetupOptions): Promise<SetupReport> {
  const say = options.onProgress ?? (() => {});
  const verb = (action: string) =>
    options.isDryRun ? `would ${action}` : action === "keep" ? "kept" : `${action}d`;

  say(`Checking the API key at ${client.baseUrl}…`);
  const me = await client.getMe();
  if (!me.username) {
    throw new AppError(
      "CALCOM_REJECTED",
      `The Cal.com user of CALCOM_API_KEY (${me.email}) has no username, so its event types have no public link. Set a username in Cal.com (Settings → My account) and run setup again.`,
    );
  }
  say(`  user ${me.username} (${me.email})`);

  const steps: SetupStep[] = [];
  say(`Audition event type "${options.slug}"…`);
  const eventTypes = await client.listEventTypes(me.username);
  const eventPlan = planEventType(
    eventTypes.find((e) => e.slug === options.slug),
    options,
  );
  let eventTypeId = eventPlan.action === "create" ? null : eventPlan.id;
  if (!options.isDryRun && eventPlan.action === "create")
    eventTypeId = (await client.createEventType(eventPlan.input)).id;
  if (!options.isDryRun && eventPlan.action === "update")
    await client.updateEventType(eventPlan.id, eventPlan.input);
  const eventChanges =
    eventPlan.action === "update"
      ? eventPlan.changes
      : eventPlan.action === "create"
        ? ["create with the audition booking fields"]
        : [];
  steps.push({
    target: "event type",
    action: eventPlan.action,
    id: eventTypeId === null ? null : String(eventTypeId),
    changes: eventChanges,
    notes: [],
  });
  say(
    `  ${verb(eventPlan.action)}${eventTypeId === null ? "" : ` (id ${eventTypeId})`}${listed(eventChanges)}`,
  );

  say(`Webhook subscription to ${options.subscriberUrl}…`);
  const webhookPlan = planWebhookSubscription(await client.listWebhooks(), options);
  let webhookId = webhookPlan.action === "create" ? null : webhookPlan.id;
  if (!options.isDryRun && webhookPlan.action === "create")
    webhookId = (await client.createWebhook(webhookPlan.input)).id;
  if (!options.isDryRun && webhookPlan.action === "update")
    await client.updateWebhook(webhookPlan.id, webhookPlan.input);
  const webhookChanges =
    webhookPlan.action === "update"
      ? webhookPlan.changes
      : webhookPlan.action === "create"
        ? [`create with triggers ${webhookPlan.input.triggers.join(", ")} and the secret`]
        : [];
  const notes = webhookPlan.action === "create" ? [] : webhookPlan.notes;
  steps.push({
    target: "webhook subscription",
    action: webhookPlan.action,
    id: webhookId,
    changes: webhookChanges,
    notes,
  });
  say(
    `  ${verb(webhookPlan.action)}${webhookId === null ? "" : ` (id ${webhookId})`}${listed(webhookChanges)}`,
  );
  for (const note of notes) say(`  note: ${note}`);

  return {
    calLink: `${me.username}/${options.slug}`,
    steps,
    isChanged: steps.some((s) => s.action !== "keep"),
    isDryRun: options.isDryRun,
  };
}

function listed(changes: string[]): string {
  return changes.length === 0 ? "" : `: ${changes.join("; ")}`;
}
