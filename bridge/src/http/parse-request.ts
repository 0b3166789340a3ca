import type { z } from "zod";
import { AppError } from "./app-error.ts";

/** One field that failed validation, as the client sees it in `error.details`. */
export interface FieldIssue {
  /** dotted path of the field ("" for the whole body) */
  path: string;
  message: string;
}

/**
 * Parses a request part (body, query, params) with its zod schema, or throws VALIDATION_FAILED (400)
 * with one entry per field that failed, so a form can show each message beside its field.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  throw new AppError("VALIDATION_FAILED", `The request ${part} is not valid.`, { details });
}
