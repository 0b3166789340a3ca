// Stand-in for @calcom/app-store/eventTypeAppCardZod: the shared base of every event-type app's data.
import { z } from "zod";

export const eventTypeAppCardZod = z.object({
  enabled: z.boolean().optional(),
  credentialId: z.number().optional(),
  appCategories: z.array(z.string()).optional(),
});
