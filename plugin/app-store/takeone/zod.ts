import { eventTypeAppCardZod } from "@calcom/app-store/eventTypeAppCardZod";
import { z } from "zod";

/** The booking field TakeOne's embed fills (`applicationId`), unless the event type names another. */
export const DEFAULT_APPLICATION_ID_FIELD = "applicationId";

/**
 * Per event type (eventType.metadata.apps.takeone): the shared `enabled` toggle, plus the name of
 * the booking field that carries the TakeOne application id. Cal.com's CalendarEvent carries no
 * booking metadata (calcom-app-store-facts), so a booking field is the only way the id reaches a
 * CRM app: add a hidden booking question with this name.
 */
export const appDataSchema = eventTypeAppCardZod.extend({
  applicationIdField: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, - and _ (a booking field's name)")
    .optional(),
});

/**
 * Instance-wide keys (App.keys), entered by an admin in Settings → Admin → Apps → TakeOne.
 * CONTRIBUTING says apps add no environment variables: keys live here.
 */
export const appKeysSchema = z.object({
  /** the bridge's origin, e.g. https://bridge.takeone.example (the app POSTs to /api/v1/calcom-app/events) */
  bridgeUrl: z.string().url(),
  /** the bridge's CALCOM_APP_SECRET: a Standard Webhooks secret, whsec_ + base64 */
  signingSecret: z.string().startsWith("whsec_").min(30),
});
