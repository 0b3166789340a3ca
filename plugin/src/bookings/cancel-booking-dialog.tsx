import type { Booking } from "@takeone/calcom-bridge/contract";
import { type FormEvent, useId, useState } from "react";
import type { BridgeClient } from "../client/create-bridge-client.ts";
import type { Viewer } from "../i18n/use-viewer.ts";
import { formatBookingTime } from "../time/format-booking-time.ts";
import { ModalDialog } from "../ui/modal-dialog.tsx";
import { errorText } from "./error-text.ts";

export interface CancelBookingDialogProps {
  readonly booking: Booking;
  readonly otherPartyName: string;
  readonly client: BridgeClient;
  readonly viewer: Viewer;
  readonly onCancelled: (booking: Booking) => void;
  readonly onClose: () => void;
}

/** Asks for a reason, then cancels through the bridge (PATCH status "cancelled"). */
export function CancelBookingDialog({
  booking,
  otherPartyName,
  client,
  viewer,
  onCancelled,
  onClose,
}: CancelBookingDialogProps) {
  const { t } = viewer;
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const when = formatBookingTime(booking.scheduledAt, booking.duration, viewer);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setProblem(t("cancel.reasonRequired"));
      return;
    }
    setSubmitting(true);
    setProblem(null);
    const result = await client.cancelBooking(booking.id, reason.trim());
    setSubmitting(false);
    if (result.ok) onCancelled(result.value);
    else setProblem(t("cancel.failed", { reason: errorText(t, result.error) }));
  };

  return (
    <ModalDialog
      title={t("cancel.title")}
      description={t("cancel.description", {
        castingCallTitle: booking.castingCall.title,
        name: otherPartyName,
        date: when.date,
        time: when.time,
      })}
      closeLabel={t("dialog.close")}
      onClose={onClose}
      dir={viewer.dir}
      lang={viewer.locale}
    >
      <form onSubmit={submit} noValidate style={{ display: "grid", gap: "0.5rem" }}>
        <label htmlFor={reasonId}>{t("cancel.reasonLabel")}</label>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          rows={3}
          aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
          aria-invalid={problem === t("cancel.reasonRequired")}
        />
        <small id={hintId}>{t("cancel.reasonHint")}</small>
        {problem && (
          <p id={errorId} role="alert" style={{ margin: 0, color: "#b91c1c" }}>
            {problem}
          </p>
        )}
        <div style={{ display: "flex", gap: "0.5rem", justifyContent: "end" }}>
          <button type="button" onClick={onClose}>
            {t("cancel.keep")}
          </button>
          <button type="submit" disabled={submitting}>
            {submitting ? t("cancel.submitting") : t("cancel.submit")}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
