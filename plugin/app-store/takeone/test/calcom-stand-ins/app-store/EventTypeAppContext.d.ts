// Stand-in for @calcom/app-store/EventTypeAppContext (type-checking only).
import type { z } from "zod";

export function useAppContextWithSchema<TSchema extends z.ZodTypeAny>(): {
  getAppData: <K extends keyof z.infer<TSchema>>(key: K) => z.infer<TSchema>[K];
  setAppData: <K extends keyof z.infer<TSchema>>(key: K, value: z.infer<TSchema>[K]) => void;
};
