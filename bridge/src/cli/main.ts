#!/usr/bin/env node
// takeone-cal: the admin CLI. Every command calls the same capability functions as the HTTP API.
import { Command, CommanderError } from "commander";
import { registerTokenCommand } from "../auth/token-command.ts";
import { registerCalcomCommands } from "../calcom/index.ts";
import { ConfigError } from "../config/index.ts";
import { MigrationError } from "../db/migrations/apply-migrations.ts";
import { registerDemoDataCommand } from "../demo/demo-data-command.ts";
import { registerEventsCommand } from "../events/events-command.ts";
import { registerPropagationsCommand } from "../propagation/propagations-command.ts";
import { registerSyncCommand } from "../sync/sync-command.ts";
import { registerWebhookCommands } from "../webhooks/webhook-commands.ts";
import { EXIT } from "./exit-codes.ts";
import { registerMigrateCommand } from "./migrate-command.ts";
import { registerServeCommands } from "./serve-command.ts";

const program = new Command("takeone-cal")
  .description("Admin CLI of the TakeOne × Cal.com bridge")
  .showHelpAfterError()
  .exitOverride();

registerServeCommands(program);
registerMigrateCommand(program);
registerWebhookCommands(program);
registerEventsCommand(program);
registerTokenCommand(program);
registerDemoDataCommand(program);
registerCalcomCommands(program);
registerSyncCommand(program);
registerPropagationsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; usage mistakes with EXIT.CONFIG.
    process.exit(error.exitCode === 0 ? EXIT.OK : EXIT.CONFIG);
  }
  if (error instanceof ConfigError || error instanceof MigrationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT.CONFIG);
  }
  process.stderr.write(`takeone-cal: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.FAILURE);
}
