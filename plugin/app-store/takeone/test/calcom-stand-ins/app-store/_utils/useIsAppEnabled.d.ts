// Stand-in for @calcom/app-store/_utils/useIsAppEnabled (type-checking only).
import type { EventTypeAppCardApp } from "../types";

export default function useIsAppEnabled(app: EventTypeAppCardApp): {
  enabled: boolean;
  updateEnabled: (enabled: boolean) => void;
};
