// Stand-in for @calcom/app-store/_components/AppCard (type-checking only).
import type { FC, ReactNode } from "react";
import type { EventTypeAppCardApp } from "../types";

declare const AppCard: FC<{
  app: EventTypeAppCardApp;
  switchOnClick?: (checked: boolean) => void;
  switchChecked?: boolean;
  teamId?: number;
  description?: ReactNode;
  children?: ReactNode;
}>;
export default AppCard;
