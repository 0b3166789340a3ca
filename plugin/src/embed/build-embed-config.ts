// What BookAudition hands to Cal.com's embed. Kept pure so tests can check it exactly.
// Facts: calcom-facts.md 2.1 (embedJsUrl default), 2.3 (prefill keys, metadata[…]), 2.4 (React props).

/** Where the self-hosted Cal.com is and which event type to open. */
export interface CalTarget {
  /** Public origin of TakeOne's Cal.com, e.g. "https://cal.takeone.example" (the bridge's CALCOM_URL). */
  readonly calOrigin: string;
  /**
   * Where the embed script is served. Default `${calOrigin}/embed/embed.js`: the npm build of
   * @calcom/embed-react otherwise loads https://app.cal.com/embed/embed.js (calcom-facts 2.1).
   */
  readonly embedJsUrl?: string;
  /** The Audition event type's link on that origin, e.g. "takeone/audition". */
  readonly calLink: string;
}

/** The application being scheduled, as the applications page knows it. */
export interface AuditionApplication {
  readonly id: string;
  readonly castingCallTitle: string;
  readonly talent: { readonly name: string; readonly email: string };
}

/** The booker: the caster of the casting call. */
export interface AuditionCaster {
  readonly name: string;
  readonly email: string;
}

/**
 * Names of the Audition event type's booking questions (the seed's step 1: "Application ID",
 * "Casting Call Title", "Talent Name"). `applicationId` must match the bridge's CALCOM_APPLICATION_FIELD.
 */
export interface BookingFieldNames {
  readonly applicationId: string;
  readonly castingCallTitle: string;
  readonly talentName: string;
}

export const DEFAULT_BOOKING_FIELD_NAMES: BookingFieldNames = {
  applicationId: "applicationId",
  castingCallTitle: "castingCallTitle",
  talentName: "talentName",
};

export type CalTheme = "light" | "dark" | "auto";
export type CalLayout = "month_view" | "week_view" | "column_view";

export interface EmbedConfigInput {
  readonly application: AuditionApplication;
  readonly caster: AuditionCaster;
  readonly bookingFieldNames?: BookingFieldNames;
  readonly theme?: CalTheme;
  readonly layout?: CalLayout;
}

/** The `config` of `Cal("inline", …)`: every value becomes a query parameter of the booking page. */
export type EmbedConfig = Record<string, string | string[]>;

/**
 * Prefill and metadata for the booking page. `metadata[applicationId]` is the carrier the bridge reads
 * first (stored in Booking.metadata, sent in webhooks, hidden on the page); the booking field is the
 * fallback the bridge reads when metadata is absent (ARCHITECTURE.md "Webhook semantics").
 */
export function buildEmbedConfig(input: EmbedConfigInput): EmbedConfig {
  const fields = input.bookingFieldNames ?? DEFAULT_BOOKING_FIELD_NAMES;
  const config: EmbedConfig = {
    name: input.caster.name,
    email: input.caster.email,
    guests: [input.application.talent.email],
    "metadata[applicationId]": input.application.id,
    [fields.applicationId]: input.application.id,
    [fields.castingCallTitle]: input.application.castingCallTitle,
    [fields.talentName]: input.application.talent.name,
    theme: input.theme ?? "light",
    layout: input.layout ?? "month_view",
  };
  return config;
}

/** The embed script URL: the caller's, else the one the self-hosted origin serves. */
export function embedJsUrlOf(target: CalTarget): string {
  return target.embedJsUrl ?? `${target.calOrigin.replace(/\/+$/, "")}/embed/embed.js`;
}

/**
 * The Cal link to open. Rescheduling opens Cal.com's own reschedule page for the booking uid
 * (`/reschedule/[uid]/embed` exists in apps/web/app of calcom/cal.com), which keeps the event type,
 * the attendees and the booking's answers.
 */
export function calLinkOf(target: CalTarget, rescheduleUid?: string): string {
  return rescheduleUid
    ? `reschedule/${encodeURIComponent(rescheduleUid)}`
    : target.calLink.replace(/^\/+/, "");
}
