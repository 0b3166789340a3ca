import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Cal.com's internal modules, for the takeone Cal.com app's tests (see that folder's README). */
const calcomStandIns = fileURLToPath(
  new URL("./plugin/app-store/takeone/test/calcom-stand-ins/", import.meta.url),
);

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: [{ find: /^@calcom\/(.*)$/, replacement: `${calcomStandIns}$1` }] },
        test: {
          name: "bridge",
          include: [
            "bridge/src/**/*.test.ts",
            "bridge/test/**/*.test.ts",
            // the Cal.com app runs against the real bridge: same database set-up
            "plugin/app-store/takeone/test/**/*.test.ts",
          ],
          environment: "node",
          globalSetup: ["bridge/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "plugin",
          // jsdom by default; files that need Node or a real browser say `@vitest-environment node`.
          include: ["plugin/src/**/*.test.{ts,tsx}", "plugin/test/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
