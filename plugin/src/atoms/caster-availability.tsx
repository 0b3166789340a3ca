import { useViewer, type ViewerProps } from "../i18n/use-viewer.ts";
import { useAtoms } from "./atoms-module.ts";

/** The caster's availability (atoms' AvailabilitySettings) in a labelled region. */
export function CasterAvailability(props: ViewerProps & Record<string, unknown>) {
  const atoms = useAtoms("CasterAvailability");
  const { locale, timeZone, showHijri, ...rest } = props;
  const viewer = useViewer({ locale, timeZone, showHijri });
  return (
    <section aria-label={viewer.t("atoms.availabilityLabel")} dir={viewer.dir} lang={viewer.locale}>
      <atoms.AvailabilitySettings {...rest} />
    </section>
  );
}
