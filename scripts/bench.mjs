// Measures the built page: sizes of every file in dist/ (raw and gzip -9), and over 10 fresh
// loads in headless Chromium the median time to the app being mounted and to first contentful
// paint, plus the time from a keystroke to the updated result; then the Capacity tab importing
// and fitting a 1,000,000-row CSV (about 30 MB): total time, and the longest time the page was
// busy at once (long tasks) while reading and while analysing, and the same for a reload that
// restores the stored series. Prints one JSON object. Numbers are reported, never asserted.
// `node scripts/bench.mjs capacity` runs only the Capacity entry.

import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, startServer } from "../tests/e2e/support.mjs";
import { longTasks, recordLongTasks, writeLongCsv } from "../tests/e2e/long-series.mjs";

const dist = process.env.HEADROOM_DIST;
const ONLY_CAPACITY = process.argv[2] === "capacity";
const LOADS = ONLY_CAPACITY ? 0 : 10;

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

const top = (tasks, count = 5) =>
  [...tasks]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, count)
    .map((t) => ({ at_ms: round(t.start), ms: round(t.duration) }));
const longest = (tasks) => round(Math.max(0, ...tasks.map((t) => t.duration)));

/**
 * Imports a generated 1,000,000-row CSV (about 30 MB) through the file input and times it: the
 * longest task while the file is read (up to the import summary) and after it (the analysis),
 * then reloads the page, which restores the stored series, and times that too. Task times are
 * ms after the file was picked (or after navigation, for the reload).
 */
async function benchCapacityImport(browser, url) {
  const rows = 1_000_000;
  const file = writeLongCsv(rows);
  const bytes = statSync(file).size;
  const context = await browser.newContext();
  await recordLongTasks(context, ["#capacity-import-summary", "#capacity-fit", "#capacity-series-loading"]);
  const page = await context.newPage();
  try {
    await page.goto(`${url}#/capacity`);
    await page.waitForSelector("#capacity-file", { state: "attached" });
    await page.waitForTimeout(500);
    const picked = await page.evaluate(() => performance.now());
    const began = Date.now();
    await page.setInputFiles("#capacity-file", file);
    await page.waitForFunction(
      () => /Imported 1,000,000 samples/.test(document.querySelector("#capacity-import-summary")?.textContent ?? ""),
      null,
      { timeout: 120_000 },
    );
    await page.waitForSelector("#capacity-fit", { timeout: 120_000 });
    const total = Date.now() - began;
    const { tasks, seen } = await longTasks(page);
    const loading = tasks.filter((t) => t.start < picked);
    const after = tasks.filter((t) => t.start >= picked).map((t) => ({ ...t, start: t.start - picked }));
    const summaryAt = seen["#capacity-import-summary"] - picked;
    const reading = after.filter((t) => t.start < summaryAt);
    const analysis = after.filter((t) => t.start >= summaryAt);

    // The series is packed and stored in the background; a reload restores it.
    const stored = await page
      .waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("headroom.series.")), null, {
        timeout: 60_000,
      })
      .then(() => true, () => false);
    let reload = null;
    if (stored) {
      await page.reload();
      await page.waitForSelector("#capacity-fit, #capacity-series-note", { timeout: 120_000 });
      const again = await longTasks(page);
      const note = await page.$("#capacity-series-note");
      reload = {
        problem: note ? await note.textContent() : null,
        ms_to_forecast_shown: round(again.seen["#capacity-fit"] ?? -1),
        loading_shown: again.seen["#capacity-series-loading"] !== undefined,
        long_tasks: again.tasks.length,
        longest_task_ms: longest(again.tasks),
        longest_tasks: top(again.tasks),
      };
    }
    return {
      rows,
      file_bytes: bytes,
      ms_to_forecast_shown: total,
      ms_to_import_summary: round(summaryAt),
      long_tasks: after.length,
      longest_task_ms: longest(after),
      longest_task_ms_reading: longest(reading),
      longest_task_ms_analysis: longest(analysis),
      longest_tasks: top(after),
      longest_task_ms_opening_the_empty_tab: longest(loading),
      series_stored: stored,
      reload_restoring_the_series: reload,
    };
  } finally {
    await context.close();
    rmSync(dirname(file), { recursive: true, force: true });
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
      median_ms_to_app_mounted: LOADS ? round(median(mounted)) : null,
      median_ms_to_first_contentful_paint: LOADS ? round(median(paints)) : null,
      median_ms_keystroke_to_updated_result: LOADS ? round(median(keystrokes)) : null,
      capacity_import_1m_rows: capacity,
    },
    null,
    2,
  ),
);
