// Measures the built page: sizes of every file in dist/ (raw and gzip -9), and over 10 fresh
// loads in headless Chromium the median time to the app being mounted and to first contentful
// paint, plus the time from a keystroke to the updated result; then the Capacity tab importing
// and fitting a 1,000,000-row CSV (about 30 MB): total time, and the longest time the page was
// busy at once (long tasks). Prints one JSON object. Numbers are reported, never asserted.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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

/** Imports a generated 1,000,000-row CSV through the file input and times it. */
async function benchCapacityImport(browser, url) {
  const rows = 1_000_000;
  const folder = mkdtempSync(join(tmpdir(), "headroom-bench-"));
  const file = join(folder, "million.csv");
  const lines = ["timestamp,value"];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const when = new Date(start + i * 30_000).toISOString().replace("T", " ").slice(0, 19);
    lines.push(`${when},${(50 + 20 * Math.sin(i / 2880) + ((i * 7919) % 1000) / 100).toFixed(3)}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
  const bytes = statSync(file).size;
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${url}#/capacity`);
    await page.waitForSelector("#capacity-file", { state: "attached" });
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: "longtask" });
    });
    const began = Date.now();
    await page.setInputFiles("#capacity-file", file);
    await page.waitForFunction(
      () => /Imported 1,000,000 samples/.test(document.querySelector("#capacity-import-summary")?.textContent ?? ""),
      null,
      { timeout: 120_000 },
    );
    await page.waitForSelector("#capacity-fit", { timeout: 120_000 });
    const total = Date.now() - began;
    const longTasks = await page.evaluate(() => window.__longTasks);
    return {
      rows,
      file_bytes: bytes,
      ms_to_forecast_shown: total,
      long_tasks: longTasks.length,
      longest_task_ms: round(Math.max(0, ...longTasks)),
    };
  } finally {
    await context.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

const server = await startServer();
const browser = await launchBrowser();
let capacity = null;
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

  capacity = await benchCapacityImport(browser, server.url);
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
      capacity_import_1m_rows: capacity,
    },
    null,
    2,
  ),
);
