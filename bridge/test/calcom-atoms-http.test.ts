import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./api-fixtures.ts";
import type { ErrorBody, SuccessBody } from "./http-json.ts";
import { type FakeCalcomOAuth, startFakeCalcomOAuth } from "./start-fake-calcom-oauth.ts";
import { startTestService, type TestService } from "./start-test-service.ts";

const CALCOM_URL = "https://cal.takeone.example";
const START = "/api/v1/calcom/oauth/start";
const CALLBACK = "/api/v1/calcom/oauth/callback";
const TOKEN = "/api/v1/calcom/atoms/token";
const REFRESH = "/api/v1/calcom/atoms/refresh";

/** A clock the tests move by hand (the process edge). */
const clock = {
  offsetMs: 0,
  now: () => new Date(Date.now() + clock.offsetMs),
};

describe("the atoms' token endpoints over HTTP (Cal.com OAuth configured)", () => {
  let fake: FakeCalcomOAuth;
  let service: TestService;

  beforeAll(async () => {
    fake = await startFakeCalcomOAuth();
    service = await startTestService({
      clock,
      env: {
        CALCOM_URL,
        CALCOM_API_URL: fake.url,
        CALCOM_OAUTH_CLIENT_ID: fake.clientId,
        CALCOM_OAUTH_CLIENT_SECRET: fake.clientSecret,
        CALCOM_OAUTH_REDIRECT_URL: "https://bridge.takeone.example/api/v1/calcom/oauth/callback",
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** /oauth/start for the user: the authorize URL and its state. */
  async function start(token: string): Promise<{ url: URL; state: string }> {
    const res = await get(START, bearer(token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SuccessBody<{ authorizeUrl: string }>;
    const url = new URL(body.data.authorizeUrl);
    return { url, state: url.searchParams.get("state") ?? "" };
  }

  /** The whole connect flow: start, "the user approves at Cal.com", callback. */
  async function connect(token: string): Promise<void> {
    const { state } = await start(token);
    const res = await get(`${CALLBACK}?${new URLSearchParams({ code: fake.issueCode(), state })}`, {
      accept: "application/json",
    });
    expect(res.status).toBe(200);
  }

  async function atomsToken(token: string): Promise<string> {
    const res = await get(TOKEN, bearer(token));
    expect(res.status).toBe(200);
    return ((await res.json()) as SuccessBody<{ accessToken: string }>).data.accessToken;
  }

  it("connects a user's Cal.com account: authorize URL, callback exchanges the code, /token hands it out", async () => {
    const user = await insertUser(service.db.pool, "caster");
    const { url, state } = await start(user.token);
    // calcom-facts §3.1: <CALCOM_URL>/auth/oauth2/authorize?client_id=..&redirect_uri=..&state=..
    expect(`${url.origin}${url.pathname}`).toBe(`${CALCOM_URL}/auth/oauth2/authorize`);
    expect(url.searchParams.get("client_id")).toBe(fake.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(
      "https://bridge.takeone.example/api/v1/calcom/oauth/callback",
    );
    expect(state.length).toBeGreaterThan(20);

    const code = fake.issueCode();
    const callback = await get(`${CALLBACK}?${new URLSearchParams({ code, state })}`, {
      accept: "text/html",
    });
    expect(callback.status).toBe(200);
    expect(callback.headers.get("content-type")).toMatch(/text\/html/);
    expect(await callback.text()).toContain("Cal.com connected");
    expect(fake.requests.at(-1)).toEqual({
      path: "/v2/auth/oauth2/token",
      body: {
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
        grant_type: "authorization_code",
        code,
        redirect_uri: "https://bridge.takeone.example/api/v1/calcom/oauth/callback",
      },
    });

    const tokenRes = await get(TOKEN, bearer(user.token));
    expect(tokenRes.status).toBe(200);
    expect(tokenRes.headers.get("cache-control")).toBe("no-store");
    const body = (await tokenRes.json()) as SuccessBody<{ accessToken: string; expiresAt: string }>;
    expect(body.data.accessToken).toMatch(/^access-\d+$/);
    expect(Date.parse(body.data.expiresAt) - clock.now().getTime()).toBeGreaterThan(29 * 60_000);
    // a fresh token is handed out as it is: Cal.com is not asked again
    const requestsBefore = fake.requests.length;
    expect(await atomsToken(user.token)).toBe(body.data.accessToken);
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it("refreshUrl: the expired token → a new one as { accessToken }; the old one is refused afterwards", async () => {
    const user = await insertUser(service.db.pool, "caster");
    await connect(user.token);
    const old = await atomsToken(user.token);

    // the atoms call it with GET (atoms lib/http.ts refreshTokens); POST works the same
    const res = await get(REFRESH, bearer(old));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string };
    expect(Object.keys(body)).toEqual(["accessToken"]);
    expect(body.accessToken).not.toBe(old);
    expect(fake.requests.at(-1)?.body).toMatchObject({ grant_type: "refresh_token" });
    expect(await atomsToken(user.token)).toBe(body.accessToken);

    const again = await fetch(`${service.url}${REFRESH}`, { method: "POST", headers: bearer(old) });
    expect(again.status).toBe(401);
    expect(((await again.json()) as ErrorBody).error.code).toBe("UNAUTHENTICATED");

    const viaPost = await fetch(`${service.url}${REFRESH}`, {
      method: "POST",
      headers: bearer(body.accessToken),
    });
    expect(viaPost.status).toBe(200);
    expect(((await viaPost.json()) as { accessToken: string }).accessToken).not.toBe(body.accessToken);
  });

  it("/token refreshes an access token that has expired (Cal.com's last 30 minutes)", async () => {
    const user = await insertUser(service.db.pool, "caster");
    await connect(user.token);
    const first = await atomsToken(user.token);
    clock.offsetMs += 31 * 60_000;
    try {
      const second = await atomsToken(user.token);
      expect(second).not.toBe(first);
      expect(fake.requests.at(-1)?.body).toMatchObject({ grant_type: "refresh_token" });
      expect(await atomsToken(user.token)).toBe(second);
    } finally {
      clock.offsetMs -= 31 * 60_000;
    }
  });

  it("concurrent refreshes of one connection spend its refresh token once", async () => {
    const user = await insertUser(service.db.pool, "caster");
    await connect(user.token);
    const old = await atomsToken(user.token);
    const refreshesBefore = fake.requests.filter((r) => r.body.grant_type === "refresh_token").length;

    // the same expired token, twice at once: one refresh, the other is refused (it is no longer current)
    const answers = await Promise.all([get(REFRESH, bearer(old)), get(REFRESH, bearer(old))]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);

    // /token for an expired connection, three at once: one refresh, the same new token for all
    clock.offsetMs += 31 * 60_000;
    try {
      const tokens = await Promise.all([
        atomsToken(user.token),
        atomsToken(user.token),
        atomsToken(user.token),
      ]);
      expect(new Set(tokens).size).toBe(1);
    } finally {
      clock.offsetMs -= 31 * 60_000;
    }
    const refreshes = fake.requests.filter((r) => r.body.grant_type === "refresh_token").length;
    expect(refreshes - refreshesBefore).toBe(2);
  });

  it("refuses unknown tokens at refreshUrl and answers CALCOM_NOT_CONNECTED to a user who never connected", async () => {
    const unknown = await get(REFRESH, bearer("access-never-issued"));
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe("UNAUTHENTICATED");
    const bare = await get(REFRESH);
    expect(bare.status).toBe(401);

    const user = await insertUser(service.db.pool, "caster");
    const res = await get(TOKEN, bearer(user.token));
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe("CALCOM_NOT_CONNECTED");

    expect((await get(TOKEN)).status).toBe(401);
    expect((await get(START)).status).toBe(401);
  });

  it("refuses a tampered, foreign or expired state without asking Cal.com", async () => {
    const victim = await insertUser(service.db.pool, "caster");
    const attacker = await insertUser(service.db.pool, "caster");
    const { state } = await start(attacker.token);
    const [payload, signature] = state.split(".") as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u: string };
    const forged = `${Buffer.from(JSON.stringify({ ...decoded, u: victim.id })).toString("base64url")}.${signature}`;
    const flipped = `${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    const requestsBefore = fake.requests.length;

    for (const bad of [forged, flipped, "nonsense", `${payload}.${signature}.extra`]) {
      const res = await get(`${CALLBACK}?${new URLSearchParams({ code: fake.issueCode(), state: bad })}`);
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHENTICATED");
    }
    clock.offsetMs += 11 * 60_000;
    try {
      const expired = await get(`${CALLBACK}?${new URLSearchParams({ code: fake.issueCode(), state })}`);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as ErrorBody).error.message).toMatch(/expired/);
    } finally {
      clock.offsetMs -= 11 * 60_000;
    }
    expect(fake.requests.length).toBe(requestsBefore);
    expect((await get(TOKEN, bearer(victim.token))).status).toBe(409);

    const missingCode = await get(`${CALLBACK}?${new URLSearchParams({ state })}`);
    expect(missingCode.status).toBe(400);
  });

  it("Cal.com failing (5xx) during a refresh answers 503 and keeps the connection for the next try", async () => {
    const user = await insertUser(service.db.pool, "caster");
    await connect(user.token);
    const old = await atomsToken(user.token);
    fake.failNext = 1;
    const failed = await get(REFRESH, bearer(old));
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as ErrorBody).error.code).toBe("CALCOM_UNAVAILABLE");
    expect(await atomsToken(user.token)).toBe(old);
    const retried = await get(REFRESH, bearer(old));
    expect(retried.status).toBe(200);
  });

  it("a refresh token Cal.com refuses ends the connection: CALCOM_NOT_CONNECTED until the user connects again", async () => {
    const user = await insertUser(service.db.pool, "caster");
    await connect(user.token);
    const old = await atomsToken(user.token);
    fake.refreshTokens.clear(); // revoked at Cal.com
    const res = await get(REFRESH, bearer(old));
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe("CALCOM_NOT_CONNECTED");
    expect((await get(TOKEN, bearer(user.token))).status).toBe(409);
    await connect(user.token);
    expect(await atomsToken(user.token)).not.toBe(old);
  });
});

describe("the atoms' token endpoints without Cal.com OAuth configured", () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("answers 404 CALCOM_OAUTH_OFF naming the unset variables on every path", async () => {
    for (const [method, path] of [
      ["GET", START],
      ["GET", `${CALLBACK}?code=a&state=b`],
      ["GET", TOKEN],
      ["GET", REFRESH],
      ["POST", REFRESH],
    ] as const) {
      const res = await fetch(`${service.url}${path}`, { method, headers: { authorization: "Bearer x" } });
      expect(res.status).toBe(404);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("CALCOM_OAUTH_OFF");
      expect(body.error.message).toContain("CALCOM_OAUTH_CLIENT_ID");
    }
  });
});
