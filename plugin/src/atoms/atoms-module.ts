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
import { type ComponentType, createContext, type ReactNode, useContext } from "react";

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

/** The atoms module TakeOneCalProvider was given, for the components inside it. */
export const AtomsContext = createContext<AtomsModule | null>(null);

export function useAtoms(component: string): AtomsModule {
  const atoms = useContext(AtomsContext);
  if (!atoms) throw new Error(`${component} must be inside <TakeOneCalProvider atoms={…}>`);
  return atoms;
}
