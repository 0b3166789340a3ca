// Real headless Chromium for browser tests: @sparticuz/chromium ships a Chromium build inside the npm
// package (machine-facts.md "Browsers"), unpacked to /tmp on first use; no download, no apt step.
// A launch failure throws: browser tests fail loudly rather than skip.
import chromium from "@sparticuz/chromium";
import { type Browser, chromium as playwright } from "playwright-core";

// @sparticuz/chromium's defaults are tuned for AWS Lambda. These would make the test less like a real
// browser (cross-origin isolation off) or kill the browser with its last page (single process).
const DROPPED = [
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--disable-site-isolation-trials",
  "--disable-features=AudioServiceOutOfProcess,IsolateOrigins,site-per-process",
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  return playwright.launch({
    executablePath,
    headless: true,
    // As root, Chromium needs --no-sandbox (also in sparticuz's list).
    args: [...chromium.args.filter((arg) => !DROPPED.includes(arg)), "--no-sandbox"],
  });
}
