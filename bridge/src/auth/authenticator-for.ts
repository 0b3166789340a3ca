import type { RequestHandler } from "express";
import type { ServiceContext } from "../service/service-context.ts";
import { requireUser } from "./require-user.ts";
import { createTokenVerifier } from "./verify-access-token.ts";

const authenticators = new WeakMap<object, RequestHandler>();

/**
 * The service's one authentication middleware, made on first use: every router of the API shares
 * it, so the JWKS of TAKEONE_JWKS_URL is fetched and cached once per service, not once per router.
 */
export function authenticatorFor(ctx: Pick<ServiceContext, "config" | "pool">): RequestHandler {
  let authenticate = authenticators.get(ctx.config);
  if (!authenticate) {
    authenticate = requireUser({
      pool: ctx.pool,
      verifyToken: createTokenVerifier({
        secret: ctx.config.TAKEONE_JWT_SECRET,
        jwksUrl: ctx.config.TAKEONE_JWKS_URL,
        issuer: ctx.config.TAKEONE_JWT_ISSUER,
        audience: ctx.config.TAKEONE_JWT_AUDIENCE,
      }),
    });
    authenticators.set(ctx.config, authenticate);
  }
  return authenticate;
}
