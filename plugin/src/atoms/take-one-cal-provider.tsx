// Cal.com atoms (`@calcom/atoms`) for casters' scheduling settings inside TakeOne. Atoms are an
// optional peer: the plugin never imports them. A TakeOne app that has them installed passes the
// module in, so an app without them bundles nothing of theirs:
//
//   import * as atoms from "@calcom/atoms";
//   import "@calcom/atoms/globals.min.css";
//   <TakeOneCalProvider atoms={atoms} …><CasterAvailability /><CasterEventTypes /></TakeOneCalProvider>
//
// Atoms call Cal.com API v2 directly (not the web app), with a managed user's or OAuth access token
// (calcom-facts 3.1, 3.3). Self-hosting them needs API v2, Redis, a platform OAuth client and a
// token-refresh endpoint; see docs/plugin.md.
import { type ComponentType, createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { useViewer, type ViewerProps } from "../i18n/locale-context.tsx";

/** What CalProvider is given (its documented props, calcom-facts 3.1), no more. */
export interface CalProviderLikeProps {
  clientId: string;
  accessToken: string;
  options: { apiUrl: string; refreshUrl: string; readingDirection: "ltr" | "rtl" };
  language: string;
  autoUpdateTimezone: boolean;
  children?: ReactNode;
}

/**
 * The parts of `@calcom/atoms` used here. Props are typed loosely on purpose: the plugin is built
 * without atoms installed, and their prop types vary between releases.
 */
export interface AtomsModule {
  readonly CalProvider: ComponentType<CalProviderLikeProps>;
  // biome-ignore lint/suspicious/noExplicitAny: pass-through props of an optional peer, see above
  readonly AvailabilitySettings: ComponentType<any>;
  // biome-ignore lint/suspicious/noExplicitAny: pass-through props of an optional peer, see above
  readonly ListEventTypes: ComponentType<any>;
}

/** Languages CalProvider accepts (atoms docs: en, de, fr, it, nl, pt-BR, es). Arabic is not one. */
export const ATOMS_LANGUAGES = ["en", "de", "fr", "it", "nl", "pt-BR", "es"] as const;

export interface TakeOneCalProviderProps extends ViewerProps {
  /** The `@calcom/atoms` module, from the app that installed it: `import * as atoms from "@calcom/atoms"`. */
  readonly atoms: AtomsModule;
  /** The platform OAuth client id of TakeOne's Cal.com. */
  readonly clientId: string;
  /** Cal.com API v2, e.g. "https://cal-api.takeone.example/v2". */
  readonly apiUrl: string;
  /**
   * TakeOne's refresh endpoint: CalProvider sends it the expired token as `Authorization: Bearer` and
   * expects `{ accessToken }` back (calcom-facts 3.1). The bridge does not serve one yet.
   */
  readonly refreshUrl: string;
  /** The caster's current Cal.com access token, from TakeOne's backend. */
  readonly getAccessToken: () => Promise<string>;
  readonly children: ReactNode;
}

type TokenState =
  | { kind: "connecting" }
  | { kind: "ready"; accessToken: string }
  | { kind: "failed"; reason: string };

const AtomsContext = createContext<AtomsModule | null>(null);

function useAtoms(component: string): AtomsModule {
  const atoms = useContext(AtomsContext);
  if (!atoms) throw new Error(`${component} must be inside <TakeOneCalProvider atoms={…}>`);
  return atoms;
}

/** CalProvider with an access token fetched first, and clear connecting / unavailable states. */
export function TakeOneCalProvider(props: TakeOneCalProviderProps) {
  const { atoms } = props;
  const viewer = useViewer(props);
  const { t } = viewer;
  const [token, setToken] = useState<TokenState>({ kind: "connecting" });
  const { getAccessToken } = props;
  useEffect(() => {
    let current = true;
    getAccessToken().then(
      (accessToken) => current && setToken({ kind: "ready", accessToken }),
      (error: unknown) =>
        current &&
        setToken({ kind: "failed", reason: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [getAccessToken]);

  if (token.kind === "connecting") {
    return (
      <p role="status" dir={viewer.dir} lang={viewer.locale}>
        {t("atoms.connecting")}
      </p>
    );
  }
  if (token.kind === "failed") {
    return (
      <p role="alert" dir={viewer.dir} lang={viewer.locale}>
        {t("atoms.unavailable", { reason: token.reason })}
      </p>
    );
  }
  const language = (ATOMS_LANGUAGES as readonly string[]).includes(viewer.locale) ? viewer.locale : "en";
  return (
    <AtomsContext.Provider value={atoms}>
      <atoms.CalProvider
        clientId={props.clientId}
        accessToken={token.accessToken}
        options={{ apiUrl: props.apiUrl, refreshUrl: props.refreshUrl, readingDirection: viewer.dir }}
        language={language}
        // TakeOne owns the caster's time zone (User.timezone); atoms must not change it behind its back.
        autoUpdateTimezone={false}
      >
        {props.children}
      </atoms.CalProvider>
    </AtomsContext.Provider>
  );
}

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
