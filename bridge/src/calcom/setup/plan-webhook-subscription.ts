import type { CalcomWebhookSubscription, WebhookInput } from "../api/index.ts";

/**
 * Triggers the bridge acts on (observe-calcom-webhook.ts). BOOKING_LOCATION_UPDATED is left out:
 * it is newer than the trigger enum of the Cal.com versions read (calcom-facts §1.5, §1.10), and an
 * unknown value would make the whole request fail; add it in Cal.com's UI where it exists.
 */
export const BRIDGE_TRIGGERS = [
  "BOOKING_REQUESTED",
  "BOOKING_CREATED",
  "BOOKING_RESCHEDULED",
  "BOOKING_CANCELLED",
  "BOOKING_REJECTED",
  "BOOKING_NO_SHOW_UPDATED",
  "MEETING_ENDED",
] as const;

export interface WebhookSubscriptionOptions {
  subscriberUrl: string;
  /** the secret Cal.com signs with: the first of CALCOM_WEBHOOK_SECRET */
  secret: string;
  /** write the secret even when Cal.com does not show the stored one */
  isSecretForced?: boolean;
}

export type WebhookPlan =
  | { action: "create"; input: WebhookInput }
  | { action: "update"; id: string; changes: string[]; input: Partial<WebhookInput>; notes: string[] }
  | { action: "keep"; id: string; notes: string[] };

/**
 * One active subscription to the bridge's URL with at least the bridge's triggers (an admin's extra
 * triggers are kept) and the configured secret. Cal.com shows the stored secret only in newer
 * versions (WebhookOutputDto `secret?`, calcom-facts §4.3); when it is hidden, setup cannot tell
 * whether it matches and says so, unless told to write it anyway.
 */
export function planWebhookSubscription(
  subscriptions: CalcomWebhookSubscription[],
  options: WebhookSubscriptionOptions,
): WebhookPlan {
  const current = subscriptions.find((s) => sameUrl(s.subscriberUrl, options.subscriberUrl));
  if (!current) {
    return {
      action: "create",
      input: {
        subscriberUrl: options.subscriberUrl,
        active: true,
        triggers: [...BRIDGE_TRIGGERS],
        secret: options.secret,
      },
    };
  }
  const changes: string[] = [];
  const notes: string[] = [];
  const input: Partial<WebhookInput> = {};
  if (!current.active) {
    changes.push("activate");
    input.active = true;
  }
  const missing = BRIDGE_TRIGGERS.filter((t) => !current.triggers.includes(t));
  if (missing.length > 0) {
    changes.push(`add triggers ${missing.join(", ")}`);
    input.triggers = [...current.triggers, ...missing];
  }
  const isSecretShown = typeof current.secret === "string";
  if (isSecretShown ? current.secret !== options.secret : options.isSecretForced) {
    changes.push(isSecretShown ? "set the secret (it differed)" : "set the secret (--force-secret)");
    input.secret = options.secret;
  } else if (!isSecretShown) {
    notes.push("this Cal.com does not show the stored secret; run with --force-secret to write it");
  }
  return changes.length > 0
    ? { action: "update", id: current.id, changes, input, notes }
    : { action: "keep", id: current.id, notes };
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}
