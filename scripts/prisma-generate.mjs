// Runs `prisma generate` without reaching the internet.
//
// Prisma 7's `prisma-client` generator needs no engine at run time, but the CLI still tries to
// download a schema engine before generating. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// file skips that download (see ../shared/reference/machine-facts.md); generation itself does not
// run the engine. The bridge applies migrations itself, so the real engine is never needed.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");

const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
