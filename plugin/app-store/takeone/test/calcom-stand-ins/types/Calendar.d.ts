// Stand-in for @calcom/types/Calendar (packages/types/Calendar.d.ts): the CalendarEvent fields the app reads.
export type Person = {
  name: string;
  email: string;
  timeZone: string;
  language: { translate: (key: string) => string; locale: string };
  username?: string;
  id?: number;
  bookingId?: number | null;
  locale?: string | null;
  timeFormat?: string;
  phoneNumber?: string | null;
};

export type VideoCallData = { type: string; id: string; password: string; url: string };

export type CalEventResponses = Record<string, { label: string; value: unknown; isHidden?: boolean }>;

export interface CalendarEvent {
  bookerUrl?: string;
  type: string;
  title: string;
  startTime: string;
  endTime: string;
  organizer: Person;
  attendees: Person[];
  length?: number | null;
  additionalNotes?: string | null;
  description?: string | null;
  location?: string | null;
  uid?: string | null;
  bookingId?: number;
  videoCallData?: VideoCallData;
  requiresConfirmation?: boolean | null;
  cancellationReason?: string | null;
  rejectionReason?: string | null;
  eventTypeId?: number | null;
  iCalUID?: string | null;
  iCalSequence?: number | null;
  responses?: CalEventResponses | null;
  userFieldsResponses?: CalEventResponses | null;
  rescheduledBy?: string;
  hasOrganizerChanged?: boolean;
}
