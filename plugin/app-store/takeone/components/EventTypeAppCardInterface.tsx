import AppCard from "@calcom/app-store/_components/AppCard";
import useIsAppEnabled from "@calcom/app-store/_utils/useIsAppEnabled";
import { useAppContextWithSchema } from "@calcom/app-store/EventTypeAppContext";
import type { EventTypeAppCardComponent } from "@calcom/app-store/types";
import { TextField } from "@calcom/ui/components/form";

import { type appDataSchema, DEFAULT_APPLICATION_ID_FIELD } from "../zod";

/**
 * The card on an event type's Apps tab: the switch that turns TakeOne on for this event type, and
 * the name of the booking field that carries the TakeOne application id (a hidden booking question
 * that TakeOne's embed prefills).
 */
const EventTypeAppCard: EventTypeAppCardComponent = function EventTypeAppCard({ app, eventType, disabled }) {
  const { getAppData, setAppData } = useAppContextWithSchema<typeof appDataSchema>();
  const { enabled, updateEnabled } = useIsAppEnabled(app);
  const field = getAppData("applicationIdField") ?? DEFAULT_APPLICATION_ID_FIELD;

  return (
    <AppCard
      app={app}
      switchOnClick={(checked) => updateEnabled(checked)}
      switchChecked={enabled}
      teamId={eventType.team?.id || undefined}
    >
      <div className="mt-2 text-sm">
        <TextField
          label="Booking field with the TakeOne application id"
          hint="Add a hidden booking question with this name; TakeOne's booking link fills it."
          value={field}
          disabled={disabled}
          onChange={(e) => setAppData("applicationIdField", e.target.value.trim() || undefined)}
        />
      </div>
    </AppCard>
  );
};

export default EventTypeAppCard;
