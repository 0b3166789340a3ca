import type { BridgeError } from "../client/create-bridge-client.ts";
import { en, type MessageKey } from "../i18n/messages-en.ts";
import type { Viewer } from "../i18n/use-viewer.ts";

/** The viewer's words for a bridge error: its code's message, else the generic one. */
export function errorText(t: Viewer["t"], error: BridgeError): string {
  const key = `error.${error.code}`;
  return key in en ? t(key as MessageKey) : t("error.generic");
}
