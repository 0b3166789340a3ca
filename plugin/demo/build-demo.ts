// Builds the demo page with Vite into `outDir` (the browser test builds into a temporary directory).
import { fileURLToPath } from "node:url";
import { build } from "vite";

export async function buildDemo(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: fileURLToPath(new URL(".", import.meta.url)),
    base: "./",
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, target: "es2022", sourcemap: false },
  });
}
