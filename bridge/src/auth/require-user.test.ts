import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, insertCastingFixture, insertUser } from "../../test/api-fixtures.ts";
import { startTestService, TEST_JWT_SECRET, type TestService } from "../../test/start-test-service.ts";
import { mintAccessToken } from "./mint-access-token.ts";

const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const inOneHour = () => Math.floor(Date.now() / 1000) + 3600;

describe("bearer tokens (HS256, TAKEONE_JWT_SECRET)", () => {
  let service: TestService;
  let userId: string;
  beforeAll(async () => {
    service = await startTestService();
    userId = (await insertUser(service.db.pool, "talent")).id;
  });
  afterAll(() => service.stop());

  const list = (headers: Record<string, string>) =>
    callApi(service.url, "GET", "/api/v1/bookings", { headers });

  it("answers 200 to a valid token of an existing user", async () => {
    const token = await mintAccessToken({ secret: TEST_JWT_SECRET, userId, ttl: "1h" });
    const res = await list({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, data: [], page: { nextCursor: null } });
  });

  const refused: [string, () => Promise<string>][] = [
    ["no Authorization header", async () => ""],
    ["a Basic scheme", async () => "Basic dXNlcjpwYXNz"],
    ["a token that is not a JWT", async () => "Bearer not-a-jwt"],
    [
      "a token signed with another secret",
      async () =>
        `Bearer ${await mintAccessToken({ secret: "another-secret-0123456789abcdef", userId, ttl: "1h" })}`,
    ],
    [
      "an expired token",
      async () =>
        `Bearer ${await new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(userId)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
          .sign(secret)}`,
    ],
    [
      "a token not valid yet (nbf in an hour)",
      async () =>
        `Bearer ${await new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(userId)
          .setNotBefore(inOneHour())
          .setExpirationTime(inOneHour() + 3600)
          .sign(secret)}`,
    ],
    [
      "a token without exp",
      async () =>
        `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(userId).sign(secret)}`,
    ],
    [
      "a token without sub",
      async () =>
        `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime(inOneHour()).sign(secret)}`,
    ],
    [
      "an unsigned token (alg none)",
      async () => {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
        return `Bearer ${encode({ alg: "none", typ: "JWT" })}.${encode({ sub: userId, exp: inOneHour() })}.`;
      },
    ],
    [
      "a token of a user that does not exist",
      async () =>
        `Bearer ${await mintAccessToken({ secret: TEST_JWT_SECRET, userId: "usr_nobody", ttl: "1h" })}`,
    ],
  ];
  for (const [name, header] of refused) {
    it(`answers 401 UNAUTHENTICATED to ${name}`, async () => {
      const value = await header();
      const res = await list(value ? { authorization: value } : {});
      expect(res.status).toBe(401);
      expect(res.body.success).toBe(false);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    });
  }

  it("reads the role from the User row, not from the token", async () => {
    const fixture = await insertCastingFixture(service.db.pool);
    const created = await callApi(service.url, "POST", "/api/v1/bookings", {
      token: fixture.caster.token,
      body: {
        applicationId: fixture.applicationId,
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        duration: 30,
        meetingType: "video",
      },
    });
    expect(created.status).toBe(201);
    // A talent's token that claims to be an admin still sees only the talent's bookings.
    const claimsAdmin = await new SignJWT({ role: "admin" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(fixture.otherTalent.id)
      .setExpirationTime(inOneHour())
      .sign(secret);
    const res = await callApi(service.url, "GET", `/api/v1/bookings/${created.body.data.id}`, {
      token: claimsAdmin,
    });
    expect(res.status).toBe(404);
  });
});

describe("bearer tokens with TAKEONE_JWT_ISSUER and TAKEONE_JWT_AUDIENCE", () => {
  let service: TestService;
  let userId: string;
  beforeAll(async () => {
    service = await startTestService({
      env: { TAKEONE_JWT_ISSUER: "https://takeone.test", TAKEONE_JWT_AUDIENCE: "bridge" },
    });
    userId = (await insertUser(service.db.pool, "talent")).id;
  });
  afterAll(() => service.stop());

  const statusWith = async (claims: { issuer?: string; audience?: string }) => {
    const token = await mintAccessToken({ secret: TEST_JWT_SECRET, userId, ttl: "1h", ...claims });
    return (await callApi(service.url, "GET", "/api/v1/bookings", { token })).status;
  };

  it("accepts a token with both, and refuses one with a wrong or missing issuer or audience", async () => {
    expect(await statusWith({ issuer: "https://takeone.test", audience: "bridge" })).toBe(200);
    expect(await statusWith({ issuer: "https://evil.test", audience: "bridge" })).toBe(401);
    expect(await statusWith({ issuer: "https://takeone.test", audience: "other-service" })).toBe(401);
    expect(await statusWith({})).toBe(401);
  });
});

describe("bearer tokens (RS256, TAKEONE_JWKS_URL)", () => {
  let service: TestService;
  let jwksServer: Server;
  let privateKey: CryptoKey;
  let userId: string;
  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwksServer = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    const { port } = jwksServer.address() as AddressInfo;
    service = await startTestService({
      env: { TAKEONE_JWT_SECRET: "", TAKEONE_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` },
    });
    userId = (await insertUser(service.db.pool, "caster")).id;
  });
  afterAll(async () => {
    await service.stop();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it("accepts a token signed by a key of the JWKS", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject(userId)
      .setExpirationTime(inOneHour())
      .sign(privateKey);
    const res = await callApi(service.url, "GET", "/api/v1/bookings", { token });
    expect(res.status).toBe(200);
  });

  it("refuses an HS256 token when only a JWKS is configured", async () => {
    const token = await mintAccessToken({ secret: TEST_JWT_SECRET, userId, ttl: "1h" });
    const res = await callApi(service.url, "GET", "/api/v1/bookings", { token });
    expect(res.status).toBe(401);
  });

  it("refuses an RS256 token signed by another key", async () => {
    const other = await generateKeyPair("RS256");
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject(userId)
      .setExpirationTime(inOneHour())
      .sign(other.privateKey);
    const res = await callApi(service.url, "GET", "/api/v1/bookings", { token });
    expect(res.status).toBe(401);
  });
});
