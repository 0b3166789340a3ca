import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Cal.com API v2's OAuth2 token endpoint, `POST /v2/auth/oauth2/token`, answering
 * only in the shape Cal.com documents (calcom-facts §3.1): request `{client_id, client_secret,
 * grant_type: "authorization_code"|"refresh_token", code|refresh_token, redirect_uri}`, answer
 * `{access_token, refresh_token, expires_in}`. Codes and refresh tokens are single-use (refresh
 * tokens rotate); anything else it refuses with 400.
 */
export interface FakeCalcomOAuth {
  /** the API v2 base URL (…/v2), for CALCOM_API_URL */
  url: string;
  clientId: string;
  clientSecret: string;
  /** what Cal.com would append to the redirect after the user approves */
  issueCode(): string;
  /** the refresh tokens currently valid */
  refreshTokens: Set<string>;
  /** seconds, in each answer */
  expiresIn: number;
  /** how many of the next requests get a 500 instead */
  failNext: number;
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startFakeCalcomOAuth(): Promise<FakeCalcomOAuth> {
  const codes = new Set<string>();
  let counter = 0;
  const fake = {
    clientId: "takeone-client",
    clientSecret: "takeone-client-secret-0123",
    refreshTokens: new Set<string>(),
    expiresIn: 1800,
    failNext: 0,
    requests: [] as FakeCalcomOAuth["requests"],
    issueCode() {
      const code = `code-${++counter}`;
      codes.add(code);
      return code;
    },
  };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      // a body that is not JSON is refused below like any other bad request
    }
    fake.requests.push({ path: req.url ?? "", body });
    const refuse = (message: string) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "error", error: { code: "BadRequestException", message } }));
    };
    if (fake.failNext > 0) {
      fake.failNext--;
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "error", error: { code: "InternalServerErrorException" } }));
      return;
    }
    if (req.method !== "POST" || req.url !== "/v2/auth/oauth2/token") return refuse("unknown route");
    if (body.client_id !== fake.clientId || body.client_secret !== fake.clientSecret) {
      return refuse("invalid client");
    }
    if (body.grant_type === "authorization_code") {
      if (typeof body.code !== "string" || !codes.delete(body.code)) return refuse("invalid code");
      if (typeof body.redirect_uri !== "string") return refuse("redirect_uri required");
    } else if (body.grant_type === "refresh_token") {
      if (typeof body.refresh_token !== "string" || !fake.refreshTokens.delete(body.refresh_token)) {
        return refuse("invalid refresh token");
      }
    } else {
      return refuse("unsupported grant_type");
    }
    const n = ++counter;
    const refreshToken = `refresh-${n}`;
    fake.refreshTokens.add(refreshToken);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        access_token: `access-${n}`,
        refresh_token: refreshToken,
        expires_in: fake.expiresIn,
      }),
    );
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v2`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
