import type { RequestHandler, Response } from "express";
import type pg from "pg";
import { AppError } from "../http/app-error.ts";
import { readUserRole } from "./read-user-role.ts";
import type { AuthenticatedUser } from "./user-schema.ts";
import { AccessTokenError } from "./verify-access-token.ts";

const USER_KEY = "authenticatedUser";

/**
 * Middleware for the authenticated API: `Authorization: Bearer <JWT>` → the User row it names.
 * Missing, malformed, expired or unverifiable tokens and unknown users all answer 401 with the
 * same code; the precise reason is logged only.
 */
export function requireUser(deps: {
  pool: pg.Pool;
  verifyToken: (token: string) => Promise<{ userId: string }>;
}): RequestHandler {
  return async (req, res, next) => {
    res.setHeader("WWW-Authenticate", 'Bearer realm="takeone"');
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new AppError("UNAUTHENTICATED", "Send Authorization: Bearer <token>.");
    }
    let userId: string;
    try {
      ({ userId } = await deps.verifyToken(match[1]));
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      req.log?.info({ reason: error.reason }, "token refused");
      throw new AppError(
        "UNAUTHENTICATED",
        error.reason === "expired" ? "The token has expired." : "The token is not valid.",
        { cause: error },
      );
    }
    const user = await readUserRole(deps.pool, userId);
    if (!user) {
      req.log?.info({ userId }, "token for an unknown user");
      throw new AppError("UNAUTHENTICATED", "The token's user does not exist.");
    }
    res.removeHeader("WWW-Authenticate");
    res.locals[USER_KEY] = user;
    next();
  };
}

/** The user requireUser found; a programming error if the route is not behind it. */
export function authenticatedUser(res: Response): AuthenticatedUser {
  const user = res.locals[USER_KEY] as AuthenticatedUser | undefined;
  if (!user) throw new Error("authenticatedUser() on a route without requireUser()");
  return user;
}
