import type { Booking } from "@takeone/calcom-bridge/contract";
import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import type { BridgeClient, BridgeError } from "../client/create-bridge-client.ts";
import { BookAudition, type BookAuditionProps } from "../embed/book-audition.tsx";
import type { CalTarget } from "../embed/build-embed-config.ts";
import { useViewer, type ViewerProps } from "../i18n/use-viewer.ts";
import { ModalDialog } from "../ui/modal-dialog.tsx";
import { BookingCard } from "./booking-card.tsx";
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
  /** Bookings per request; "Show more" fetches the next page. Default 20. */
  readonly pageSize?: number;
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
  const pageSize = props.pageSize ?? 20;
  const baseId = useId();
  const [tab, setTab] = useState<BookingTab>(props.initialTab ?? "upcoming");
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [rescheduling, setRescheduling] = useState<Booking | null>(null);
  // Bumped to load the tab again (after a cancel, a reschedule, a Try again).
  const [reloads, setReloads] = useState(0);
  const tabRefs = useRef<Record<BookingTab, HTMLButtonElement | null>>({
    upcoming: null,
    past: null,
    cancelled: null,
  });
  const nowRef = useRef(props.now ?? (() => new Date()));

  // biome-ignore lint/correctness/useExhaustiveDependencies: bumping `reloads` is how the page asks for a fresh list
  useEffect(() => {
    let current = true;
    setList({ kind: "loading" });
    client.listBookings({ ...queryOfTab(tab, nowRef.current()), limit: pageSize }).then((result) => {
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
  }, [client, tab, reloads, pageSize]);

  const loadMore = useCallback(async () => {
    if (list.kind !== "loaded" || !list.nextCursor) return;
    setList({ ...list, loadingMore: true });
    const result = await client.listBookings({
      ...queryOfTab(tab, nowRef.current()),
      limit: pageSize,
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
  }, [client, list, tab, pageSize]);

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
