// Measures the built page: sizes of every file in dist/ (raw and gzip -9), and over 10 fresh
// loads in headless Chromium the median time to the app being mounted and to first contentful
// paint, plus the time from a keystroke to the updated result. Prints one JSON object.
// Numbers are reported, never asserted.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, startServer } from "../tests/e2e/support.mjs";

const dist = process.env.HEADROOM_DIST;
const LOADS = 10;

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (ms) => Math.round(ms * 10) / 10;

const sizes = files(dist).map((path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(dist, path),
    raw_bytes: bytes.length,
    gzip9_bytes: gzipSync(bytes, { level: 9 }).length,
  };
});
const total = {
  raw_bytes: sizes.reduce((sum, f) => sum + f.raw_bytes, 0),
  gzip9_bytes: sizes.reduce((sum, f) => sum + f.gzip9_bytes, 0),
};

const server = await startServer();
const browser = await launchBrowser();
const mounted = [];
const paints = [];
const keystrokes = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("#window-downtime");
    mounted.push(await page.evaluate(() => performance.now()));
    paints.push(
      await page.evaluate(
        () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1,
      ),
    );
    keystrokes.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const input = document.querySelector("#slo-target");
            const figure = document.querySelector("#window-downtime");
            const before = figure.textContent;
            const start = performance.now();
            const done = () => resolve(performance.now() - start);
            new MutationObserver(() => {
              if (document.querySelector("#window-downtime")?.textContent !== before) done();
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
            input.value = "99.95";
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }),
      ),
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

console.log(
  JSON.stringify(
    {
      dist: relative(process.cwd(), dist) || dist,
      files: sizes,
      total,
      loads: LOADS,
      median_ms_to_app_mounted: round(median(mounted)),
      median_ms_to_first_contentful_paint: round(median(paints)),
      median_ms_keystroke_to_updated_result: round(median(keystrokes)),
    },
    null,
    2,
  ),
);
