import { SignJWT } from "jose";
import { z } from "zod";

/** A lifetime such as 30s, 15m, 1h or 7d. */
export const tokenTtlSchema = z
  .string()
  .regex(/^[1-9][0-9]*(s|m|h|d)$/, "a lifetime such as 30s, 15m, 1h or 7d");

/**
 * An HS256 access token for a TakeOne user, signed with TAKEONE_JWT_SECRET: what TakeOne's backend
 * issues in production, minted here for development and tests. The role is not in it: the bridge
 * reads the role from the User row.
 */
export async function mintAccessToken(args: {
  secret: string;
  userId: string;
  ttl: string;
  issuer?: string | undefined;
  audience?: string | undefined;
  now?: Date;
}): Promise<string> {
  const ttl = tokenTtlSchema.parse(args.ttl);
  const issuedAt = Math.floor((args.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(args.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds(ttl));
  if (args.issuer) jwt.setIssuer(args.issuer);
  if (args.audience) jwt.setAudience(args.audience);
  return jwt.sign(new TextEncoder().encode(args.secret));
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

function ttlSeconds(ttl: string): number {
  const unit = ttl.at(-1) as keyof typeof UNIT_SECONDS;
  return Number(ttl.slice(0, -1)) * UNIT_SECONDS[unit];
}
