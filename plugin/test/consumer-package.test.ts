// @vitest-environment node
// The package as a consumer gets it (STYLE.md 12): build it with its own build config into a fresh
// node_modules/@takeone/calcom-plugin, type-check a consumer against the emitted declarations, run the
// emitted ESM in Node (server rendering), and bundle a consumer with Vite to check what it pulls in.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pluginDir = fileURLToPath(new URL("..", import.meta.url));
const rootDir = join(pluginDir, "..");
const tsc = join(rootDir, "node_modules/typescript/bin/tsc");

let work: string;
let packageDir: string;

beforeAll(async () => {
  // Under the root node_modules: the consumer resolves its own copy of the plugin first, and React,
  // embed-react, zod and the bridge contract from the workspace, like an installed app would.
  work = await mkdtemp(join(rootDir, "node_modules/.takeone-consumer-"));
  packageDir = join(work, "node_modules/@takeone/calcom-plugin");
  await mkdir(packageDir, { recursive: true });
  await cp(join(pluginDir, "package.json"), join(packageDir, "package.json"));
  await run(process.execPath, [
    tsc,
    "-p",
    join(pluginDir, "tsconfig.build.json"),
    "--outDir",
    join(packageDir, "dist"),
  ]);
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the built package, as a consumer uses it", { timeout: 120_000 }, () => {
  it("type-checks a consumer against the emitted declarations", async () => {
    await writeFile(
      join(work, "consumer.tsx"),
      `import { AuditionBookings, BookAudition, createBridgeClient, type BridgeResult, type Booking } from "@takeone/calcom-plugin";
const client = createBridgeClient({ baseUrl: "https://bridge.example", getToken: () => "t", locale: "ar" });
export const page = <AuditionBookings client={client} locale="ar" showHijri />;
export const embed = (
  <BookAudition calOrigin="https://cal.example" calLink="takeone/audition" caster={{ name: "C", email: "c@example.com" }}
    application={{ id: "a", castingCallTitle: "T", talent: { name: "N", email: "n@example.com" } }}
    onBookingComplete={({ uid, rescheduled }) => console.log(uid.length, rescheduled)} />
);
export async function first(): Promise<Booking | null> {
  const result: BridgeResult<{ bookings: Booking[] }> = await client.listBookings({ upcoming: "true" });
  return result.ok ? (result.value.bookings[0] ?? null) : null;
}
// @ts-expect-error: calLink is required
export const wrong = <BookAudition calOrigin="x" caster={{ name: "", email: "" }} application={{ id: "", castingCallTitle: "", talent: { name: "", email: "" } }} />;
`,
    );
    await writeFile(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: join(rootDir, "tsconfig.base.json"),
        compilerOptions: { noEmit: true, jsx: "react-jsx", lib: ["ES2023", "DOM"], types: [] },
        files: ["consumer.tsx"],
      }),
    );
    const result = await run(process.execPath, [tsc, "-p", join(work, "tsconfig.json")]).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    expect(result.stdout).toBe("");
  });

  it("runs the emitted ESM in Node: BookAudition renders on the server, in Arabic", async () => {
    const plugin = await import(pathToFileURL(join(packageDir, "dist/index.js")).href);
    const { createElement } = await import("react");
    const { renderToString } = await import("react-dom/server");
    const html = renderToString(
      createElement(plugin.BookAudition, {
        calOrigin: "https://cal.example",
        calLink: "takeone/audition",
        caster: { name: "C", email: "c@example.com" },
        application: { id: "a", castingCallTitle: "T", talent: { name: "N", email: "n@example.com" } },
        locale: "ar",
      }),
    );
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("جارٍ تحميل تقويم الحجز من Cal.com…");
  });

  it("bundles BookAudition without zod, the bookings page or atoms", async () => {
    const { build } = await import("vite");
    await writeFile(join(work, "entry.js"), `export { BookAudition } from "@takeone/calcom-plugin";`);
    await build({
      configFile: false,
      logLevel: "silent",
      root: work,
      build: {
        outDir: join(work, "out"),
        lib: { entry: join(work, "entry.js"), formats: ["es"], fileName: "bundle" },
        rollupOptions: { external: ["react", "react-dom", "react/jsx-runtime"] },
        minify: false,
      },
    });
    const bundle = await readFile(join(work, "out/bundle.js"), "utf8");
    expect(bundle).toContain("/embed/embed.js"); // the self-hosted default
    expect(bundle).toContain("metadata[applicationId]");
    expect(bundle).not.toMatch(/ZodError|\$ZodType/);
    expect(bundle).not.toContain("function AuditionBookings");
    expect(bundle).not.toContain("@calcom/atoms");
  });
});
