import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "./env-schema.ts";

/** Secrets generated for a developer machine, kept in DATA_DIR/secrets.json (mode 600). */
export interface DevSecrets {
  CALCOM_WEBHOOK_SECRET: string;
  TAKEONE_JWT_SECRET: string;
  TAKEONE_EVENTS_SECRET: string;
}

export interface DevSecretsResult {
  config: Env;
  file: string;
  /** names of the variables whose value came from the file, not the environment */
  used: (keyof DevSecrets)[];
  isNew: boolean;
}

/**
 * Outside production, fills each unset secret from DATA_DIR/secrets.json, generating the file once,
 * so that a new clone verifies webhooks and signs tokens from the first start. Values set in the
 * environment always win. Production never reaches this: the config schema requires the secrets.
 */
export async function applyDevSecrets(config: Env): Promise<DevSecretsResult> {
  const file = path.resolve(config.DATA_DIR, "secrets.json");
  let secrets: DevSecrets | undefined;
  try {
    secrets = JSON.parse(await readFile(file, "utf8")) as DevSecrets;
  } catch {
    secrets = undefined;
  }
  const isNew = secrets === undefined;
  if (!secrets) {
    secrets = {
      CALCOM_WEBHOOK_SECRET: randomBytes(24).toString("base64url"),
      TAKEONE_JWT_SECRET: randomBytes(32).toString("base64url"),
      TAKEONE_EVENTS_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
    };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  const used: (keyof DevSecrets)[] = [];
  const next: Env = { ...config };
  if (!next.CALCOM_WEBHOOK_SECRET?.length) {
    next.CALCOM_WEBHOOK_SECRET = [secrets.CALCOM_WEBHOOK_SECRET];
    used.push("CALCOM_WEBHOOK_SECRET");
  }
  if (!next.TAKEONE_JWT_SECRET && !next.TAKEONE_JWKS_URL) {
    next.TAKEONE_JWT_SECRET = secrets.TAKEONE_JWT_SECRET;
    used.push("TAKEONE_JWT_SECRET");
  }
  if (!next.TAKEONE_EVENTS_SECRET) {
    next.TAKEONE_EVENTS_SECRET = secrets.TAKEONE_EVENTS_SECRET;
    used.push("TAKEONE_EVENTS_SECRET");
  }
  return { config: next, file, used, isNew };
}
