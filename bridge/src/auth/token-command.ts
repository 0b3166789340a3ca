import { type Command, InvalidArgumentError } from "commander";
import { applyDevSecrets, ConfigError, loadConfig } from "../config/index.ts";
import { mintAccessToken, tokenTtlSchema } from "./mint-access-token.ts";

/**
 * The secret tokens are signed with: TAKEONE_JWT_SECRET, or outside production the dev secret the
 * bridge generated under DATA_DIR (config/dev-secrets.ts) — the one a local `npm start` verifies with —
 * and the issuer and audience the bridge requires, if configured.
 */
export async function readSigningKeys(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ secret: string; issuer?: string | undefined; audience?: string | undefined }> {
  let config = loadConfig(env);
  if (config.NODE_ENV !== "production") config = (await applyDevSecrets(config)).config;
  if (!config.TAKEONE_JWT_SECRET) {
    throw new ConfigError([
      {
        variable: "TAKEONE_JWT_SECRET",
        message: "not set: with TAKEONE_JWKS_URL only, tokens come from the key holder, not from this CLI",
      },
    ]);
  }
  return {
    secret: config.TAKEONE_JWT_SECRET,
    issuer: config.TAKEONE_JWT_ISSUER,
    audience: config.TAKEONE_JWT_AUDIENCE,
  };
}

export function registerTokenCommand(program: Command): void {
  program
    .command("token")
    .description("print a TakeOne access token (HS256, signed with TAKEONE_JWT_SECRET) for development")
    .requiredOption("--user <id>", "User.id the token is for (its role is read from the User row)")
    .option("--ttl <lifetime>", "lifetime: 30s, 15m, 1h, 7d", parseTtl, "1h")
    .addHelpText(
      "after",
      '\nExample:\n  curl -H "Authorization: Bearer $(npx takeone-cal token --user usr_1)" localhost:3100/api/v1/bookings',
    )
    .action(async (options: { user: string; ttl: string }) => {
      const keys = await readSigningKeys();
      process.stdout.write(`${await mintAccessToken({ ...keys, userId: options.user, ttl: options.ttl })}\n`);
    });
}

function parseTtl(value: string): string {
  const result = tokenTtlSchema.safeParse(value);
  if (!result.success) throw new InvalidArgumentError(result.error.issues[0]?.message ?? "not a lifetime");
  return result.data;
}
