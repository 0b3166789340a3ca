// Stand-in for @calcom/app-store/types (type-checking only): the props Cal.com gives an event-type app card.
import type { FC } from "react";

export type EventTypeAppCardApp = { slug: string; name: string; credentialIds?: number[] };

export type EventTypeAppCardComponentProps = {
  eventType: { id: number; title: string; length: number; team?: { id: number } | null; URL: string };
  app: EventTypeAppCardApp;
  disabled?: boolean;
};

export type EventTypeAppCardComponent = FC<EventTypeAppCardComponentProps>;
