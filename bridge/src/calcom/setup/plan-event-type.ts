import type { CalcomBookingField, CalcomEventType, EventTypeInput } from "../api/index.ts";

export interface AuditionEventTypeOptions {
  /** CALCOM_EVENT_TYPE_SLUG */
  slug: string;
  /** CALCOM_APPLICATION_FIELD: the booking field that carries the application id */
  applicationField: string;
}

type BookingFieldInput = NonNullable<EventTypeInput["bookingFields"]>[number];

/**
 * The booking fields the bridge depends on. The slug is the field's name in webhook `responses`
 * and the embed's prefill key (calcom-facts §4.2, §2.3). The application id is hidden from the
 * booker and read-only when prefilled (`hidden`, `disableOnPrefill`, §4.2); the casting call title
 * and talent name are shown read-only so the caster sees whom they book.
 */
export function auditionBookingFields(options: AuditionEventTypeOptions): BookingFieldInput[] {
  return [
    {
      type: "text",
      slug: options.applicationField,
      label: "Application ID",
      required: false,
      hidden: true,
      disableOnPrefill: true,
    },
    {
      type: "text",
      slug: "castingCallTitle",
      label: "Casting call",
      required: false,
      disableOnPrefill: true,
    },
    { type: "text", slug: "talentName", label: "Talent", required: false, disableOnPrefill: true },
  ];
}

/** What a new Audition event type looks like. Title, length and location are only set at creation. */
export function auditionEventTypeInput(options: AuditionEventTypeOptions): EventTypeInput {
  return {
    title: "Audition",
    slug: options.slug,
    lengthInMinutes: 30,
    description: "An audition booked from TakeOne. The fields below are filled in by TakeOne.",
    // Cal Video is the one integration API v2 (2024-06-14) accepts as a location (IntegrationLocation_2024_06_14).
    locations: [{ type: "integration", integration: "cal-video" }],
    bookingFields: auditionBookingFields(options),
  };
}

export type EventTypePlan =
  | { action: "create"; input: EventTypeInput }
  | { action: "update"; id: number; changes: string[]; input: Partial<EventTypeInput> }
  | { action: "keep"; id: number };

/**
 * Create the event type if missing; otherwise bring only the booking fields the bridge depends on
 * to the wanted settings. Title, length and location stay as an admin set them in Cal.com.
 * The update sends the whole custom-field list (ours, plus any custom field an admin added) so
 * that a PATCH that replaces the list loses nothing; Cal.com's default fields (no slug) are its own.
 */
export function planEventType(
  current: CalcomEventType | undefined,
  options: AuditionEventTypeOptions,
): EventTypePlan {
  if (!current) return { action: "create", input: auditionEventTypeInput(options) };
  const wanted = auditionBookingFields(options);
  const existing = current.bookingFields ?? [];
  const changes = wanted.flatMap((field) =>
    describeFieldChange(
      existing.find((f) => f.slug === field.slug),
      field,
    ),
  );
  if (changes.length === 0) return { action: "keep", id: current.id };
  const wantedSlugs = new Set(wanted.map((f) => f.slug));
  const others = existing.filter(
    (f): f is CalcomBookingField & { slug: string } => !!f.slug && !wantedSlugs.has(f.slug),
  );
  return {
    action: "update",
    id: current.id,
    changes,
    input: { bookingFields: [...(others as BookingFieldInput[]), ...wanted] },
  };
}

function describeFieldChange(found: CalcomBookingField | undefined, wanted: BookingFieldInput): string[] {
  if (!found) return [`add booking field ${wanted.slug}`];
  const keys = ["type", "label", "required", "hidden", "disableOnPrefill"] as const;
  return keys
    .filter((key) => (found[key] ?? false) !== (wanted[key] ?? false))
    .map(
      (key) =>
        `booking field ${wanted.slug}: ${key} ${JSON.stringify(found[key] ?? null)} → ${JSON.stringify(wanted[key] ?? false)}`,
    );
}
