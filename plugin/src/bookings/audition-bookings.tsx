import type { Booking } from "@takeone/calcom-bridge/contract";
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import type { BridgeClient, BridgeError } from "../client/create-bridge-client.ts";
import { BookAudition, type BookAuditionProps } from "../embed/book-audition.tsx";
import type { CalTarget } from "../embed/build-embed-config.ts";
import { useViewer, type Viewer, type ViewerProps } from "../i18n/locale-context.tsx";
import { formatBookingTime, formatDuration } from "../time/format-booking-time.ts";
import { MeetingTypeIcon } from "../ui/icons.tsx";
import { ModalDialog } from "../ui/modal-dialog.tsx";
import { BOOKING_TABS, type BookingTab, queryOfTab } from "./booking-tabs.ts";
import { CancelBookingDialog } from "./cancel-booking-dialog.tsx";
import { errorText } from "./error-text.ts";

export interface AuditionBookingsProps extends ViewerProps {
  readonly client: BridgeClient;
  /** The viewer's TakeOne user id: "With …" names the other side of each booking. */
  readonly viewerUserId?: string;
  /** Where Cal.com is, for Reschedule (the embed in reschedule mode). Without it there is no Reschedule. */
  readonly cal?: CalTarget;
  /** Passed to the reschedule embed (e.g. findBookingByCalcomUid against the bridge). */
  readonly confirmBooking?: BookAuditionProps["confirmBooking"];
  readonly initialTab?: BookingTab;
  /** Now, for the past tab's bound and tests. */
  readonly now?: () => Date;
}

type ListState =
  | { kind: "loading" }
  | { kind: "error"; error: BridgeError }
  | { kind: "loaded"; bookings: Booking[]; nextCursor: string | null; loadingMore: boolean };

/** The bookings page: upcoming, past and cancelled auditions with join, reschedule and cancel. */
export function AuditionBookings(props: AuditionBookingsProps) {
  const viewer = useViewer(props);
  const { t } = viewer;
  const { client } = props;
  const baseId = useId();
  const [tab, setTab] = useState<BookingTab>(props.initialTab ?? "upcoming");
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [rescheduling, setRescheduling] = useState<Booking | null>(null);
  const [reloads, setReloads] = useState(0);
  const tabRefs = useRef<Record<BookingTab, HTMLButtonElement | null>>({
    upcoming: null,
    past: null,
    cancelled: null,
  });
  const nowRef = useRef(props.now ?? (() => new Date()));

  useEffect(() => {
    let current = true;
    setList({ kind: "loading" });
    void reloads;
    client.listBookings(queryOfTab(tab, nowRef.current())).then((result) => {
      if (!current) return;
      setList(
        result.ok
          ? {
              kind: "loaded",
              bookings: result.value.bookings,
              nextCursor: result.value.nextCursor,
              loadingMore: false,
            }
          : { kind: "error", error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [client, tab, reloads]);

  const loadMore = useCallback(async () => {
    if (list.kind !== "loaded" || !list.nextCursor) return;
    setList({ ...list, loadingMore: true });
    const result = await client.listBookings({
      ...queryOfTab(tab, nowRef.current()),
      cursor: list.nextCursor,
    });
    setList(
      result.ok
        ? {
            kind: "loaded",
            bookings: [...list.bookings, ...result.value.bookings],
            nextCursor: result.value.nextCursor,
            loadingMore: false,
          }
        : { kind: "error", error: result.error },
    );
  }, [client, list, tab]);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); "next" is leftwards in right-to-left text.
  const onTabKey = (event: KeyboardEvent) => {
    const forward = viewer.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
    const backward = viewer.dir === "rtl" ? "ArrowRight" : "ArrowLeft";
    const index = BOOKING_TABS.indexOf(tab);
    let next: BookingTab | undefined;
    if (event.key === forward) next = BOOKING_TABS[(index + 1) % BOOKING_TABS.length];
    else if (event.key === backward)
      next = BOOKING_TABS[(index + BOOKING_TABS.length - 1) % BOOKING_TABS.length];
    else if (event.key === "Home") next = BOOKING_TABS[0];
    else if (event.key === "End") next = BOOKING_TABS[BOOKING_TABS.length - 1];
    if (!next) return;
    event.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  const otherParty = (booking: Booking) =>
    props.viewerUserId && props.viewerUserId === booking.talentUserId ? booking.caster : booking.talent;

  return (
    <section
      dir={viewer.dir}
      lang={viewer.locale}
      aria-labelledby={`${baseId}-title`}
      style={{ display: "grid", gap: "1rem" }}
    >
      <h1 id={`${baseId}-title`} style={{ margin: 0, fontSize: "1.75rem" }}>
        {t("bookings.title")}
      </h1>
      <div
        role="tablist"
        aria-label={t("bookings.tabsLabel")}
        style={{ display: "flex", gap: "0.25rem", borderBlockEnd: "1px solid #cbd5e1" }}
      >
        {BOOKING_TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={onTabKey}
            style={{
              paddingBlock: "0.5rem",
              paddingInline: "0.875rem",
              border: "none",
              background: "none",
              borderBlockEnd: tab === name ? "3px solid #7c3aed" : "3px solid transparent",
              fontWeight: tab === name ? 700 : 400,
              cursor: "pointer",
            }}
          >
            {t(`bookings.tab.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        aria-busy={list.kind === "loading"}
      >
        {list.kind === "loading" && <p role="status">{t("bookings.loading")}</p>}
        {list.kind === "error" && (
          <div role="alert">
            <p style={{ marginBlock: "0 0.5rem" }}>
              {t("bookings.loadFailed")} {errorText(t, list.error)}
            </p>
            <button type="button" onClick={() => setReloads((n) => n + 1)}>
              {t("bookings.retry")}
            </button>
          </div>
        )}
        {list.kind === "loaded" && list.bookings.length === 0 && <p>{t(`bookings.empty.${tab}`)}</p>}
        {list.kind === "loaded" && list.bookings.length > 0 && (
          <ul style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "0.75rem" }}>
            {list.bookings.map((booking) => (
              <li key={booking.id}>
                <BookingCard
                  booking={booking}
                  otherPartyName={otherParty(booking).name}
                  viewer={viewer}
                  tab={tab}
                  canReschedule={Boolean(props.cal && booking.calcomBookingUid)}
                  onReschedule={() => setRescheduling(booking)}
                  onCancel={() => setCancelling(booking)}
                />
              </li>
            ))}
          </ul>
        )}
        {list.kind === "loaded" && list.nextCursor && (
          <button
            type="button"
            onClick={loadMore}
            disabled={list.loadingMore}
            style={{ marginBlockStart: "0.75rem" }}
          >
            {t("bookings.loadMore")}
          </button>
        )}
      </div>
      {cancelling && (
        <CancelBookingDialog
          booking={cancelling}
          otherPartyName={otherParty(cancelling).name}
          client={client}
          viewer={viewer}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            setReloads((n) => n + 1);
          }}
        />
      )}
      {rescheduling && props.cal && rescheduling.calcomBookingUid && (
        <ModalDialog
          title={t("reschedule.title", { castingCallTitle: rescheduling.castingCall.title })}
          description={t("reschedule.description")}
          closeLabel={t("dialog.close")}
          onClose={() => {
            setRescheduling(null);
            setReloads((n) => n + 1);
          }}
          dir={viewer.dir}
          lang={viewer.locale}
          wide
        >
          <BookAudition
            {...props.cal}
            rescheduleUid={rescheduling.calcomBookingUid}
            application={{
              id: rescheduling.applicationId,
              castingCallTitle: rescheduling.castingCall.title,
              talent: { name: rescheduling.talent.name, email: rescheduling.talent.email },
            }}
            caster={{ name: rescheduling.caster.name, email: rescheduling.caster.email }}
            locale={viewer.locale}
            timeZone={viewer.timeZone}
            {...(props.confirmBooking ? { confirmBooking: props.confirmBooking } : {})}
          />
        </ModalDialog>
      )}
    </section>
  );
}

const joinStyle = {
  display: "inline-block",
  paddingBlock: "0.375rem",
  paddingInline: "0.75rem",
  borderRadius: "0.5rem",
  background: "#6d28d9",
  color: "#fff",
  textDecoration: "none",
} as const;

interface BookingCardProps {
  readonly booking: Booking;
  readonly otherPartyName: string;
  readonly viewer: Viewer;
  readonly tab: BookingTab;
  readonly canReschedule: boolean;
  readonly onReschedule: () => void;
  readonly onCancel: () => void;
}

function BookingCard({
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
