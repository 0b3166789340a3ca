import type { Booking } from "@takeone/calcom-bridge/contract";
import type { Viewer } from "../i18n/use-viewer.ts";
import { formatBookingTime, formatDuration } from "../time/format-booking-time.ts";
import { MeetingTypeIcon } from "../ui/icons.tsx";
import type { BookingTab } from "./booking-tabs.ts";

const joinStyle = {
  display: "inline-block",
  paddingBlock: "0.375rem",
  paddingInline: "0.75rem",
  borderRadius: "0.5rem",
  background: "#6d28d9",
  color: "#fff",
  textDecoration: "none",
} as const;

export interface BookingCardProps {
  readonly booking: Booking;
  readonly otherPartyName: string;
  readonly viewer: Viewer;
  readonly tab: BookingTab;
  readonly canReschedule: boolean;
  readonly onReschedule: () => void;
  readonly onCancel: () => void;
}

/** One audition on the bookings page: when, with whom, how, and what can be done with it. */
export function BookingCard({
  booking,
  otherPartyName,
  viewer,
  tab,
  canReschedule,
  onReschedule,
  onCancel,
}: BookingCardProps) {
  const { t } = viewer;
  const when = formatBookingTime(booking.scheduledAt, booking.duration, viewer);
  const title = booking.castingCall.title;
  const active = tab === "upcoming" && booking.status !== "cancelled" && booking.status !== "rejected";
  return (
    <article
      aria-label={`${title} — ${when.date}`}
      style={{
        border: "1px solid #e2e8f0",
        borderRadius: "0.75rem",
        paddingBlock: "1rem",
        paddingInline: "1.25rem",
        display: "grid",
        gap: "0.5rem",
      }}
    >
      <div style={{ display: "flex", alignItems: "baseline", gap: "0.75rem", flexWrap: "wrap" }}>
        <h3 style={{ margin: 0, fontSize: "1.125rem" }}>{title}</h3>
        <span
          data-status={booking.status}
          style={{
            marginInlineStart: "auto",
            fontSize: "0.8125rem",
            paddingInline: "0.5rem",
            borderRadius: "999px",
            background: "#ede9fe",
          }}
        >
          {t(`status.${booking.status}`)}
        </span>
      </div>
      <p style={{ margin: 0, color: "#475569" }}>{t("bookings.with", { name: otherPartyName })}</p>
      <p style={{ margin: 0 }}>
        <time dateTime={when.iso}>{when.date}</time>
        {t("bookings.separator")}
        <span>{when.time}</span>
      </p>
      {when.hijri && (
        <p style={{ margin: 0, color: "#475569" }}>{t("bookings.hijri", { date: when.hijri })}</p>
      )}
      <p style={{ margin: 0, display: "flex", alignItems: "center", gap: "0.375rem", flexWrap: "wrap" }}>
        <MeetingTypeIcon type={booking.meetingType} dir={viewer.dir} />
        <span>{t(`meetingType.${booking.meetingType}`)}</span>
        <span aria-hidden="true">{t("bookings.separator").trim()}</span>
        <span>{t("bookings.duration", { duration: formatDuration(booking.duration, viewer.locale) })}</span>
        {booking.location && (
          <>
            <span aria-hidden="true">{t("bookings.separator").trim()}</span>
            <span>{t("bookings.location", { location: booking.location })}</span>
          </>
        )}
      </p>
      {booking.cancellationReason && tab === "cancelled" && (
        <p style={{ margin: 0 }}>
          {t("bookings.cancellationReason", { reason: booking.cancellationReason })}
        </p>
      )}
      {active && (
        <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap", alignItems: "center" }}>
          {booking.meetingUrl && (
            <a
              href={booking.meetingUrl}
              target="_blank"
              rel="noreferrer"
              style={joinStyle}
              aria-label={t("bookings.joinLabel", { castingCallTitle: title })}
            >
              {t("bookings.join")}
            </a>
          )}
          {canReschedule && (
            <button
              type="button"
              onClick={onReschedule}
              aria-label={t("bookings.rescheduleLabel", { castingCallTitle: title })}
            >
              {t("bookings.reschedule")}
            </button>
          )}
          <button
            type="button"
            onClick={onCancel}
            aria-label={t("bookings.cancelLabel", { castingCallTitle: title })}
          >
            {t("bookings.cancel")}
          </button>
        </div>
      )}
    </article>
  );
}
