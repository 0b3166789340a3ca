import { type ReactNode, useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE =
  'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), iframe, [tabindex]:not([tabindex="-1"])';

export interface ModalDialogProps {
  readonly title: string;
  readonly description?: string;
  readonly closeLabel: string;
  readonly onClose: () => void;
  readonly dir: "ltr" | "rtl";
  readonly lang: string;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

/**
 * A modal dialog (WAI-ARIA dialog pattern): labelled by its title, focus moves in on open, Tab and
 * Shift+Tab stay inside, the page behind is inert, Escape closes, focus returns to the opener on close.
 * Escape pressed while focus is inside a cross-origin iframe never reaches this page.
 */
export function ModalDialog({
  title,
  description,
  closeLabel,
  onClose,
  dir,
  lang,
  children,
  wide,
}: ModalDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    // Focus the first control of the content (the reason field, not the close button), else the dialog.
    const first = dialog?.querySelector<HTMLElement>(`[data-dialog-body] :is(${FOCUSABLE})`);
    (first ?? dialog)?.focus();
    // The rest of the page is inert while the dialog is open: Tab out of the Cal.com iframe (whose
    // key presses this page never sees) can then only land back in the dialog.
    const overlay = dialog?.parentElement;
    const madeInert = [...document.body.children].filter(
      (element): element is HTMLElement =>
        element instanceof HTMLElement && element !== overlay && !element.hasAttribute("inert"),
    );
    for (const element of madeInert) element.setAttribute("inert", "");
    const onKeyDown = (event: KeyboardEvent) => {
      if (!dialog) return;
      if (event.key === "Escape") {
        event.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (event.key !== "Tab") return;
      const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (element) => !element.hasAttribute("data-focus-sentinel"),
      );
      const head = focusable[0];
      const tail = focusable.at(-1);
      if (!head || !tail) {
        event.preventDefault();
        return;
      }
      if (event.shiftKey && (document.activeElement === head || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        tail.focus();
      } else if (
        !event.shiftKey &&
        (document.activeElement === tail || !dialog.contains(document.activeElement))
      ) {
        event.preventDefault();
        head.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown, true);
    return () => {
      for (const element of madeInert) element.removeAttribute("inert");
      document.removeEventListener("keydown", onKeyDown, true);
      opener?.focus();
    };
  }, []);

  return createPortal(
    <div
      style={{
        position: "fixed",
        inset: 0,
        background: "rgb(15 23 42 / 0.55)",
        display: "grid",
        placeItems: "center",
        zIndex: 1000,
      }}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        {...(description ? { "aria-describedby": descriptionId } : {})}
        tabIndex={-1}
        dir={dir}
        lang={lang}
        style={{
          background: "#fff",
          color: "#0f172a",
          borderRadius: "0.75rem",
          inlineSize: wide ? "min(60rem, 95vw)" : "min(32rem, 95vw)",
          maxBlockSize: "92vh",
          overflow: "auto",
          paddingBlock: "1rem",
          paddingInline: "1.25rem",
          boxShadow: "0 20px 50px rgb(0 0 0 / 0.3)",
        }}
      >
        <div style={{ display: "flex", alignItems: "start", gap: "1rem" }}>
          <div style={{ flex: 1 }}>
            <h2 id={titleId} style={{ margin: 0, fontSize: "1.25rem" }}>
              {title}
            </h2>
            {description && (
              <p id={descriptionId} style={{ marginBlock: "0.25rem 0.75rem", color: "#475569" }}>
                {description}
              </p>
            )}
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label={closeLabel}
            style={{ marginInlineStart: "auto" }}
          >
            ×
          </button>
        </div>
        <div data-dialog-body="">{children}</div>
        {/* Tabbing forward out of the Cal.com iframe reaches this first: send focus round to the top. */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a focus-trap sentinel (as focus-trap libraries use); it only forwards focus */}
        <span
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the sentinel must be reachable by Tab
          tabIndex={0}
          data-focus-sentinel=""
          onFocus={() => dialogRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus()}
        />
      </div>
    </div>,
    document.body,
  );
}
