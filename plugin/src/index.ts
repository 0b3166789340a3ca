// @takeone/calcom-plugin: React components that put Cal.com scheduling inside TakeOne screens.
// ESM with `sideEffects: false`: a screen that imports only BookAudition bundles only BookAudition.

// The bridge's booking view, as every component and the client use it (not redefined here).
export type { Booking, BookingStatus, MeetingType } from "@takeone/calcom-bridge/contract";
export { ATOMS_LANGUAGES, type AtomsModule, type CalProviderLikeProps } from "./atoms/atoms-module.ts";
export { CasterAvailability } from "./atoms/caster-availability.tsx";
export { CasterEventTypes } from "./atoms/caster-event-types.tsx";
export { TakeOneCalProvider, type TakeOneCalProviderProps } from "./atoms/take-one-cal-provider.tsx";
export { AuditionBookings, type AuditionBookingsProps } from "./bookings/audition-bookings.tsx";
export { BOOKING_TABS, type BookingTab, queryOfTab } from "./bookings/booking-tabs.ts";
export {
  type BookingPage,
  type BridgeClient,
  type BridgeClientOptions,
  type BridgeError,
  type BridgeResult,
  createBridgeClient,
  type ListBookingsParams,
} from "./client/create-bridge-client.ts";
export { findBookingByCalcomUid } from "./client/find-booking-by-calcom-uid.ts";
export { BookAudition, type BookAuditionProps, type ConfirmResult } from "./embed/book-audition.tsx";
export { BookAuditionButton, type BookAuditionButtonProps } from "./embed/book-audition-button.tsx";
export {
  type AuditionApplication,
  type AuditionCaster,
  type BookingFieldNames,
  buildEmbedConfig,
  type CalLayout,
  type CalTarget,
  type CalTheme,
  calLinkOf,
  DEFAULT_BOOKING_FIELD_NAMES,
  type EmbedConfig,
  embedJsUrlOf,
} from "./embed/build-embed-config.ts";
export type { BookingCompleted } from "./embed/cal-events.ts";
export { CATALOGUES, directionOf, TAKEONE_LOCALES, type TakeOneLocale } from "./i18n/catalogues.ts";
export type { MessageKey, Messages } from "./i18n/messages-en.ts";
export { resolveLocale } from "./i18n/resolve-locale.ts";
export { TakeOneLocaleProvider, type TakeOneLocaleProviderProps } from "./i18n/take-one-locale-provider.tsx";
export { useViewer, type Viewer, type ViewerProps } from "./i18n/use-viewer.ts";
export { DEFAULT_TIME_ZONE, type ViewerSettings } from "./i18n/viewer-context.ts";
export { type FormattedTime, formatBookingTime, formatDuration } from "./time/format-booking-time.ts";
