// The embed events BookAudition listens to, read defensively: they come from a page in an iframe
// (calcom-facts 2.5, 2.6: any frame may post them; the parent does not check the origin), so they
// are hints for the UI only. The bridge, fed by signed webhooks, is the source of truth.

/** What the caller learns when Cal.com reports a booking. */
export interface BookingCompleted {
  /** Cal.com's booking uid (the new one after a reschedule) */
  readonly uid: string;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly rescheduled: boolean;
}

type CalNamespaceApi = (instruction: string, argument?: unknown) => void;
interface CalGlobal {
  ns?: Record<string, CalNamespaceApi | undefined>;
}

/** The window event embed.js fires for an action: `CAL:<namespace>:<action>` (SdkActionManager). */
export function calEventName(namespace: string, action: string): string {
  return `CAL:${namespace}:${action}`;
}

/** The namespace's command function once `<Cal>` has initialised it, else undefined. */
export function calNamespace(namespace: string): CalNamespaceApi | undefined {
  return (window as unknown as { Cal?: CalGlobal }).Cal?.ns?.[namespace];
}

function dataOf(event: Event): Record<string, unknown> {
  const detail = (event as CustomEvent<unknown>).detail;
  if (typeof detail !== "object" || detail === null) return {};
  const data = (detail as { data?: unknown }).data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** `bookingSuccessfulV2` / `rescheduleBookingSuccessfulV2` data → BookingCompleted; null without a uid. */
export function readBookingCompleted(event: Event, rescheduled: boolean): BookingCompleted | null {
  const data = dataOf(event);
  const uid = text(data.uid);
  if (!uid) return null;
  return { uid, startTime: text(data.startTime), endTime: text(data.endTime), rescheduled };
}

/** `linkFailed` data: `{ code, msg, data: { url } }`. */
export function readLinkFailed(event: Event): { code: string; message: string } {
  const data = dataOf(event);
  return { code: text(data.code) ?? String(data.code ?? "?"), message: text(data.msg) ?? "" };
}
