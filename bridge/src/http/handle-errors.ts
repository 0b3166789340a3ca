import type { ErrorRequestHandler, RequestHandler } from "express";
import { isDatabaseUnavailable } from "../db/is-database-unavailable.ts";
import { AppError, type ErrorCode, isAppError } from "./app-error.ts";
import { sendError } from "./envelope.ts";
import { ERROR_MESSAGES_AR } from "./error-messages-ar.ts";

/** Errors raised by express's body parsers, by their `type`. */
const BODY_PARSER_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  "entity.too.large": { code: "BODY_TOO_LARGE", message: "The request body is larger than allowed." },
  "entity.parse.failed": { code: "INVALID_JSON", message: "The request body is not valid JSON." },
  "encoding.unsupported": { code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported content encoding." },
  "charset.unsupported": { code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported charset." },
  "request.aborted": { code: "VALIDATION_FAILED", message: "The request was aborted by the client." },
  "request.size.invalid": {
    code: "VALIDATION_FAILED",
    message: "The request body is shorter than announced.",
  },
};

/** The one error middleware: coded errors answer with their status; anything else is a logged 500. */
export const handleErrors: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  if (appError.status >= 500) {
    req.log?.error({ err: error }, "request failed");
  } else {
    req.log?.debug({ code: appError.code }, appError.message);
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  // A person reading an error in TakeOne's Arabic screens gets it in Arabic (issue 11); the code and
  // details are the same in every language, so programs never depend on the words.
  const isArabic = req.acceptsLanguages("en", "ar") === "ar";
  if (isArabic) res.setHeader("Content-Language", "ar");
  sendError(res, appError.status, {
    code: appError.code,
    message: isArabic ? ERROR_MESSAGES_AR[appError.code] : appError.message,
    ...(appError.details === undefined ? {} : { details: appError.details }),
  });
};

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type === "string" && BODY_PARSER_ERRORS[type]) {
    const known = BODY_PARSER_ERRORS[type];
    return new AppError(known.code, known.message, { cause: error });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("NOT_READY", "The database is not reachable right now; try again shortly.", {
      cause: error,
    });
  }
  return new AppError("INTERNAL", "Something went wrong on our side.", { cause: error });
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError("NOT_FOUND", `No route for ${req.method} ${req.path}.`));
};

/** For `router.route(path).all(methodNotAllowed(["POST"]))` after the allowed handlers. */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res, next) => {
    res.setHeader("Allow", allowed.join(", "));
    next(
      new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here; use ${allowed.join(" or ")}.`),
    );
  };
}
