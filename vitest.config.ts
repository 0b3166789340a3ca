import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "bridge",
          include: ["bridge/src/**/*.test.ts", "bridge/test/**/*.test.ts"],
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
