import type { Response } from "express";
import type { ErrorCode } from "./app-error.ts";

/** The body of every JSON answer of the bridge. */
export type Envelope<T> =
  | { success: true; data: T }
  | { success: false; error: { code: ErrorCode; message: string; details?: unknown } };

export function sendData<T>(res: Response, data: T, status = 200): void {
  res.status(status).json({ success: true, data } satisfies Envelope<T>);
}

export function sendError(
  res: Response,
  status: number,
  error: { code: ErrorCode; message: string; details?: unknown },
): void {
  res.status(status).json({ success: false, error } satisfies Envelope<never>);
}
