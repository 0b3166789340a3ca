import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema } from "../src/config/env-schema.ts";

/**
 * There is no Docker engine here, so the stack is checked by reading it: the services, ports,
 * health checks and the variables each one needs (calcom-facts §5), and that every variable given
 * to the bridge is one the bridge knows (env-schema.ts).
 */
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  profiles?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  networks?: string[];
  command?: string[];
}

/** Compose's `${NAME:-fallback}` (a default used when the variable is unset or empty). */
const composeVar = (name: string, fallback: string) => `$${"{"}${name}:-${fallback}}`;

const repoRoot = path.resolve(import.meta.dirname, "../..");

describe("docker-compose.calcom.yml", () => {
  let services: Record<string, Service>;
  let text: string;
  beforeAll(async () => {
    text = await readFile(path.join(repoRoot, "docker-compose.calcom.yml"), "utf8");
    services = parse(text, { merge: true }).services;
  });

  it("runs Cal.com, its database, the cron, the bridge and its database by default; API v2 and Redis with the atoms profile", () => {
    const byDefault = Object.entries(services)
      .filter(([, s]) => !s.profiles)
      .map(([name]) => name);
    const atoms = Object.entries(services)
      .filter(([, s]) => s.profiles?.includes("atoms"))
      .map(([name]) => name);
    expect(byDefault.sort()).toEqual(["bridge", "bridge-db", "calcom", "calcom-cron", "calcom-db"]);
    expect(atoms.sort()).toEqual(["calcom-api", "redis"]);
    for (const service of Object.values(services)) expect(service.networks).toEqual(["takeone"]);
  });

  it("uses the official Cal.com image and publishes the documented ports", () => {
    expect(services.calcom?.image).toMatch(/^calcom\/cal\.com:/);
    expect(services.calcom?.ports).toEqual([`${composeVar("CALCOM_PORT", "3000")}:3000`]);
    expect(services.bridge?.ports).toEqual([`${composeVar("BRIDGE_PORT", "3100")}:3100`]);
    expect(services.bridge?.build).toEqual({ context: ".", dockerfile: "bridge/Dockerfile" });
    expect(services["calcom-api"]?.build?.dockerfile).toBe("apps/api/v2/Dockerfile");
  });

  it("gives Cal.com the variables it requires (§5.3) and API v2 the same NEXTAUTH_SECRET", () => {
    const env = services.calcom?.environment ?? {};
    for (const name of [
      "DATABASE_URL",
      "NEXT_PUBLIC_WEBAPP_URL",
      "NEXTAUTH_SECRET",
      "CALENDSO_ENCRYPTION_KEY",
      "CRON_API_KEY",
    ]) {
      expect(env[name], name).toBeTruthy();
    }
    expect(env.DATABASE_URL).toContain("@calcom-db:5432/");
    const api = services["calcom-api"]?.environment ?? {};
    expect(api.NEXTAUTH_SECRET).toBe(env.NEXTAUTH_SECRET);
    expect(api.REDIS_URL).toBe("redis://redis:6379");
    expect(api).toHaveProperty("CALCOM_LICENSE_KEY");
  });

  it("calls Cal.com's webhookTriggers cron every minute with CRON_API_KEY (MEETING_ENDED, §5.5)", () => {
    const script = services["calcom-cron"]?.command?.join(" ") ?? "";
    expect(script).toMatch(
      /POST -H "Authorization: \$\$\{CRON_API_KEY\}" http:\/\/calcom:3000\/api\/cron\/webhookTriggers/,
    );
    expect(script).toMatch(/sleep 60/);
  });

  it("health-checks every long-running service, and starts each after what it needs", () => {
    for (const name of ["calcom-db", "calcom", "bridge-db", "bridge", "redis"]) {
      expect(services[name]?.healthcheck?.test, name).toBeDefined();
    }
    expect(services.calcom?.depends_on?.["calcom-db"]?.condition).toBe("service_healthy");
    expect(services.bridge?.depends_on?.["bridge-db"]?.condition).toBe("service_healthy");
  });

  it("configures the bridge only with variables it knows, required secrets marked required", () => {
    const env = services.bridge?.environment ?? {};
    const known = Object.keys(envSchema.shape);
    expect(Object.keys(env).filter((name) => !known.includes(name))).toEqual([]);
    expect(env.CALCOM_WEBHOOK_SECRET).toMatch(/:\?/);
    expect(env.TAKEONE_JWT_SECRET).toMatch(/:\?/);
    expect(env.DATABASE_URL).toContain("@bridge-db:5432/");
    expect(env.BRIDGE_PUBLIC_URL).toBe(composeVar("BRIDGE_PUBLIC_URL", "http://bridge:3100"));
  });

  it("builds the bridge in stages and runs it as a non-root user", async () => {
    const dockerfile = await readFile(path.join(repoRoot, "bridge/Dockerfile"), "utf8");
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/COPY prisma\/migrations prisma\/migrations/);
  });
});
