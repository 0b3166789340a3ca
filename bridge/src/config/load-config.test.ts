import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./load-config.ts";

function problemsOf(env: NodeJS.ProcessEnv): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: "development",
      PORT: 3100,
      DATA_DIR: ".takeone",
      CALCOM_URL: "http://localhost:3000",
      REMINDER_SWEEP_MS: 60_000,
      LOG_LEVEL: "info",
      WEBHOOK_BODY_LIMIT_BYTES: 1024 * 1024,
      CALCOM_APPLICATION_FIELD: "applicationId",
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads a comma-separated webhook secret list as a rotation set", () => {
    expect(loadConfig({ CALCOM_WEBHOOK_SECRET: " new-secret, old-secret ,," }).CALCOM_WEBHOOK_SECRET).toEqual(
      ["new-secret", "old-secret"],
    );
  });

  it("treats empty strings as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", PORT: "" });
    expect(config.PORT).toBe(3100);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ CALCOM_URL: "cal.example.com" }, "CALCOM_URL"],
    [{ TAKEONE_EVENTS_SECRET: "plain" }, "TAKEONE_EVENTS_SECRET"],
    [{ REMINDER_SWEEP_MS: "-5" }, "REMINDER_SWEEP_MS"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("names the variable of a bad value: %o", (env, variable) => {
    const problems = problemsOf(env);
    expect(problems.map((p) => p.variable)).toEqual([variable]);
  });

  it("says what a bad enum value should be", () => {
    expect(problemsOf({ LOG_LEVEL: "loud" })[0]?.message).toMatch(/expected one of "fatal", "error"/);
  });

  it("requires the secrets in production, naming each missing one", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      TAKEONE_EVENTS_URL: "https://takeone.example/hooks",
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      "CALCOM_WEBHOOK_SECRET",
      "TAKEONE_EVENTS_SECRET",
      "TAKEONE_JWT_SECRET",
    ]);
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        CALCOM_WEBHOOK_SECRET: "s1",
        TAKEONE_JWKS_URL: "https://takeone.example/.well-known/jwks.json",
      }),
    ).not.toThrow();
  });

  it("names the missing rest of a partial Cal.com OAuth configuration", () => {
    expect(problemsOf({ CALCOM_OAUTH_CLIENT_ID: "client" }).map((p) => p.variable)).toEqual([
      "CALCOM_OAUTH_CLIENT_SECRET",
      "CALCOM_OAUTH_REDIRECT_URL",
      "CALCOM_API_URL",
    ]);
    const config = loadConfig({
      CALCOM_OAUTH_CLIENT_ID: "client",
      CALCOM_OAUTH_CLIENT_SECRET: "secret-0123",
      CALCOM_OAUTH_REDIRECT_URL: "https://bridge.example/api/v1/calcom/oauth/callback",
      CALCOM_API_URL: "https://cal-api.example/v2",
    });
    expect(config.CALCOM_OAUTH_CLIENT_ID).toBe("client");
  });

  it("lists every problem at once in its message", () => {
    expect(() => loadConfig({ PORT: "x", CALCOM_URL: "nope" })).toThrow(/PORT: .*\n.*CALCOM_URL: /s);
  });
});
