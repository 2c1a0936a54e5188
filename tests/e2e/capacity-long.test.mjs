// A million-row metric export (about 31 MB) through the Capacity tab's file input: it imports
// with a progress bar, is analysed and forecast within seconds, and no task of the page's main
// thread runs long while that happens, nor when the stored series is read back after a reload.
//
// How long a task ran is taken as its CPU time from a Chromium trace, not its wall-clock time:
// the tests share two cores with other work, and a task that needs 10 ms of CPU can then take
// 150 ms or more on the wall clock, waiting for a core (seen here: 457 ms for 9 ms of CPU). The
// wall-clock long tasks (over 50 ms) are printed with each run, for the record. The page's work
// is cut into slices of about 25 ms (`Breather`), so a task over 50 ms of CPU while reading,
// restoring or listing means something is not sliced; that is the limit asserted there, half the
// 100 ms the page may hold at most. While analysing, the busiest task has measured 39 to 62
// ms of CPU in runs alone on the machine (65 ms beside a compile), so a 50 ms limit failed a
// clean CI run; there the issue's own 100 ms is asserted, and the figure is printed.

import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, startServer, typeInto } from "./support.mjs";
import { busiest, longTasks, mark, recordLongTasks, traceTasks, writeLongCsv } from "./long-series.mjs";

/** The most CPU one task of the page's own work may take, in ms (see above). */
const SLICED_TASK_CPU_MS = 50;
/** The most CPU any task may take, the page's start included, in ms: the limit. */
const ANY_TASK_CPU_MS = 100;
/** "A few seconds", loosely, on two shared cores: from picking the file to the forecast. */
const TOTAL_MS = 20_000;

let server;
let browser;
let file;

before(async () => {
  file = writeLongCsv(1_000_000);
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (file) rmSync(dirname(file), { recursive: true, force: true });
});

const described = (t) => `${t.cpu_ms.toFixed(1)} ms CPU (${t.wall_ms.toFixed(1)} ms wall clock)`;

test("a million rows import and forecast without a long task, and come back after a reload; a scenario of them lists its capacity date without one", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  await recordLongTasks(context, [
    "#capacity-progress",
    "#capacity-import-summary",
    "#capacity-analysis-progress",
    "#capacity-fit",
    "#capacity-series-loading",
    "#scenario-list",
  ]);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  try {
    await page.goto(`${server.url}#/capacity`);
    await page.waitForSelector("#capacity-file", { state: "attached" });

    // Import: from picking the file to the forecast on screen.
    const imported = await traceTasks(browser, async () => {
      await mark(page, "pick");
      const began = Date.now();
      await page.setInputFiles("#capacity-file", file);
      await page.waitForSelector("#capacity-fit", { timeout: 120_000 });
      return Date.now() - began;
    });
    const importMs = imported.result;
    const afterPick = imported.tasks.filter((task) => task.at_ms >= imported.marks.pick);
    const summaryAt = imported.marks["seen #capacity-import-summary"];
    const reading = busiest(afterPick.filter((task) => task.at_ms < summaryAt));
    const analysing = busiest(afterPick.filter((task) => task.at_ms >= summaryAt));
    const { tasks: wallImport, seen } = await longTasks(page);
    t.diagnostic(
      `import: ${importMs} ms to the forecast; busiest task reading ${described(reading)}, ` +
        `analysing ${described(analysing)}; longest on the wall clock ` +
        `${described(busiest(afterPick, "wall_ms"))}; wall-clock long tasks (page start ` +
        `included) ${JSON.stringify(wallImport.map((w) => Math.round(w.duration)))}`,
    );
    assert.match(await page.textContent("#capacity-import-summary"), /Imported 1,000,000 samples of “long-series\.csv”/);
    for (const shown of ["#capacity-progress", "#capacity-import-summary", "#capacity-analysis-progress"]) {
      assert.ok(seen[shown] !== undefined, `${shown} was never shown`);
    }
    const fit = await page.textContent("#capacity-fit");
    assert.ok(reading.cpu_ms > 0 && analysing.cpu_ms > 0, "the trace holds the page's tasks");
    assert.ok(reading.cpu_ms < SLICED_TASK_CPU_MS, `a task while reading took ${described(reading)}`);
    assert.ok(analysing.cpu_ms < ANY_TASK_CPU_MS, `a task while analysing took ${described(analysing)}`);
    assert.ok(importMs < TOTAL_MS, `the import took ${importMs} ms`);

    // The series is packed and stored in the background; a reload reads it back in steps.
    await page.waitForFunction(
      () => Object.keys(localStorage).some((key) => key.startsWith("headroom.series.")),
      null,
      { timeout: 60_000 },
    );
    const restored = await traceTasks(browser, async () => {
      await mark(page, "reload");
      const began = Date.now();
      await page.reload();
      await page.waitForSelector("#capacity-fit", { timeout: 120_000 });
      return Date.now() - began;
    });
    const restoreMs = restored.result;
    const loadingAt = restored.marks["seen #capacity-series-loading"];
    assert.ok(loadingAt !== undefined, "the progress bar of the restore was never shown");
    const afterReload = restored.tasks.filter((task) => task.at_ms >= restored.marks.reload);
    const start = busiest(afterReload.filter((task) => task.at_ms < loadingAt));
    const restoring = busiest(afterReload.filter((task) => task.at_ms >= loadingAt));
    const { tasks: wallReload } = await longTasks(page);
    t.diagnostic(
      `reload: ${restoreMs} ms to the forecast; busiest task of the page's start ` +
        `${described(start)}, restoring and analysing ${described(restoring)}; longest on the ` +
        `wall clock ${described(busiest(afterReload, "wall_ms"))}; wall-clock long tasks ` +
        `${JSON.stringify(wallReload.map((w) => Math.round(w.duration)))}`,
    );
    assert.equal(await page.textContent("#capacity-fit"), fit);
    assert.ok(restoring.cpu_ms > 0, "the trace holds the page's tasks");
    assert.ok(start.cpu_ms < ANY_TASK_CPU_MS, `the page's start took ${described(start)}`);
    assert.ok(restoring.cpu_ms < SLICED_TASK_CPU_MS, `a task while restoring took ${described(restoring)}`);
    assert.ok(restoreMs < TOTAL_MS, `the restore took ${restoreMs} ms`);

    // A scenario of the series, after a reload: the list reads the stored series and fits its
    // trend in steps, saying "reading the series…" until its capacity date is known.
    await typeInto(page, "#capacity-limit", "100");
    await page.click("#tab-scenarios");
    await page.fill("#scenario-name", "Long plan");
    await page.click("#save-as");
    await page.waitForSelector('.scenario-name:text-is("Long plan")');
    const dated = () =>
      /capacity date (?!reading)/.test(document.querySelector("#scenario-list")?.textContent ?? "");
    await page.waitForFunction(dated, null, { timeout: 60_000 });
    // The list as first drawn, kept by the page itself: read afterwards, it may already be dated
    // when the test runs slower than the page (two shared cores).
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const list = document.querySelector("#scenario-list");
        if (list?.textContent.includes("Long plan")) {
          window.firstList = list.textContent;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    const listed = await traceTasks(browser, async () => {
      await mark(page, "list");
      await page.reload();
      await page.waitForSelector('.scenario-name:text-is("Long plan")');
      const shown = await page.evaluate(() => window.firstList);
      await page.waitForFunction(dated, null, { timeout: 120_000 });
      return shown;
    });
    assert.match(listed.result, /capacity date reading the series…/);
    const listedAt = listed.marks["seen #scenario-list"];
    assert.ok(listedAt !== undefined, "the scenario list was never shown");
    const afterList = listed.tasks.filter((task) => task.at_ms >= listedAt);
    const listing = busiest(afterList);
    t.diagnostic(
      `scenario list: busiest task while reading the series and fitting its trend ` +
        `${described(listing)}; the list says ${JSON.stringify(await page.textContent(".scenario-summary"))}`,
    );
    assert.ok(listing.cpu_ms > 0, "the trace holds the page's tasks");
    assert.ok(listing.cpu_ms < SLICED_TASK_CPU_MS, `a task while listing took ${described(listing)}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
