import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from "jose";

export interface TokenKeys {
  /** TAKEONE_JWT_SECRET: HS256 */
  secret?: string | undefined;
  /** TAKEONE_JWKS_URL: RS256 */
  jwksUrl?: string | undefined;
  /** TAKEONE_JWT_ISSUER: the `iss` required, if any */
  issuer?: string | undefined;
  /** TAKEONE_JWT_AUDIENCE: the `aud` required, if any */
  audience?: string | undefined;
}

/** Leeway for `exp` and `nbf` between TakeOne's clock and ours. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** A token the bridge does not accept; `reason` goes to the log, never to the client. */
export class AccessTokenError extends Error {
  override readonly name = "AccessTokenError";
  readonly reason: "malformed" | "expired" | "invalid";

  constructor(reason: AccessTokenError["reason"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * Returns a function that verifies a TakeOne access token and gives its `sub` (User.id).
 *
 * The algorithm is chosen by which key is configured, never by the token alone: an HS256 token is
 * checked only against TAKEONE_JWT_SECRET and an RS256 token only against the keys of
 * TAKEONE_JWKS_URL, so a token cannot pick a weaker check (the "alg confusion" attack). `exp` and
 * `sub` are required: a token that never expires is refused.
 */
export function createTokenVerifier(keys: TokenKeys): (token: string) => Promise<{ userId: string }> {
  const secret = keys.secret ? new TextEncoder().encode(keys.secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = keys.jwksUrl
    ? createRemoteJWKSet(new URL(keys.jwksUrl))
    : undefined;
  if (!secret && !jwks) throw new Error("set TAKEONE_JWT_SECRET or TAKEONE_JWKS_URL to verify tokens");

  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch (error) {
      throw new AccessTokenError("malformed", "not a JWT", { cause: error });
    }
    const options = {
      requiredClaims: ["exp", "sub"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(keys.issuer ? { issuer: keys.issuer } : {}),
      ...(keys.audience ? { audience: keys.audience } : {}),
    };
    try {
      const { payload } =
        alg === "HS256" && secret
          ? await jwtVerify(token, secret, { ...options, algorithms: ["HS256"] })
          : alg === "RS256" && jwks
            ? await jwtVerify(token, jwks, { ...options, algorithms: ["RS256"] })
            : refuse(alg);
      if (typeof payload.sub !== "string" || payload.sub.length === 0) {
        throw new AccessTokenError("invalid", "the token has no subject");
      }
      return { userId: payload.sub };
    } catch (error) {
      if (error instanceof AccessTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) {
        throw new AccessTokenError("expired", "the token has expired", { cause: error });
      }
      throw new AccessTokenError("invalid", "the token could not be verified", { cause: error });
    }
  };
}

function refuse(alg: string | undefined): never {
  throw new AccessTokenError("invalid", `tokens signed with ${alg ?? "no algorithm"} are not accepted here`);
}
