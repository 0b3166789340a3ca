import getAppKeysFromSlug from "@calcom/app-store/_utils/getAppKeysFromSlug";
import logger from "@calcom/lib/logger";
import type { CalendarEvent } from "@calcom/types/Calendar";
import type { CredentialPayload } from "@calcom/types/Credential";
import type { Contact, ContactCreateInput, CRM, CrmEvent } from "@calcom/types/CrmService";

import appConfig from "../config.json";
import { appDataSchema, appKeysSchema } from "../zod";
import { messageIdOf, signStandardWebhook } from "./signStandardWebhook";
import { type BridgeCall, type BridgeCallType, toBridgeCall } from "./toBridgeCall";

/** The bridge's endpoint for this app (bridge/src/calcom-app/calcom-app-routes.ts). */
export const BRIDGE_EVENTS_PATH = "/api/v1/calcom-app/events";
/** Cal.com awaits CRM calls inside the booking request (EventManager): at most 2 × 3 s when the bridge is down. */
const ATTEMPT_TIMEOUT_MS = 3_000;
/** One retry on a network error or a 5xx; the call is idempotent on the bridge (keyed by uid). */
const ATTEMPTS = 2;

const log = logger.getSubLogger({ prefix: ["[takeone] CrmService"] });

/**
 * Cal.com's CRM interface (packages/types/CrmService.d.ts), pointed at the TakeOne bridge. Every
 * booking change Cal.com tells a CRM about is POSTed to the bridge, signed (Standard Webhooks),
 * and folded there by the same code as Cal.com's webhooks. Cal.com never retries a CRM call
 * (calcom-app-store-facts), so this is the fast channel; the webhook stays the durable one.
 *
 * Cal.com constructs it as `new CrmService(credential, appOptions)` (getCrm); `now` is for tests.
 */
export default class TakeOneCrmService implements CRM {
  private readonly appOptions: Record<string, unknown>;

  constructor(
    private readonly credential: CredentialPayload,
    appOptions?: unknown,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.appOptions =
      appOptions && typeof appOptions === "object" ? (appOptions as Record<string, unknown>) : {};
  }

  /** Returns the booking uid as the CRM id: Cal.com stores it and hands it back to update/delete. */
  async createEvent(event: CalendarEvent, _contacts?: Contact[]): Promise<CrmEvent> {
    const uid = event.uid;
    if (!uid) throw new Error("TakeOne: Cal.com passed a booking without a uid");
    await this.send("booking.created", event, null);
    return { id: uid };
  }

  /** `uid` is the reference createEvent returned; `event` is the booking as it is now (a new uid after a reschedule). */
  async updateEvent(uid: string, event: CalendarEvent): Promise<CrmEvent> {
    await this.send("booking.updated", event, uid);
    return { id: uid };
  }

  /**
   * Older Cal.com versions call deleteEvent(uid) without the event: then there is no time to send
   * and the cancel is left to the webhook (docs/calcom-app.md).
   */
  async deleteEvent(uid: string, event?: CalendarEvent): Promise<void> {
    if (!event) {
      log.warn("deleteEvent without the event: left to Cal.com's webhook", { uid });
      return;
    }
    await this.send("booking.deleted", event, uid);
  }

  /**
   * One contact per attendee, always: CrmManager skips createEvent when fewer contacts come back
   * than there are attendees and contact creation is off. TakeOne's people live in TakeOne.
   */
  async getContacts(
    input:
      | string
      | string[]
      | { emails: string | string[]; includeOwner?: boolean; forRoundRobinSkip?: boolean },
  ): Promise<Contact[]> {
    const raw = typeof input === "object" && !Array.isArray(input) ? input.emails : input;
    const emails = Array.isArray(raw) ? raw : [raw];
    return emails.map((email) => ({ id: email, email }));
  }

  async createContacts(contactsToCreate: ContactCreateInput[]): Promise<Contact[]> {
    return contactsToCreate.map(({ email }) => ({ id: email, email }));
  }

  getAppOptions(): Record<string, unknown> {
    return this.appOptions;
  }

  private async send(type: BridgeCallType, event: CalendarEvent, referenceUid: string | null): Promise<void> {
    const keys = appKeysSchema.parse(await getAppKeysFromSlug(appConfig.slug));
    const appData = appDataSchema.safeParse(this.appOptions);
    const call: BridgeCall = toBridgeCall({
      type,
      event,
      referenceUid,
      applicationIdField: appData.success ? appData.data.applicationIdField : undefined,
      now: this.now(),
    });
    const body = JSON.stringify(call);
    const id = messageIdOf([
      type,
      call.event.uid ?? referenceUid ?? "",
      call.event.startTime,
      call.event.endTime,
    ]);
    const url = new URL(BRIDGE_EVENTS_PATH, keys.bridgeUrl);

    let lastError: unknown;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...signStandardWebhook(keys.signingSecret, id, new Date(), body),
          },
          body,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        if (response.ok) return;
        const text = await response.text();
        lastError = new Error(`TakeOne bridge answered ${response.status}: ${text.slice(0, 300)}`);
        if (response.status < 500) break; // refused: the same request would be refused again
      } catch (error) {
        lastError = error;
      }
    }
    log.error("TakeOne bridge call failed", {
      type,
      uid: call.event.uid,
      credentialId: this.credential.id,
      error: lastError instanceof Error ? lastError.message : String(lastError),
    });
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
}
