import { type ReactNode, useEffect, useState } from "react";
import { useViewer, type ViewerProps } from "../i18n/use-viewer.ts";
import { ATOMS_LANGUAGES, AtomsContext, type AtomsModule } from "./atoms-module.ts";

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
