// The Capacity tab in the real built page: importing real metric exports (file, paste, drop,
// the built-in sample, Prometheus JSON), the forecast and its crossing date, messages, stale
// results, persistence, the storage quota, and share links with and without the series.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, screenshot, startServer, typeInto } from "./support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NAB = join(ROOT, "tests/data/nab");
// The built-in sample: nyc_taxi.csv from 2014-09-01 00:00 to 2014-10-26 23:30 (real data).
const TAXI_WINDOW = join(ROOT, "public/capacity-sample.csv");

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const openCapacity = async (options) => {
  const opened = await openApp(browser, `${server.url}#/capacity`, options);
  await opened.page.waitForSelector("#capacity-import");
  return opened;
};

const text = (page, selector) => page.textContent(selector);

/** Puts `content` into the paste box as one paste does: the text arrives with one input event. */
const paste = (page, content) =>
  page.$eval(
    "#capacity-paste",
    (box, value) => {
      box.value = value;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    },
    content,
  );

test("a real file picked with the file input shows the forecast and the crossing date", async () => {
  const { context, page, problems } = await openCapacity();
  await typeInto(page, "#capacity-limit", "18000");
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-trend-date");
  assert.match(await text(page, "#capacity-import-summary"), /Imported 2,688 samples of “capacity-sample\.csv”/);
  assert.match(await text(page, "#capacity-import-summary"), /wall-clock times/);
  // By default the plan follows the best model in the backtest, and says so: the trend +
  // hour-of-week pattern (MAE 1,056 against the linear trend's 6,096; figures from the native
  // test formats::summary::the_sample_follows_the_best_model_in_the_backtest_unless_one_is_picked).
  assert.equal(await page.inputValue("#capacity-model"), "auto");
  assert.match(
    await text(page, "#capacity-model-used"),
    /^The dates and the recommended capacity follow the trend \+ hour-of-week pattern, the best in the backtest/,
  );
  assert.equal(await text(page, "#capacity-trend-date"), "2014-10-27 17:00 (18 hours after the last sample)");
  assert.equal(await text(page, "#capacity-upper-date"), "2014-10-27 08:00 (9 hours after the last sample)");
  // What crosses is named for the model (it said "the trend" for the pattern's daily peaks), and
  // a history already over the capacity is said first.
  assert.match(await text(page, ".capacity-dates"), /The forecast with its hour-of-week pattern reaches the capacity: 2014-10-27 17:00/);
  assert.equal(
    await text(page, "#capacity-history-over"),
    "The history already reaches the capacity, 18,000: 1,226 of 2,688 samples (45.61%) are at or above it, on 55 days. " +
      "The highest, 30,373, was at 2014-09-06 23:00; the last, at 2014-10-26 20:00, is 4 hours before the last sample.",
  );
  assert.match(await text(page, "#capacity-fit"), /Slope: 8\.312 per day, 253 per month\. R² 0\.9583/);
  // Above the 30,373 already seen: no note that the recommendation is under the peaks.
  assert.equal(await text(page, "#capacity-recommended"), "34,115");
  assert.equal(await page.$("#capacity-below-peak"), null);
  assert.equal(await text(page, "#capacity-recommended-upper"), "37,765");
  // The highest forecasts it is worked out from read at four significant digits, as every
  // figure of the tab (they read 28,428.8 and 31,471.2).
  const sentence = await page.$eval("#capacity-recommended", (span) => span.parentElement.textContent);
  assert.match(sentence, /the highest forecast, 28,429, plus 20% headroom\); to cover the upper bound of the 95% interval: 37,765 \(31,471 plus headroom\)\./);
  const chart = await page.innerHTML("#capacity-forecast-chart");
  assert.match(chart, /<svg/);
  assert.match(chart, /2014-10-27 17:00/, "the crossing is marked with its date");
  // The linear trend picked by name is followed, and the best model is still named.
  await page.selectOption("#capacity-model", "linear");
  assert.match(
    await text(page, "#capacity-model-used"),
    /^The dates and the recommended capacity follow the linear trend, the model picked; the best in the backtest is the trend \+ hour-of-week pattern/,
  );
  // Reference (tests/data/nab/reference.py): the linear trend reaches 18000 at
  // 2015-01-07 04:24:27.9, shown at the following minute; slope 21.19 per day, R² 0.002347.
  assert.equal(await text(page, "#capacity-trend-date"), "2015-01-07 04:25 (72.2 days after the last sample)");
  assert.equal(await text(page, "#capacity-upper-date"), "already at or above it at the last sample");
  assert.match(await text(page, "#capacity-fit"), /Slope: 21\.19 per day, 645\.1 per month\. R² 0\.002347/);
  // The highest trend over 90 days is 18,377 (reference), so 20% headroom recommends 22,053.
  assert.equal(await text(page, "#capacity-recommended"), "22,053");
  // The series already peaked at 30,373: the page says the recommendation is under it.
  assert.match(await text(page, "#capacity-below-peak"), /^This is below the highest value already seen, 30,373: /);
  assert.equal(await text(page, "#capacity-recommended-upper"), "38,849");
  assert.match(await page.innerHTML("#capacity-forecast-chart"), /2015-01-07 04:25/);
  assert.match(await text(page, "#capacity-peak-hours"), /Peak hours: 18:00-23:59/);
  assert.match(await page.innerHTML("#capacity-heatmap"), /Monday/);
  // The heatmap's scale: the lowest and the highest mean, written as the tables write them.
  assert.match(await page.innerHTML("#capacity-heatmap"), /lowest mean \d[\d,]*(\.\d+)?\s/);
  assert.match(await page.innerHTML("#capacity-heatmap"), /\s\d[\d,]*(\.\d+)? highest/);
  assert.match(await text(page, "#capacity-models"), /best/);
  await screenshot(page, "capacity-light");
  assert.deepEqual(problems, []);
  await context.close();
});

test("pasted text imports, and a falling trend is an answer", async () => {
  const { context, page, problems } = await openCapacity();
  const csv = await readFile(join(NAB, "ec2_cpu_utilization_5f5533.csv"), "utf8");
  await paste(page, csv);
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-fit");
  assert.match(await text(page, "#capacity-import-summary"), /Imported 4,032 samples of “pasted text”/);
  // The untouched 90-day horizon is fitted to the 14 days of history (less 5 minutes), and says
  // so; a horizon typed over it stays, and the note goes.
  assert.equal(await page.inputValue("#capacity-horizon"), "41");
  assert.match(
    await text(page, "#capacity-horizon-note"),
    /^Set to 41 days, the longest horizon within 3 times the imported history, .*Type a horizon to choose your own\.$/,
  );
  assert.equal(await page.$("#capacity-far-past-data"), null);
  await typeInto(page, "#capacity-horizon", "90");
  assert.equal(await text(page, "#capacity-horizon-note"), "");
  // numpy.polyfit: slope −0.72366 per day, R² 0.46195, residual SD 3.1571.
  assert.match(await text(page, "#capacity-fit"), /Slope: −0\.7237 per day, −22\.03 per month\. R² 0\.4619, residual standard deviation 3\.157/);
  assert.equal(await text(page, "#capacity-no-limit"), "Enter the capacity to see when the forecast reaches it.");
  await typeInto(page, "#capacity-limit", "45");
  assert.equal(await text(page, "#capacity-trend-date"), "never (the trend is flat or falling)");
  await typeInto(page, "#capacity-limit", "30");
  assert.equal(await text(page, "#capacity-trend-date"), "already at or above it at the last sample");
  // CPU % is never below zero, but its falling linear trend gets there within the 90 days.
  assert.match(
    await text(page, "#capacity-below-zero"),
    /^The trend line reaches zero on 2014-04-22 04:10 \(52\.6 days after the last sample\) and goes below it\. .*values below zero are not meaningful/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file dropped on the panel imports", async () => {
  const { context, page, problems } = await openCapacity();
  const csv = await readFile(join(NAB, "elb_request_count_8c0756.csv"), "utf8");
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], "elb.csv", { type: "text/csv" }));
    const target = document.querySelector("#capacity-import");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, csv);
  await page.waitForSelector("#capacity-fit");
  assert.match(await text(page, "#capacity-import-summary"), /Imported 4,032 samples of “elb\.csv”/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Prometheus JSON with two series lets the person pick one by its labels", async () => {
  const { context, page, problems } = await openCapacity();
  const json = JSON.stringify({
    status: "success",
    data: {
      resultType: "matrix",
      result: [
        { metric: { __name__: "up", instance: "a" }, values: [[1700000000, "1"], [1700000060, "NaN"], [1700000120, "3"], [1700000180, "4"]] },
        { metric: { __name__: "up", instance: "b" }, values: [[1700000000, "10"], [1700000060, "20"], [1700000120, "40"], [1700000180, "+Inf"]] },
      ],
    },
  });
  await paste(page, json);
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => document.querySelectorAll("#capacity-series-pick option").length === 2);
  assert.ok(await page.isVisible("#capacity-series-pick"));
  assert.match(await text(page, "#capacity-import-summary"), /Prometheus range-query JSON/);
  assert.match(await text(page, "#capacity-import-summary"), /1 NaN or infinite value was skipped/);
  assert.match(await text(page, "#capacity-import-summary"), /shown in UTC/);
  await page.selectOption("#capacity-series-pick", "1");
  await page.waitForFunction(() => /instance="b"/.test(document.querySelector("#capacity-import-summary")?.textContent));
  assert.match(await text(page, "#capacity-import-summary"), /Imported 3 samples/);

  // Rows wider than their header: read, and the invented column names are said.
  const rows = [0, 5, 10, 15, 20].map((m) => `2024-01-01 10:${String(m).padStart(2, "0")}:00,${m},x`);
  await paste(page, ["time,value", ...rows].join("\n"));
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => /Imported 5 samples/.test(document.querySelector("#capacity-import-summary")?.textContent));
  assert.match(
    await text(page, "#capacity-import-summary"),
    /The header names 2 columns, but the rows have 3: the others are called “column 3” and on\./,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("import problems are messages: bad rows listed with row numbers, unusable files refused", async () => {
  const { context, page, problems } = await openCapacity();
  await paste(page, "time,value\n2014-02-14 14:27:00,1\nsoon,2\n2014-02-14 14:37:00,x\n2014-02-14 14:22:00,3\n2014-02-14 14:42:00,5\n");
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-import-problems");
  assert.deepEqual(await page.$$eval("#capacity-import-problems li", (li) => li.map((l) => l.textContent)), [
    "row 3: “soon” is not a timestamp (use ISO 8601, YYYY-MM-DD HH:MM:SS, or Unix seconds or milliseconds)",
    "row 4: “x” is not a number",
  ]);
  assert.match(await text(page, "#capacity-import-summary"), /not in time order; they have been sorted/);

  await paste(page, "time,value\n2014-02-14 14:27:00,NaN\n");
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => (document.querySelector("#capacity-import-error")?.textContent ?? "") !== "");
  assert.match(await text(page, "#capacity-import-error"), /^Could not read the pasted text: no usable rows/);
  await paste(page, "hello");
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => /Could not read the pasted text: only one column/.test(document.querySelector("#capacity-import-error")?.textContent));
  // A spreadsheet's "Unicode text" export is UTF-16 with a byte order mark: read as it is.
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from("time,€ value\n2014-02-14 14:27:00,1\n2014-02-14 14:32:00,3\n", "utf16le"),
  ]);
  await page.setInputFiles("#capacity-file", { name: "unicode.csv", mimeType: "text/csv", buffer: utf16 });
  await page.waitForFunction(() => /Imported 2 samples of “unicode\.csv”/.test(document.querySelector("#capacity-import-summary")?.textContent));
  assert.equal(await page.evaluate(() => document.querySelector("#capacity-import-error")?.textContent ?? ""), "");
  // Without a byte order mark (and with a header that is not ASCII): named, with what to do.
  await paste(page, "");
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => /Could not read the pasted text: the pasted text is empty/.test(document.querySelector("#capacity-import-error")?.textContent));
  const bare = Buffer.from("время,значение\n2014-02-14 14:27:00,1\n", "utf16le");
  await page.setInputFiles("#capacity-file", { name: "bare.csv", mimeType: "text/csv", buffer: bare });
  await page.waitForFunction(() => /Could not read “bare\.csv”: this file is UTF-16 text/.test(document.querySelector("#capacity-import-error")?.textContent));
  assert.match(await text(page, "#capacity-import-error"), /save it as UTF-8/);
  // A PNG is still not text.
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
  await page.setInputFiles("#capacity-file", { name: "chart.png", mimeType: "image/png", buffer: png });
  await page.waitForFunction(() => /Could not read “chart\.png”: this is not a text file/.test(document.querySelector("#capacity-import-error")?.textContent));
  await paste(page, "");
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => /Could not read the pasted text: the pasted text is empty/.test(document.querySelector("#capacity-import-error")?.textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("first lines longer than 64 KB import; the skipped rows say whether all are listed; an unfittable model says why in one sentence", async () => {
  const { context, page, problems } = await openCapacity();
  const at = (i) => new Date(Date.UTC(2014, 1, 14, 14, 10 + 5 * i)).toISOString().slice(0, 19).replace("T", " ");
  const rows = (n, from = 0) => Array.from({ length: n }, (_, i) => `${at(from + i)},${i + 1}`);
  const file = (name, lines) => ({ name, mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\n")}\n`) });
  const summary = (pattern) =>
    page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#capacity-import-summary")?.textContent ?? ""), pattern.source);
  // A 66,000-character column name: "no column holds timestamps" before.
  await page.setInputFiles("#capacity-file", file("long-header.csv", [`time,${"v".repeat(66_000)}`, ...rows(5)]));
  await summary(/Imported 5 samples of “long-header\.csv”/);
  // A 66,000-digit value in row 2 is that row's problem, not the file's.
  await page.setInputFiles("#capacity-file", file("long-value.csv", ["time,value", `${at(0)},${"9".repeat(66_000)}`, ...rows(4, 1)]));
  await summary(/Imported 4 samples of “long-value\.csv”/);
  assert.match(await text(page, "#capacity-import-summary"), /1 of 5 rows could not be read and was skipped:/);
  const [long] = await page.$$eval("#capacity-import-problems li", (li) => li.map((l) => l.textContent));
  assert.match(long, /^row 2: “9+.*” is too large/);
  // A first data row that does not end within 1 MB is named as such.
  await page.setInputFiles("#capacity-file", file("one-line.csv", ["time,value", `${at(0)},${"9".repeat(1_100_000)}`]));
  await page.waitForFunction(() => /Could not read “one-line\.csv”: line 2 does not end within the first 1 MB/.test(document.querySelector("#capacity-import-error")?.textContent));

  // All the skipped rows listed: no "the first" above them.
  const bad = (n, from) => Array.from({ length: n }, (_, i) => `${at(from + i)},x`);
  // (A column is read as numbers when at most a third of its cells are not.)
  await paste(page, ["time,value", ...rows(6), ...bad(3, 6)].join("\n"));
  await page.click("#capacity-paste-import");
  await summary(/Imported 6 samples of “pasted text”/);
  assert.match(await text(page, "#capacity-import-summary"), /3 of 9 rows could not be read and were skipped:/);
  assert.doesNotMatch(await text(page, "#capacity-import-summary"), /the first/);
  assert.equal(await page.locator("#capacity-import-problems li").count(), 3);
  // More skipped than listed: how many are.
  await paste(page, ["time,value", ...rows(12), ...bad(6, 12)].join("\n"));
  await page.click("#capacity-paste-import");
  await summary(/Imported 12 samples of “pasted text”/);
  assert.match(await text(page, "#capacity-import-summary"), /6 of 18 rows could not be read and were skipped; the first five:/);
  assert.equal(await page.locator("#capacity-import-problems li").count(), 5);
  // Two samples: the linear trend says why not, in one sentence.
  await paste(page, ["time,value", ...rows(2)].join("\n"));
  await page.click("#capacity-paste-import");
  await summary(/Imported 2 samples of “pasted text”/);
  await page.selectOption("#capacity-model", "linear");
  await page.waitForFunction(() => (document.querySelector("#capacity-fit-error")?.textContent ?? "") !== "");
  assert.equal(await text(page, "#capacity-fit-error"), "Linear trend: a trend needs at least 3 samples; this series has 2.");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an exponential forecast that passes 1e100 within the horizon gives no recommended capacity", async () => {
  const { context, page, problems } = await openCapacity();
  // Doubling every day for 20 days.
  const rows = Array.from({ length: 20 }, (_, d) => `${1_700_000_000 + d * 86_400},${2 ** d}`);
  await typeInto(page, "#capacity-limit", "1000000");
  await paste(page, `time,value\n${rows.join("\n")}\n`);
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-trend-date");
  await page.selectOption("#capacity-model", "exponential");
  await typeInto(page, "#capacity-horizon", "90");
  assert.match(await text(page, "#capacity-recommended"), /e3\d/);
  // 90 days ahead of 19 days of history: the page warns that the forecast is far past the data.
  assert.match(
    await text(page, "#capacity-far-past-data"),
    /^The horizon, 90 days, is more than 3 times as long as the history, 19 days: .* at most 57 days/,
  );
  await typeInto(page, "#capacity-horizon", "3650");
  assert.match(
    await text(page, "#capacity-beyond-range"),
    /The forecast passes 1e100 within the next 3,650 days .* choose a shorter horizon or another model/,
  );
  assert.equal(await page.$("#capacity-recommended"), null);
  assert.ok(!/NaN|Infinity/.test(await text(page, "#capacity-results")));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a wrong field keeps the last forecast, dimmed and marked", async () => {
  const { context, page, problems } = await openCapacity();
  await page.click("#capacity-sample");
  await page.waitForSelector("#capacity-trend-date");
  assert.equal(await page.inputValue("#capacity-limit"), "18000", "the sample sets a capacity");
  await typeInto(page, "#capacity-limit", "-5");
  assert.equal(await text(page, "#capacity-limit-error"), "Must not be negative");
  assert.equal(await page.getAttribute("#capacity-limit", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#capacity-results", "class"), /stale/);
  assert.match(await text(page, "#capacity-results"), /Not updated/);
  await typeInto(page, "#capacity-horizon", "0");
  assert.match(await text(page, "#capacity-horizon-error"), /1 to 3650/);
  await typeInto(page, "#capacity-horizon", "2,5");
  assert.equal(await text(page, "#capacity-horizon-error"), "Enter a whole number: 2,5 has decimals");
  await typeInto(page, "#capacity-limit", "18000");
  await typeInto(page, "#capacity-horizon", "30");
  // The trend + hour-of-week pattern (best in the backtest, followed by default) reaches 18000
  // at the next evening's peak.
  assert.equal(await text(page, "#capacity-trend-date"), "2014-10-27 17:00 (18 hours after the last sample)");
  assert.doesNotMatch(await page.getAttribute("#capacity-results", "class"), /stale/);
  await page.selectOption("#capacity-model", "linear");
  assert.equal(await text(page, "#capacity-trend-date"), "not reached within the 30-day horizon");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the series and the settings survive a reload", async () => {
  const { context, page, problems } = await openCapacity();
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-fit");
  await typeInto(page, "#capacity-limit", "18000");
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("headroom.series.")));
  assert.equal(keys.length, 1, "the series has its own key");
  const settings = await page.evaluate(() => localStorage.getItem("headroom.capacity"));
  assert.ok(settings.length < 1000, "the autosaved settings do not hold the series");
  await page.reload();
  await page.waitForSelector("#capacity-trend-date");
  assert.equal(await text(page, "#capacity-trend-date"), "2014-10-27 17:00 (18 hours after the last sample)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a full storage quota leaves the kept series intact and says so", async () => {
  const { context, page } = await openCapacity();
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-fit");
  // Fill the origin's storage so nothing more fits.
  await page.evaluate(() => {
    const block = "x".repeat(100_000);
    for (let i = 0; i < 200; i++) {
      try {
        localStorage.setItem(`filler.${i}`, block);
      } catch {
        break;
      }
    }
    for (let size = 10_000; size >= 1; size = Math.floor(size / 2)) {
      try {
        localStorage.setItem(`filler.small.${size}`, "y".repeat(size));
      } catch {}
    }
  });
  const csv = await readFile(join(NAB, "nyc_taxi.csv"), "utf8");
  await paste(page, csv);
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-series-note");
  assert.match(await text(page, "#capacity-series-note"), /could not be kept in this browser .*untouched/);
  assert.match(await text(page, "#capacity-series-note"), /After a reload, the series kept before \(“capacity-sample\.csv”\) comes back/);
  assert.match(await text(page, "#capacity-import-summary"), /Imported 10,320 samples/);
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith("filler.")) localStorage.removeItem(key);
  });
  await page.reload();
  await page.waitForSelector("#capacity-fit");
  assert.match(await text(page, "#capacity-results"), /capacity-sample\.csv/, "the kept series is back");
  await context.close();
});

test("a share link carries a small series", async () => {
  const { context, page, problems } = await openCapacity();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await paste(page, "time,value\n2024-01-01 00:00:00,10\n2024-01-02 00:00:00,12\n2024-01-03 00:00:00,13\n2024-01-04 00:00:00,15\n");
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-fit");
  await typeInto(page, "#capacity-limit", "30");
  await page.click("#tab-scenarios");
  await page.click("#share-current");
  await page.waitForSelector("#share-link");
  const link = await page.inputValue("#share-link");
  assert.doesNotMatch(await text(page, "#scenario-message"), /left out/);

  const other = await openApp(browser, link.replace(/^.*#/, `${server.url}#`));
  await other.page.waitForSelector("#link-banner");
  assert.equal(await other.page.$("#link-series-left-out"), null);
  await other.page.click("#tab-capacity");
  await other.page.waitForSelector("#capacity-trend-date");
  // Exponential growth is the best in the backtest of these four days: 30 on 2024-01-09.
  assert.match(await other.page.textContent("#capacity-trend-date"), /^2024-01-09 /);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a series too large for a link is left out, and the link says so", async () => {
  const { context, page, problems } = await openCapacity();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // 100,000 one-minute samples: far more than a link of 64,000 characters holds. (The real
  // files fit: nyc_taxi.csv's 10,320 samples make a link of about 55,000 characters.)
  let csv = "time,value\n";
  for (let i = 0; i < 100_000; i++) {
    const when = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    csv += `${when},${(50 + 20 * Math.sin(i / 240) + ((i * 7919) % 113) / 10).toFixed(2)}\n`;
  }
  await paste(page, csv);
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-fit");
  await page.click("#tab-scenarios");
  await page.click("#share-current");
  await page.waitForSelector("#share-link");
  await page.waitForFunction(() => /left out/.test(document.querySelector("#scenario-message")?.textContent));
  const link = await page.inputValue("#share-link");
  const other = await openApp(browser, link.replace(/^.*#/, `${server.url}#`));
  await other.page.waitForSelector("#link-series-left-out");
  assert.match(await other.page.textContent("#link-series-left-out"), /“pasted text” \(100,000 samples\) was left out of this link/);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`the results pass axe with no serious or critical violation (${colorScheme})`, async () => {
    const { context, page, problems } = await openCapacity({ colorScheme });
    await page.click("#capacity-sample");
    await page.waitForSelector("#capacity-trend-date");
    const check = async () => {
      await page.evaluate(AXE);
      const found = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      });
      return found;
    };
    assert.deepEqual(await check(), []);
    await typeInto(page, "#capacity-limit", "-1");
    assert.match(await page.getAttribute("#capacity-results", "class"), /stale/);
    assert.deepEqual(await check(), [], "stale results keep their contrast");
    await screenshot(page, `capacity-${colorScheme}-stale`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a saved scenario shows its capacity date, and an exported file carries the series", async () => {
  const first = await openCapacity();
  await typeInto(first.page, "#capacity-limit", "18000");
  await first.page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await first.page.waitForSelector("#capacity-trend-date");
  await first.page.click("#tab-scenarios");
  await first.page.fill("#scenario-name", "Taxi plan");
  await first.page.click("#save-as");
  await first.page.waitForSelector('.scenario-name:text-is("Taxi plan")');
  assert.match(await first.page.textContent("#scenario-list"), /capacity date 2014-10-27/);
  const stored = await first.page.evaluate(() => localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("headroom.scenario."))));
  assert.ok(stored.length < 5_000, "the saved scenario holds a reference, not the series");
  const [download] = await Promise.all([first.page.waitForEvent("download"), first.page.click("#export-all")]);
  const text = await readFile(await download.path(), "utf8");
  const file = JSON.parse(text);
  assert.equal(file.series.length, 1);
  assert.equal(file.series[0].id, file.scenarios[0].inputs.capacity.series.id);
  assert.equal(file.series[0].points.split("\n").length, 2688);
  await first.context.close();

  const path = join(mkdtempSync(join(tmpdir(), "headroom-")), "scenarios.json");
  writeFileSync(path, text);
  const second = await openApp(browser, `${server.url}#/scenarios`);
  second.page.on("dialog", (dialog) => dialog.accept());
  await second.page.setInputFiles("#import-file", path);
  await second.page.waitForSelector('.scenario-name:text-is("Taxi plan")');
  assert.match(await second.page.textContent("#scenario-list"), /capacity date 2014-10-27/);
  await second.page.click('.scenario:has(.scenario-name:text-is("Taxi plan")) button:text-is("Open")');
  await second.page.click("#tab-capacity");
  await second.page.waitForSelector("#capacity-trend-date");
  assert.equal(await second.page.textContent("#capacity-trend-date"), "2014-10-27 17:00 (18 hours after the last sample)");
  assert.deepEqual(second.problems, []);
  await second.context.close();
});

test("after a reload the scenario list reads a stored series in steps, then shows its capacity date; an unreadable one is not here", async () => {
  const { context, page, problems } = await openCapacity();
  await typeInto(page, "#capacity-limit", "18000");
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-trend-date");
  await page.click("#tab-scenarios");
  await page.fill("#scenario-name", "Taxi plan");
  await page.click("#save-as");
  await page.waitForSelector('.scenario-name:text-is("Taxi plan")');
  const list = () => page.textContent("#scenario-list");
  await page.reload();
  await page.waitForSelector('.scenario-name:text-is("Taxi plan")');
  await page.waitForFunction(() => /capacity date 2014-10-27/.test(document.querySelector("#scenario-list")?.textContent));
  assert.doesNotMatch(await list(), /reading the series/);
  // A stored series that cannot be unpacked: the list says it is not here, never "reading" for good.
  const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("headroom.series.")));
  const good = await page.evaluate((k) => localStorage.getItem(k), key);
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ schema: 1, value: "not a packed series" })), key);
  await page.reload();
  await page.waitForSelector('.scenario-name:text-is("Taxi plan")');
  await page.waitForFunction(() =>
    /capacity date series not in this browser/.test(document.querySelector("#scenario-list")?.textContent),
  );
  // Stored again (as another window would): the tab opened again reads it.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, good]);
  await page.click("#tab-budget");
  await page.click("#tab-scenarios");
  await page.waitForFunction(() => /capacity date 2014-10-27/.test(document.querySelector("#scenario-list")?.textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("an unknown saved model is shown as saved with a message, and nothing is worked out from a guess", async () => {
  const { context, page, problems } = await openCapacity();
  await typeInto(page, "#capacity-limit", "18000");
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-trend-date");
  // Once the page has saved the import (its autosave would write over the change below).
  await page.waitForTimeout(800);
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem("headroom.capacity"));
    saved.value.model = "magic";
    localStorage.setItem("headroom.capacity", JSON.stringify(saved));
  });
  await page.reload();
  // It read as "Linear trend" with no word, and the results followed the linear trend.
  await page.waitForSelector("#capacity-model-error:not(:empty)");
  assert.equal(
    await text(page, "#capacity-model-error"),
    "Unknown model “magic”: choose Automatic, Linear trend, Exponential growth or a trend + pattern",
  );
  assert.equal(await page.$eval("#capacity-model", (s) => s.selectedOptions[0].textContent), "magic (unknown)");
  assert.equal(await page.getAttribute("#capacity-model", "aria-invalid"), "true");
  assert.equal(await page.$("#capacity-trend-date"), null);
  assert.doesNotMatch(await text(page, "main"), /follow the linear trend/);
  // A model picked clears it, and the forecast is back.
  await page.selectOption("#capacity-model", "linear");
  await page.waitForSelector("#capacity-trend-date");
  assert.equal(await text(page, "#capacity-model-error"), "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a damaged stored series is backed up and offered for download, and importing it again replaces it", async () => {
  const { context, page, problems } = await openCapacity();
  await typeInto(page, "#capacity-limit", "18000");
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-trend-date");
  for (const damaged of ["{not json", JSON.stringify({ schema: 1, value: "not a packed series" })]) {
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith("headroom.series.")));
    const id = key.slice("headroom.series.".length);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, damaged]);
    await page.reload();
    await page.waitForSelector("#capacity-series-note .notice-download");
    assert.ok((await text(page, "#capacity-series-note")).includes(`headroom.backup.series.${id}.1`));
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#capacity-series-note .notice-download"),
    ]);
    assert.equal(await readFile(await download.path(), "utf8"), damaged);
    // Imported again, the series is stored over the damaged text (its copy kept), and a
    // reload shows the forecast.
    await page.setInputFiles("#capacity-file", TAXI_WINDOW);
    await page.waitForSelector("#capacity-trend-date");
    await page.reload();
    await page.waitForSelector("#capacity-trend-date");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `headroom.backup.series.${id}.1`), damaged);
    await page.evaluate((k) => localStorage.removeItem(k), `headroom.backup.series.${id}.1`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("a stored series is referred to as soon as it is stored, so another window's cleanup keeps it", async () => {
  const { context, page, problems } = await openCapacity();
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  // The moment the series is in storage, the saved inputs already name it (before, they followed
  // 300 ms later, and a window opening Capacity in between removed the series as unreferenced).
  const [seriesKey, settings] = await page
    .waitForFunction(
      () => {
        const key = Object.keys(localStorage).find((k) => k.startsWith("headroom.series."));
        return key && [key, localStorage.getItem("headroom.capacity")];
      },
      null,
      { polling: "raf", timeout: 30_000 },
    )
    .then((handle) => handle.jsonValue());
  const id = seriesKey.slice("headroom.series.".length);
  assert.ok(settings?.includes(`"${id}"`), `the inputs name the series at once: ${settings}`);

  // A second window on the Budget tab opens Capacity (its first load cleans up): the series stays.
  const other = await context.newPage();
  await other.goto(`${server.url}#/budget`);
  await other.waitForSelector("#window-downtime");
  await other.click("#tab-capacity");
  await other.waitForSelector("#capacity-fit", { timeout: 30_000 });
  assert.ok(await other.evaluate((key) => localStorage.getItem(key) !== null, seriesKey));
  assert.deepEqual(problems, []);
  await context.close();
});

test("cleaning up stored series keeps those that unreadable or backed-up data refers to", async () => {
  const kept = "0123456789abcdef";
  const inBackup = "fedcba9876543210";
  const orphan = "00000000deadbeef";
  const plant = (context) =>
    context.addInitScript(
      ([a, b, c]) => {
        if (sessionStorage.getItem("planted")) return;
        sessionStorage.setItem("planted", "1");
        // A capacity value of a newer version, naming a series: unreadable here, so backed up.
        localStorage.setItem(
          "headroom.capacity",
          JSON.stringify({ schema: 99, value: { series: { id: a, name: "future", samples: 3 } } }),
        );
        localStorage.setItem("headroom.backup.scenario.x.1", JSON.stringify({ series: { id: b } }));
        for (const id of [a, b, c]) localStorage.setItem(`headroom.series.${id}`, JSON.stringify("packed"));
      },
      [kept, inBackup, orphan],
    );
  const { context, page, problems } = await openApp(browser, `${server.url}#/budget`, { before: plant });
  await page.waitForLoadState("networkidle");
  const series = () =>
    page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("headroom.series.")).sort());
  assert.equal((await series()).length, 3, "nothing is cleaned up before Capacity opens");
  await page.click("#tab-capacity");
  await page.waitForSelector("#capacity-import");
  assert.match(await page.textContent(".notices"), /could not be read.*headroom\.backup\.capacity\.1/);
  assert.deepEqual(await series(), [`headroom.series.${kept}`, `headroom.series.${inBackup}`].sort());
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone, the captions of tables that scroll sideways stay in view, wrapped", async () => {
  const { context, page, problems } = await openCapacity();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.setInputFiles("#capacity-file", TAXI_WINDOW);
  await page.waitForSelector("#capacity-fit");
  const captions = await page.$$eval(".table-scroll caption", (els) =>
    els.map((c) => ({ text: c.textContent, right: c.getBoundingClientRect().right })),
  );
  assert.ok(captions.some((c) => c.text.startsWith("Backtest: fitted on the first 2,150 samples")), JSON.stringify(captions));
  for (const caption of captions) assert.ok(caption.right <= 360, `${caption.text} runs past the screen`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "the page scrolls sideways");
  assert.deepEqual(problems, []);
  await context.close();
});

test("leaving the tab during an import stops it without a panic, and the tab says so", async () => {
  const { context, page, problems } = await openCapacity();
  // 300,000 rows: several slices to read, so the import is still running when the tab is left.
  const start = Date.UTC(2026, 0, 1);
  const rows = ["time,value"];
  for (let i = 0; i < 300_000; i++) rows.push(`${new Date(start + i * 60_000).toISOString()},${100 + (i % 50)}`);
  await page.setInputFiles("#capacity-file", {
    name: "long.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(rows.join("\n")),
  });
  await page.click("#tab-budget");
  await page.waitForSelector("#window-downtime");
  // The analysis of the series and the panels' tasks stop quietly too.
  await page.waitForTimeout(1500);
  await page.click("#tab-capacity");
  await page.waitForSelector("#capacity-series-note");
  assert.equal(
    await text(page, "#capacity-series-note"),
    "The import of “long.csv” stopped when you left the Capacity tab: import it again.",
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("Unix times from 0 in a column named time are read from 1970 and said to be; elsewhere they are refused saying why", async () => {
  const { context, page, problems } = await openCapacity();
  // It was refused with a message that did not say why.
  await paste(page, "time,value\n0,1\n1,2\n2,3\n3,4\n");
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-fit");
  const summary = await text(page, "#capacity-import-summary");
  assert.match(summary, /1970-01-01 00:00 UTC to 1970-01-01 00:00:03 UTC/);
  assert.match(summary, /Every time is before 1973-03-03/);
  assert.equal(await page.inputValue("#capacity-horizon"), "1");
  await paste(page, "0,1\n1,2\n2,3\n");
  await page.click("#capacity-paste-import");
  await page.waitForFunction(() => /would be Unix time 1970-01-01 00:00 UTC/.test(document.querySelector("#capacity-import-error")?.textContent));
  assert.deepEqual(problems, []);
  await context.close();
});
