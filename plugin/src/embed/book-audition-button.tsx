import { useState } from "react";
import { useViewer } from "../i18n/use-viewer.ts";
import { CalendarIcon } from "../ui/icons.tsx";
import { ModalDialog } from "../ui/modal-dialog.tsx";
import { BookAudition, type BookAuditionProps } from "./book-audition.tsx";

export interface BookAuditionButtonProps extends BookAuditionProps {
  /** Called when the dialog closes (Escape, the close button), e.g. to refresh the page's data. */
  readonly onClose?: () => void;
}

/**
 * The applications page's "Book audition" button: opens BookAudition in an accessible modal dialog
 * (labelled, focus kept inside, Escape closes, focus returns to the button).
 */
export function BookAuditionButton(props: BookAuditionButtonProps) {
  const viewer = useViewer(props);
  const { t } = viewer;
  const [open, setOpen] = useState(false);
  const { onClose, ...bookAuditionProps } = props;
  const close = () => {
    setOpen(false);
    onClose?.();
  };
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={t("bookAuditionButton.accessibleLabel", { talentName: props.application.talent.name })}
        style={{ display: "inline-flex", alignItems: "center", gap: "0.375rem" }}
      >
        <CalendarIcon />
        <span>{t("bookAuditionButton.label")}</span>
      </button>
      {open && (
        <ModalDialog
          title={t("bookAuditionButton.dialogTitle", {
            castingCallTitle: props.application.castingCallTitle,
          })}
          description={t("bookAuditionButton.dialogDescription", {
            talentName: props.application.talent.name,
          })}
          closeLabel={t("dialog.close")}
          onClose={close}
          dir={viewer.dir}
          lang={viewer.locale}
          wide
        >
          <BookAudition {...bookAuditionProps} locale={viewer.locale} timeZone={viewer.timeZone} />
        </ModalDialog>
      )}
    </>
  );
}
