// Stand-in for @calcom/types/CrmService (packages/types/CrmService.d.ts, the version with deleteEvent(uid, event)).
import type { CalEventResponses, CalendarEvent } from "./Calendar";

export interface ContactCreateInput {
  email: string;
  name: string;
  phone?: string | null;
}

export interface Contact {
  id: string;
  email: string;
  ownerId?: string;
  ownerEmail?: string;
  recordType?: string;
}

export interface CrmEvent {
  id: string;
  uid?: string;
  type?: string;
  password?: string;
  url?: string;
  additionalInfo?: unknown;
}

export interface CRM {
  createEvent: (event: CalendarEvent, contacts: Contact[]) => Promise<CrmEvent | undefined>;
  updateEvent: (uid: string, event: CalendarEvent) => Promise<CrmEvent>;
  deleteEvent: (uid: string, event: CalendarEvent) => Promise<void>;
  getContacts: (params: {
    emails: string | string[];
    includeOwner?: boolean;
    forRoundRobinSkip?: boolean;
  }) => Promise<Contact[]>;
  createContacts: (
    contactsToCreate: ContactCreateInput[],
    organizerEmail?: string,
    calEventResponses?: CalEventResponses | null,
  ) => Promise<Contact[]>;
  getAppOptions: () => unknown;
  handleAttendeeNoShow?: (
    bookingUid: string,
    attendees: { email: string; noShow: boolean }[],
  ) => Promise<void>;
}
