import type { ErrorCode } from "../src/http/app-error.ts";

/** The bridge's envelope as tests read it. */
export type SuccessBody<T> = { success: true; data: T };
export type ErrorBody = { success: false; error: { code: ErrorCode; message: string; details?: unknown } };

export async function readJson<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
