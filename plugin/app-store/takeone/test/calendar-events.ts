import type { CalendarEvent, Person } from "@calcom/types/Calendar";
import type { CredentialPayload } from "@calcom/types/Credential";
import type {
  CalcomBookingSpec,
  CalcomPerson,
} from "../../../../bridge/src/webhooks/build-calcom-webhook.ts";

/**
 * The CalendarEvent Cal.com hands a CRM app for a booking (packages/types/Calendar.d.ts; built by
 * buildCalendarEvent / handleNewBooking), for the same booking spec the bridge's webhook fixtures
 * use — so a test can send one booking down both channels. Times as Cal.com formats them on the
 * booking path (dayjs `.utc().format()`: no milliseconds, `Z`), people with Cal.com's translate
 * function, the application id in a hidden booking field, a Cal Video meeting.
 */
export function calendarEventOf(spec: CalcomBookingSpec, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  const end = new Date(spec.startTime.getTime() + spec.durationMinutes * 60_000);
  const videoCallUrl = `https://cal.takeone.example/video/${spec.uid}`;
  const field = spec.applicationField ?? "applicationId";
  return {
    type: "audition",
    title: `Audition between ${spec.organizer.name} and ${spec.attendee.name}`,
    startTime: dayjsUtcFormat(spec.startTime),
    endTime: dayjsUtcFormat(end),
    organizer: personOf(spec.organizer),
    attendees: [personOf(spec.attendee)],
    length: spec.durationMinutes,
    location: videoCallUrl,
    uid: spec.uid,
    bookingId: spec.bookingId,
    eventTypeId: 42,
    videoCallData: { type: "daily_video", id: spec.uid, password: "", url: videoCallUrl },
    responses: {
      name: { label: "your_name", value: spec.attendee.name, isHidden: false },
      email: { label: "email_address", value: spec.attendee.email, isHidden: false },
      location: {
        label: "location",
        value: { value: "integrations:daily", optionValue: "" },
        isHidden: false,
      },
      ...(spec.applicationId === null
        ? {}
        : { [field]: { label: "Application ID", value: spec.applicationId, isHidden: true } }),
    },
    ...extra,
  };
}

/** The credential row getCrm passes (what api/add.ts created). */
export const TAKEONE_CREDENTIAL: CredentialPayload = {
  id: 11,
  type: "takeone_crm",
  key: { installed: true },
  userId: 1,
  teamId: null,
  appId: "takeone",
  invalid: false,
};

function personOf(person: CalcomPerson): Person {
  return {
    name: person.name,
    email: person.email,
    timeZone: person.timeZone,
    language: { translate: (key: string) => key, locale: "en" },
  };
}

function dayjsUtcFormat(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
