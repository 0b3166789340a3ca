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
    ],
  },
});
