// `npm run build -w plugin` (so `npm install`) ends here: the demo app into plugin/demo/dist, which
// the bridge serves at / outside production (bridge/src/demo-app) and `npm run demo` serves too.
import { fileURLToPath } from "node:url";
import { buildDemo } from "../demo/build-demo.ts";

const started = Date.now();
await buildDemo(fileURLToPath(new URL("../demo/dist/", import.meta.url)));
console.log(`demo app built into plugin/demo/dist in ${Date.now() - started} ms`);
