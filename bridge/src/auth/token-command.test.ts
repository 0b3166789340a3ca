import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, insertUser } from "../../test/api-fixtures.ts";
import { startTestService, TEST_JWT_SECRET, type TestService } from "../../test/start-test-service.ts";
import { readSigningKeys } from "./token-command.ts";

const run = promisify(execFile);

/** `takeone-cal …` as a user runs it, from the repository root. */
async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "bridge/src/cli/main.ts", ...args],
      {
        env: { PATH: process.env.PATH ?? "", ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("takeone-cal token", () => {
  let service: TestService;
  let dataDir: string;
  beforeAll(async () => {
    service = await startTestService();
    dataDir = await mkdtemp(path.join(tmpdir(), "takeone-token-"));
  });
  afterAll(async () => {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("mints a token the bridge accepts, with sub and exp from --user and --ttl", async () => {
    const user = await insertUser(service.db.pool, "caster");
    const { code, stdout } = await cli(["token", "--user", user.id, "--ttl", "15m"], {
      TAKEONE_JWT_SECRET: TEST_JWT_SECRET,
    });
    expect(code).toBe(0);
    const token = stdout.trim();
    const claims = decodeJwt(token);
    expect(claims.sub).toBe(user.id);
    expect((claims.exp as number) - (claims.iat as number)).toBe(15 * 60);
    expect((await callApi(service.url, "GET", "/api/v1/bookings", { token })).status).toBe(200);
  });

  it("refuses a bad --ttl and a missing --user with the usage exit code (2)", async () => {
    const env = { TAKEONE_JWT_SECRET: TEST_JWT_SECRET };
    const badTtl = await cli(["token", "--user", "u1", "--ttl", "forever"], env);
    expect(badTtl.code).toBe(2);
    expect(badTtl.stderr).toContain("30s, 15m, 1h or 7d");
    expect((await cli(["token"], env)).code).toBe(2);
  });

  it("signs with the dev secret under DATA_DIR when TAKEONE_JWT_SECRET is unset (what npm start verifies with)", async () => {
    const first = (await readSigningKeys({ DATA_DIR: dataDir })).secret;
    expect((await readSigningKeys({ DATA_DIR: dataDir })).secret).toBe(first);
    expect(
      await readSigningKeys({
        DATA_DIR: dataDir,
        TAKEONE_JWT_SECRET: TEST_JWT_SECRET,
        TAKEONE_JWT_ISSUER: "takeone",
      }),
    ).toEqual({
      secret: TEST_JWT_SECRET,
      issuer: "takeone",
      audience: undefined,
    });
  });

  it("explains that it cannot mint when only TAKEONE_JWKS_URL is configured", async () => {
    const res = await cli(["token", "--user", "u1"], {
      NODE_ENV: "production",
      CALCOM_WEBHOOK_SECRET: "x".repeat(20),
      TAKEONE_JWKS_URL: "https://auth.example/jwks.json",
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("TAKEONE_JWT_SECRET");
  });
});
