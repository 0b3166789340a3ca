// @takeone/calcom-plugin: React components that put Cal.com scheduling inside TakeOne screens.
// The components (BookAudition, BookAuditionButton, AuditionBookings, the bridge client and the
// atoms wrappers) are built under issue 6; until then the package exports nothing.
export {};
