// @vitest-environment node
import { describe, expect, it } from "vitest";

describe("atoms stay optional", () => {
  it("no plugin source imports @calcom/atoms (an app without it bundles nothing of it)", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const root = new URL("../", import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(await readFile(new URL(file, root), "utf8"), file).not.toMatch(
        /^\s*(import|export)\b[^\n]*["']@calcom\/atoms/m,
      );
    }
  });
});
