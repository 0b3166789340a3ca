import CalModule from "@calcom/embed-react";
import { type CSSProperties, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useViewer, type ViewerProps } from "../i18n/use-viewer.ts";
import { formatBookingTime } from "../time/format-booking-time.ts";
import {
  type AuditionApplication,
  type AuditionCaster,
  type BookingFieldNames,
  buildEmbedConfig,
  type CalLayout,
  type CalTarget,
  type CalTheme,
  calLinkOf,
  embedJsUrlOf,
} from "./build-embed-config.ts";
import {
  type BookingCompleted,
  calEventName,
  calNamespace,
  readBookingCompleted,
  readLinkFailed,
} from "./cal-events.ts";

/** How the caller's own check of a Cal.com booking ended (e.g. the bridge has stored it). */
export type ConfirmResult = "confirmed" | "not-yet";

export interface BookAuditionProps extends CalTarget, ViewerProps {
  readonly application: AuditionApplication;
  readonly caster: AuditionCaster;
  /** Reschedule mode: the Cal.com uid of the booking to move (AuditionBooking.calcomBookingUid). */
  readonly rescheduleUid?: string;
  readonly theme?: CalTheme;
  /** Brand colour of the booking page, e.g. "#7c3aed" (Cal's `cssVarsPerTheme` `cal-brand`). */
  readonly brandColor?: string;
  readonly layout?: CalLayout;
  readonly bookingFieldNames?: BookingFieldNames;
  /** Embed namespace; default a fresh one per mounted component, so listeners never leak. */
  readonly namespace?: string;
  /** How long to wait for Cal.com's `linkReady` before showing "not reachable". Default 20 s. */
  readonly loadTimeoutMs?: number;
  /** Called once per Cal.com booking (new or rescheduled) with its uid and times: a hint, not proof. */
  readonly onBookingComplete?: (booking: BookingCompleted) => void;
  /**
   * Asked after a booking event whether TakeOne has it (e.g. poll the bridge for the uid). Until it
   * answers the component shows "confirming…". Without it the component says Cal.com has the booking.
   */
  readonly confirmBooking?: (booking: BookingCompleted) => Promise<ConfirmResult>;
  readonly style?: CSSProperties;
}

type EmbedState =
  | { kind: "loading" }
  | { kind: "ready" }
  | { kind: "unreachable" }
  | { kind: "link-failed"; code: string }
  | { kind: "confirming"; booking: BookingCompleted }
  | { kind: "confirmed"; booking: BookingCompleted }
  | { kind: "not-yet"; booking: BookingCompleted }
  | { kind: "received"; booking: BookingCompleted };

// TypeScript (NodeNext) reads @calcom/embed-react's declarations as CommonJS, so its default import
// types as the module object; bundlers and Node's ESM loader take the package's "import" build,
// whose default export is the component itself. Accept both.
const Cal: typeof CalModule.default =
  (CalModule as unknown as { default?: typeof CalModule.default }).default ??
  (CalModule as unknown as typeof CalModule.default);

const POLL_MS = 50; // what @calcom/embed-react's getCalApi polls at for a namespace

/**
 * Cal.com's booking page for the Audition event type, inline, on TakeOne's self-hosted Cal.com,
 * prefilled for this application. Shows loading, unreachable and link-failed states instead of a
 * blank frame, and "confirming…" after a booking until the caller's `confirmBooking` says TakeOne has it.
 */
export function BookAudition(props: BookAuditionProps) {
  const viewer = useViewer(props);
  const { t } = viewer;
  const reactId = useId();
  const [attempt, setAttempt] = useState(0);
  const namespace = `${props.namespace ?? `takeone${reactId.replace(/[^a-zA-Z0-9]/g, "")}`}${attempt > 0 ? `r${attempt}` : ""}`;
  const [state, setState] = useState<EmbedState>({ kind: "loading" });
  const embedJsUrl = embedJsUrlOf(props);
  const calLink = calLinkOf(props, props.rescheduleUid);
  const loadTimeoutMs = props.loadTimeoutMs ?? 20_000;

  // Latest callbacks without re-subscribing the embed listeners on every render.
  const callbacks = useRef({
    onBookingComplete: props.onBookingComplete,
    confirmBooking: props.confirmBooking,
  });
  callbacks.current = { onBookingComplete: props.onBookingComplete, confirmBooking: props.confirmBooking };

  const { application, caster, bookingFieldNames, theme, layout, brandColor } = props;
  // <Cal> initialises once per mount with this object: memoised so React sees a stable prop.
  const config = useMemo(
    () =>
      buildEmbedConfig({
        application,
        caster,
        ...(bookingFieldNames ? { bookingFieldNames } : {}),
        ...(theme ? { theme } : {}),
        ...(layout ? { layout } : {}),
      }),
    [application, caster, bookingFieldNames, theme, layout],
  );

  const handleBooking = useCallback((booking: BookingCompleted) => {
    callbacks.current.onBookingComplete?.(booking);
    const confirm = callbacks.current.confirmBooking;
    if (!confirm) {
      setState({ kind: "received", booking });
      return;
    }
    setState({ kind: "confirming", booking });
    confirm(booking).then(
      (result) => setState({ kind: result === "confirmed" ? "confirmed" : "not-yet", booking }),
      () => setState({ kind: "not-yet", booking }),
    );
  }, []);

  useEffect(() => {
    // Listen where embed.js delivers: its SdkActionManager turns each message from the booking page
    // into a window CustomEvent named "CAL:<namespace>:<action>" (`Cal("on")` is addEventListener on
    // that name; calcom-facts 2.5, 2.6). Subscribing here, before <Cal> even initialises, means no
    // event can arrive before we listen, however fast the page loads.
    const seen = new Set<string>();
    const onReady = () =>
      setState((s) => (s.kind === "loading" || s.kind === "unreachable" ? { kind: "ready" } : s));
    const onFailed = (event: Event) => setState({ kind: "link-failed", code: readLinkFailed(event).code });
    const onBooked = (rescheduled: boolean) => (event: Event) => {
      const booking = readBookingCompleted(event, rescheduled);
      if (!booking || seen.has(booking.uid)) return; // once per uid, whatever the page sends
      seen.add(booking.uid);
      handleBooking(booking);
    };
    const subscriptions: [string, (event: Event) => void][] = [
      ["linkReady", onReady],
      ["linkFailed", onFailed],
      ["bookingSuccessfulV2", onBooked(false)],
      ["rescheduleBookingSuccessfulV2", onBooked(true)],
    ];
    for (const [action, callback] of subscriptions)
      window.addEventListener(calEventName(namespace, action), callback);

    // The brand colour goes through the namespace's API, which <Cal> creates one render later.
    let stopped = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    const styleEmbed = () => {
      if (stopped || !brandColor) return;
      const api = calNamespace(namespace);
      if (!api) {
        poll = setTimeout(styleEmbed, POLL_MS);
        return;
      }
      api("ui", {
        cssVarsPerTheme: { light: { "cal-brand": brandColor }, dark: { "cal-brand": brandColor } },
      });
    };
    styleEmbed();
    const timeout = setTimeout(() => {
      setState((s) => (s.kind === "loading" ? { kind: "unreachable" } : s));
    }, loadTimeoutMs);
    return () => {
      stopped = true;
      clearTimeout(poll);
      clearTimeout(timeout);
      for (const [action, callback] of subscriptions)
        window.removeEventListener(calEventName(namespace, action), callback);
    };
  }, [namespace, loadTimeoutMs, brandColor, handleBooking]);

  const retry = () => {
    // If embed.js itself never arrived, forget the snippet so the next mount injects the script again.
    const global = window as unknown as { Cal?: { instance?: unknown } };
    if (global.Cal && !global.Cal.instance) {
      delete global.Cal;
      for (const script of document.querySelectorAll("script")) {
        if (script.getAttribute("src") === embedJsUrl) script.remove();
      }
    }
    setState({ kind: "loading" });
    setAttempt((n) => n + 1);
  };

  const when = (booking: BookingCompleted) =>
    booking.startTime && booking.endTime
      ? formatBookingTime(
          booking.startTime,
          (Date.parse(booking.endTime) - Date.parse(booking.startTime)) / 60_000,
          viewer,
        )
      : null;

  const regionLabel = props.rescheduleUid
    ? t("bookAudition.rescheduleRegionLabel", { castingCallTitle: application.castingCallTitle })
    : t("bookAudition.regionLabel", { talentName: application.talent.name });
  const frameHidden = state.kind === "unreachable" || state.kind === "link-failed";

  return (
    <section
      aria-label={regionLabel}
      aria-busy={state.kind === "loading"}
      dir={viewer.dir}
      lang={viewer.locale}
      data-embed-state={state.kind}
      style={{
        display: "flex",
        flexDirection: "column",
        gap: "0.75rem",
        minBlockSize: "24rem",
        ...props.style,
      }}
    >
      {state.kind === "loading" && (
        <p role="status" style={{ margin: 0 }}>
          {t("bookAudition.loading")}
        </p>
      )}
      {state.kind === "unreachable" && (
        <div role="alert" style={alertStyle}>
          <strong>{t("bookAudition.unreachableTitle", { origin: props.calOrigin })}</strong>
          <p style={{ marginBlock: "0.5rem" }}>{t("bookAudition.unreachableBody")}</p>
          <button type="button" onClick={retry}>
            {t("bookAudition.retry")}
          </button>
        </div>
      )}
      {state.kind === "link-failed" && (
        <div role="alert" style={alertStyle}>
          <strong>{t("bookAudition.linkFailedTitle", { calLink })}</strong>
          <p style={{ marginBlock: "0.5rem" }}>{t("bookAudition.linkFailedBody", { code: state.code })}</p>
          <button type="button" onClick={retry}>
            {t("bookAudition.retry")}
          </button>
        </div>
      )}
      {state.kind === "confirming" && (
        <p role="status" style={{ margin: 0 }}>
          {t("bookAudition.confirming")}
        </p>
      )}
      {state.kind === "confirmed" && (
        <p role="status" style={{ margin: 0 }}>
          {confirmedText(t, state.booking, when(state.booking))}
        </p>
      )}
      {state.kind === "not-yet" && (
        <p role="status" style={{ margin: 0 }}>
          {t("bookAudition.confirmDelayed")}
        </p>
      )}
      {state.kind === "received" && (
        <p role="status" style={{ margin: 0 }}>
          {t("bookAudition.received")}
        </p>
      )}
      <Cal
        key={namespace}
        namespace={namespace}
        calLink={calLink}
        calOrigin={props.calOrigin}
        embedJsUrl={embedJsUrl}
        config={config}
        data-testid="cal-embed"
        style={{ inlineSize: "100%", flex: 1, overflow: "auto", display: frameHidden ? "none" : "block" }}
      />
    </section>
  );
}

const alertStyle: CSSProperties = {
  borderInlineStart: "4px solid #b91c1c",
  paddingInline: "0.75rem",
  paddingBlock: "0.5rem",
  background: "#fef2f2",
};

function confirmedText(
  t: ReturnType<typeof useViewer>["t"],
  booking: BookingCompleted,
  when: ReturnType<typeof formatBookingTime> | null,
): string {
  if (!when) return t("bookAudition.received");
  return t(booking.rescheduled ? "bookAudition.rescheduled" : "bookAudition.confirmed", {
    date: when.date,
    time: when.time,
  });
}
