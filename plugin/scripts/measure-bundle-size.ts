// Measures what BookAudition costs a consumer: a Vite production build of a one-line entry that
// renders it, against the same build of @calcom/embed-react alone, React left out of both.
// Run: npm run size -w plugin (builds the plugin's dist first). Prints bytes and gzipped bytes.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const entries = {
  "BookAudition (@takeone/calcom-plugin)": `import { BookAudition } from "@takeone/calcom-plugin"; export default BookAudition;`,
  "AuditionBookings + createBridgeClient": `import { AuditionBookings, createBridgeClient } from "@takeone/calcom-plugin"; export { AuditionBookings, createBridgeClient };`,
  "whole plugin": `export * from "@takeone/calcom-plugin";`,
  "@calcom/embed-react alone": `import Cal from "@calcom/embed-react"; export default Cal;`,
};

// Inside the package, so the entry resolves packages from the workspace node_modules.
const work = await mkdtemp(join(process.cwd(), ".size-"));
try {
  for (const [name, code] of Object.entries(entries)) {
    const entry = join(work, "entry.js");
    await writeFile(entry, code);
    const outDir = join(work, "out");
    await build({
      configFile: false,
      logLevel: "silent",
      root: process.cwd(),
      build: {
        outDir,
        emptyOutDir: true,
        lib: { entry, formats: ["es"], fileName: "bundle" },
        rollupOptions: { external: ["react", "react-dom", "react/jsx-runtime", "react-dom/client"] },
      },
    });
    let bytes = 0;
    let gzipped = 0;
    for (const file of await readdir(outDir)) {
      const body = await readFile(join(outDir, file));
      bytes += body.length;
      gzipped += gzipSync(body, { level: 9 }).length;
    }
    console.log(`${name}: ${bytes} B, ${gzipped} B gzipped`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
