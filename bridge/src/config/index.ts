export { applyDevSecrets, type DevSecrets, type DevSecretsResult } from "./dev-secrets.ts";
export type { Env } from "./env-schema.ts";
export { ConfigError, loadConfig } from "./load-config.ts";
