import { useViewer, type ViewerProps } from "../i18n/use-viewer.ts";
import { useAtoms } from "./atoms-module.ts";

/** The caster's Cal.com event types (atoms' ListEventTypes) in a labelled region. */
export function CasterEventTypes(props: ViewerProps & Record<string, unknown>) {
  const atoms = useAtoms("CasterEventTypes");
  const { locale, timeZone, showHijri, ...rest } = props;
  const viewer = useViewer({ locale, timeZone, showHijri });
  return (
    <section aria-label={viewer.t("atoms.eventTypesLabel")} dir={viewer.dir} lang={viewer.locale}>
      <atoms.ListEventTypes {...rest} />
    </section>
  );
}
