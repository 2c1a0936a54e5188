// Shared helpers for the end-to-end tests: a static server for the built page and a headless
// Debian Chromium driven by playwright-core (which downloads no browser of its own).

import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = process.env.HEADROOM_DIST ?? join(ROOT, "target/e2e-dist");
export const SCREENSHOTS = join(ROOT, "target/screenshots");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Serves the built page (or the folder `dir`) on 127.0.0.1 at a free port, under `base`. */
export function startServer({ base = "/", dir = DIST } = {}) {
  const child = spawn(
    process.execPath,
    [join(ROOT, "scripts/static-server.mjs"), "--dir", dir, "--port", "0", "--base", base],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error("static server did not start")), 10_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      const match = /serving (http:\/\/\S+)/.exec(chunk);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], close: () => child.kill() });
      }
    });
    child.on("exit", (code) => reject(new Error(`static server exited with ${code}`)));
  });
}

/** Starts headless Chromium with a fresh profile (playwright gives each launch its own). */
export function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * Opens `url` in a new browser context and records console errors, uncaught exceptions and every
 * request. `before(context)` runs before the page loads (to plant storage or scripts).
 */
export async function openApp(browser, url, { colorScheme = "light", before } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  if (before) await before(context);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(url);
  await waitForApp(page);
  return { context, page, problems, requests };
}

/**
 * Follows a share link in a page that is already open. When only the fragment changes, the page
 * starts again to read the link (links are read at start), so this waits for that new load.
 */
export async function followLink(page, url) {
  await Promise.all([page.waitForEvent("load"), page.goto(url)]);
  await waitForApp(page);
}

/** Waits until the app has mounted (its tab bar is in the page) and its tab is shown. */
export async function waitForApp(page) {
  await page.waitForSelector("nav.tabs a.tab", { timeout: 15_000 });
  await waitForTab(page);
}

/** Waits until the shown tab's code has loaded (every tab but Budget is a lazy wasm chunk). */
export async function waitForTab(page) {
  await page.waitForSelector("main .loading", { state: "detached", timeout: 15_000 });
}

/** Saves a full-page screenshot as target/screenshots/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Replaces a field's text the way a person does: select all, type. */
export async function typeInto(page, selector, text) {
  await page.fill(selector, "");
  if (text !== "") await page.type(selector, text);
}
