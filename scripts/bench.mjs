// Measures the built page: sizes of every file in dist/ (raw and gzip -9); what the first load
// (the Budget tab) fetches and what each other tab's first opening adds (its wasm chunks), from
// the requests of headless Chromium with the service worker blocked (the worker later keeps
// every file for offline use, in the background); and over 10 fresh
// loads in headless Chromium the median time to the app being mounted and to first contentful
// paint, plus the time from a keystroke to the updated result; then the Capacity tab importing
// and fitting a 1,000,000-row CSV (about 31 MB): the time to the summary and to the forecast,
// and how long the page was busy at once while reading and while analysing (wall-clock long
// tasks, and the busiest task's CPU time from a trace), and the same for a reload that reads
// the stored series back. Prints one JSON object. Numbers are reported, never asserted.
// `node scripts/bench.mjs capacity` runs only the Capacity entry.

import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, startServer } from "../tests/e2e/support.mjs";
import {
  busiest,
  longTasks,
  mark,
  recordLongTasks,
  traceTasks,
  writeLongCsv,
} from "../tests/e2e/long-series.mjs";

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

/**
 * Imports `file` (the generated million-row CSV) through the Capacity tab's file input, waits
 * for the forecast and for the series to be stored, then reloads the page, which reads the
 * stored series back, and waits for the forecast again. Tasks are split by phase: reading (from
 * picking the file to the import summary), analysing (from then to the forecast), the page's
 * start after the reload (up to the restore's progress bar) and restoring (from then to the
 * forecast, analysis included). With `traced`, each phase's busiest task by CPU time from a
 * Chromium trace; without, the wall-clock long tasks (over 50 ms) of the Long Tasks API.
 */
async function importAndReload(browser, url, file, traced) {
  const context = await browser.newContext();
  await recordLongTasks(context, ["#capacity-import-summary", "#capacity-fit", "#capacity-series-loading"]);
  const page = await context.newPage();
  const during = (action) => (traced ? traceTasks(browser, action) : action().then((result) => ({ result })));
  const phases = async (run, from, cut, cutName) => {
    if (traced) {
      const after = run.tasks.filter((t) => t.at_ms >= run.marks[from]);
      const at = run.marks[cut];
      return {
        [`${cutName[0]}_busiest_task`]: cpuOf(busiest(after.filter((t) => at === undefined || t.at_ms < at))),
        [`${cutName[1]}_busiest_task`]: cpuOf(busiest(after.filter((t) => at !== undefined && t.at_ms >= at))),
      };
    }
    const { tasks, seen } = await longTasks(page);
    const origin = from === "pick" ? pickedAt : 0;
    const at = seen[`${cut.replace("seen ", "")}`];
    // Tasks over 50 ms (all the Long Tasks API reports), longest first; empty when none.
    const wall = (list) => list.map((t) => round(t.duration)).sort((a, b) => b - a);
    const after = tasks.filter((t) => t.start >= origin);
    return {
      [`${cutName[0]}_long_tasks_ms`]: wall(after.filter((t) => at === undefined || t.start < at)),
      [`${cutName[1]}_long_tasks_ms`]: wall(after.filter((t) => at !== undefined && t.start >= at)),
    };
  };
  let pickedAt = 0;
  try {
    await page.goto(`${url}#/capacity`);
    await page.waitForSelector("#capacity-file", { state: "attached" });
    await page.waitForTimeout(500);
    const imported = await during(async () => {
      await mark(page, "pick");
      pickedAt = await page.evaluate(() => performance.now());
      const began = Date.now();
      await page.setInputFiles("#capacity-file", file);
      await page.waitForSelector("#capacity-fit", { timeout: 120_000 });
      return Date.now() - began;
    });
    const { seen } = await longTasks(page);
    const importing = {
      ms_to_import_summary: round(seen["#capacity-import-summary"] - pickedAt),
      ms_to_forecast_shown: imported.result,
      ...(await phases(imported, "pick", "seen #capacity-import-summary", ["reading", "analysing"])),
    };

    // The series is packed and stored in the background; a reload reads it back.
    const stored = await page
      .waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("headroom.series.")), null, {
        timeout: 60_000,
      })
      .then(() => true, () => false);
    if (!stored) return { importing, reload: "the series was not stored" };
    const reloaded = await during(async () => {
      await mark(page, "reload");
      const began = Date.now();
      await page.reload();
      await page.waitForSelector("#capacity-fit, #capacity-series-note", { timeout: 120_000 });
      return Date.now() - began;
    });
    const note = await page.$("#capacity-series-note");
    pickedAt = 0;
    const reload = {
      problem: note ? await note.textContent() : null,
      ms_to_forecast_shown: reloaded.result,
      ...(await phases(reloaded, "reload", "seen #capacity-series-loading", ["page_start", "restoring"])),
    };
    return { importing, reload };
  } finally {
    await context.close();
  }
}

const cpuOf = (t) => ({ cpu_ms: round(t.cpu_ms), wall_ms: round(t.wall_ms) });

/**
 * The Capacity entry: a generated 1,000,000-row CSV (about 31 MB) imported and restored twice,
 * once for the wall-clock long tasks and once traced for each task's CPU time (the wall clock
 * includes time spent waiting for a core when the machine is busy; tracing adds to it too).
 */
async function benchCapacityImport(browser, url) {
  const rows = 1_000_000;
  const file = writeLongCsv(rows);
  try {
    return {
      rows,
      file_bytes: statSync(file).size,
      wall_clock: await importAndReload(browser, url, file, false),
      cpu_traced: await importAndReload(browser, url, file, true),
    };
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

const sizeOf = new Map(sizes.map((f) => [f.file, f]));

/** The dist/ files of `urls` (same origin, by path) with their sizes, and their sum. */
function fetched(urls, base) {
  const files = [...new Set(urls)]
    .map((url) => decodeURIComponent(new URL(url).pathname).slice(base.length) || "index.html")
    .map((file) => sizeOf.get(file) ?? { file, raw_bytes: 0, gzip9_bytes: 0, missing: true });
  return {
    files,
    raw_bytes: files.reduce((sum, f) => sum + f.raw_bytes, 0),
    gzip9_bytes: files.reduce((sum, f) => sum + f.gzip9_bytes, 0),
  };
}

/** Each tab but Budget and an element its view always shows (as tests/e2e/split.test.mjs). */
const LAZY_TABS = [
  ["alerts", "#alerts-figures"],
  ["capacity", "#capacity-import"],
  ["toil", "#toil-total-hours"],
  ["incidents", "#incidents-log-title"],
  ["scenarios", "#scenario-name"],
];

/** What the first load fetches, and then what opening each other tab (in order) adds. */
async function benchTransfer(browser, url) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const urls = [];
  page.on("request", (request) => urls.push(request.url()));
  const base = new URL(url).pathname;
  try {
    await page.goto(url);
    await page.waitForSelector("#window-downtime");
    await page.waitForLoadState("networkidle");
    const firstLoad = fetched(urls.splice(0), base);
    const tabs = {};
    for (const [tab, shows] of LAZY_TABS) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(shows, { timeout: 30_000 });
      await page.waitForLoadState("networkidle");
      tabs[tab] = fetched(urls.splice(0), base);
    }
    return { firstLoad, tabs };
  } finally {
    await context.close();
  }
}

const server = await startServer();
const browser = await launchBrowser();
let capacity = null;
let transfer = null;
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

  if (!ONLY_CAPACITY) transfer = await benchTransfer(browser, server.url);
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
      first_load: transfer?.firstLoad ?? null,
      tab_first_open: transfer?.tabs ?? null,
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
