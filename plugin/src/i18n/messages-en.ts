// The English message catalogue. Its keys are the plugin's message keys: every other catalogue is
// typed `Messages`, so a key missing there (or one added there only) fails the type check.
// Placeholders are `{name}`; numbers, dates and times are formatted with Intl before they go in.
export const en = {
  "bookAudition.regionLabel": "Audition booking calendar for {talentName}",
  "bookAudition.rescheduleRegionLabel": "Calendar to reschedule the audition for {castingCallTitle}",
  "bookAudition.loading": "Loading the Cal.com booking calendar…",
  "bookAudition.unreachableTitle": "Cal.com not reachable at {origin}",
  "bookAudition.unreachableBody":
    "The booking calendar did not load. Check that Cal.com is running at this address and that this page may reach it.",
  "bookAudition.linkFailedTitle": "Cal.com could not open {calLink}",
  "bookAudition.linkFailedBody":
    "Cal.com answered with an error ({code}). Check that the Audition event type exists and is public.",
  "bookAudition.retry": "Try again",
  "bookAudition.confirming": "Booked in Cal.com. Confirming with TakeOne…",
  "bookAudition.confirmed": "Audition booked: {date}, {time}.",
  "bookAudition.rescheduled": "Audition moved to {date}, {time}.",
  "bookAudition.confirmDelayed":
    "Cal.com has the booking, but TakeOne has not heard about it yet. It will appear in your bookings as soon as it does.",
  "bookAudition.received": "Cal.com has the booking. It will appear in your bookings shortly.",

  "bookAuditionButton.label": "Book audition",
  "bookAuditionButton.accessibleLabel": "Book an audition with {talentName}",
  "bookAuditionButton.dialogTitle": "Book an audition: {castingCallTitle}",
  "bookAuditionButton.dialogDescription": "With {talentName}. Choose a time in the calendar.",

  "dialog.close": "Close",

  "bookings.title": "My auditions",
  "bookings.tabsLabel": "Auditions by time",
  "bookings.tab.upcoming": "Upcoming",
  "bookings.tab.past": "Past",
  "bookings.tab.cancelled": "Cancelled",
  "bookings.loading": "Loading auditions…",
  "bookings.loadFailed": "The auditions could not be loaded.",
  "bookings.retry": "Try again",
  "bookings.empty.upcoming": "No upcoming auditions.",
  "bookings.empty.past": "No past auditions.",
  "bookings.empty.cancelled": "No cancelled auditions.",
  "bookings.loadMore": "Show more",
  "bookings.with": "With {name}",
  "bookings.join": "Join meeting",
  "bookings.joinLabel": "Join the meeting for {castingCallTitle} (opens in a new tab)",
  "bookings.reschedule": "Reschedule",
  "bookings.rescheduleLabel": "Reschedule the audition for {castingCallTitle}",
  "bookings.cancel": "Cancel",
  "bookings.cancelLabel": "Cancel the audition for {castingCallTitle}",
  "bookings.cancellationReason": "Reason: {reason}",
  "bookings.hijri": "Hijri: {date}",
  "bookings.duration": "Duration: {duration}",
  "bookings.location": "Where: {location}",
  // Between date and time, and between details. A middle dot reads as the digit zero (٠) in Arabic.
  "bookings.separator": " · ",

  "meetingType.video": "Video call",
  "meetingType.phone": "Phone call",
  "meetingType.in-person": "In person",

  "status.pending": "Awaiting confirmation",
  "status.scheduled": "Scheduled",
  "status.confirmed": "Confirmed",
  "status.cancelled": "Cancelled",
  "status.rejected": "Declined",
  "status.completed": "Completed",
  "status.no-show": "No-show",

  "cancel.title": "Cancel the audition",
  "cancel.description": "{castingCallTitle} with {name}, {date}, {time}. Both sides are told.",
  "cancel.reasonLabel": "Reason for cancelling",
  "cancel.reasonHint": "The other side sees this reason.",
  "cancel.reasonRequired": "Give a reason.",
  "cancel.submit": "Cancel audition",
  "cancel.keep": "Keep audition",
  "cancel.submitting": "Cancelling…",
  "cancel.failed": "The audition was not cancelled. {reason}",

  "reschedule.title": "Reschedule: {castingCallTitle}",
  "reschedule.description": "Choose a new time. The current time stays booked until you confirm a new one.",

  "error.NETWORK_ERROR": "TakeOne could not be reached. Check your connection.",
  "error.INVALID_RESPONSE": "TakeOne answered in a way this page does not understand.",
  "error.UNAUTHENTICATED": "Your session has ended. Sign in again.",
  "error.FORBIDDEN": "You are not allowed to do this.",
  "error.NOT_FOUND": "This audition no longer exists.",
  "error.VALIDATION_FAILED": "Some details are not valid.",
  "error.CONFLICT": "This audition was changed elsewhere. Reload and try again.",
  "error.UPSTREAM_FAILED": "Cal.com did not answer. Try again in a moment.",
  // The bridge API's codes (docs/api.md on the api branch, "Errors").
  "error.INVALID_TRANSITION":
    "This audition can no longer be changed this way. Reload to see where it stands.",
  "error.BOOKING_EXISTS": "This application already has an audition.",
  "error.SCHEDULED_IN_PAST": "That time has already passed.",
  "error.UNPROCESSABLE": "Make one change at a time.",
  "error.generic": "Something went wrong. Try again.",

  "atoms.connecting": "Connecting to Cal.com…",
  "atoms.unavailable": "Cal.com scheduling settings are not available. {reason}",
  "atoms.availabilityLabel": "Your availability in Cal.com",
  "atoms.eventTypesLabel": "Your Cal.com event types",
} as const;

/** Every message key of the plugin. */
export type MessageKey = keyof typeof en;

/** The shape every catalogue has: one text for each key, no more, no fewer. */
export type Messages = { readonly [K in MessageKey]: string };
