// The Alerts tab in the real built page: the workbook's table, following the Budget tab's SLO,
// editing rows, warnings, stale results, the simulator and chart, the exports' downloads and
// copies, import of OpenSLO and Sloth files, and persistence.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, startServer, typeInto, waitForApp } from "./support.mjs";

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

const openAlerts = async (options) => {
  const opened = await openApp(browser, `${server.url}#/alerts`, options);
  await opened.page.waitForSelector("#alerts-figures");
  return opened;
};

const row = (n) => `#alerts-table tbody tr:nth-child(${n})`;

/** The figures table as rows of cell texts. */
const figureRows = (page) =>
  page.$$eval("#alerts-figures tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );

const simRows = (page) =>
  page.$$eval("#alerts-sim-table tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );

test("the workbook's four alerts over 99.9% and 30 days", async () => {
  const { context, page, problems } = await openAlerts();
  assert.match(await page.textContent("#alerts-linked-slo"), /Linked: 99\.9% over 30 days/);
  // SRE workbook, "Alerting on SLOs": 14.4, 6, 3 and 1 for 2% / 1h, 5% / 6h, 10% / 1d, 10% / 3d;
  // detection of a total outage by the 1 h page: 1 h x 14.4 x 0.001 = 51.84 s.
  assert.deepEqual(await figureRows(page), [
    ["page 1h / 5m", "2%", "14.4×", "1.44%", "2d 2h 0m 0s", "51.84s", "within 5m"],
    ["page 6h / 30m", "5%", "6×", "0.6%", "5d 0h 0m 0s", "2m 9.6s", "within 30m"],
    ["ticket 1d / 2h", "10%", "3×", "0.3%", "10d 0h 0m 0s", "4m 19.2s", "within 2h"],
    ["ticket 3d / 6h", "10%", "1×", "0.1%", "30d 0h 0m 0s", "4m 19.2s", "within 6h"],
  ]);
  assert.ok(await page.isVisible("#alerts-no-warnings"));
  assert.match(await page.textContent("#alerts-results"), /Burn-rate threshold = budget share × SLO window ÷ long window/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a 375 px phone the alert rows and figures are cards: nothing scrolls sideways, Remove in view", async () => {
  const { context, page, problems } = await openAlerts();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.waitForFunction(() => document.documentElement.scrollWidth <= 375);
  // Before, each table scrolled sideways in its box (the figures by about 340 px).
  const boxes = await page.$$eval("#alerts-table, #alerts-figures", (tables) =>
    tables.map((t) => [t.id, t.parentElement.scrollWidth - t.parentElement.clientWidth]),
  );
  assert.deepEqual(boxes, [["alerts-table", 0], ["alerts-figures", 0]]);
  const outOfView = await page.$$eval("#alerts-table .alert-remove", (buttons) =>
    buttons.filter((b) => b.getBoundingClientRect().right > window.innerWidth).map((b) => b.id),
  );
  assert.deepEqual(outOfView, []);
  // Every field has its column's heading above it as its visible label; every figure follows its
  // own, and the figures are those of the wide table.
  const labels = await page.$$eval(`${row(1)} td[data-label]`, (cells) =>
    cells.map((c) => [getComputedStyle(c, "::before").content, getComputedStyle(c, "::before").display]),
  );
  assert.deepEqual(labels, [
    ['"Severity"', "block"],
    ['"Budget share (%)"', "block"],
    ['"Long window"', "block"],
    ['"Short window"', "block"],
  ]);
  // The two fields side by side line up, also where one heading wraps and its neighbour's does
  // not ("Long window" at 375 px, "Budget share (%)" at 320 px; the fields sat a line apart).
  for (const width of [375, 320]) {
    await page.setViewportSize({ width, height: 740 });
    const tops = await page.$$eval(`${row(1)} td[data-label]`, (cells) =>
      cells.map((c) => Math.round(c.querySelector("input, select").getBoundingClientRect().top)),
    );
    assert.equal(tops[0], tops[1], `Severity and Budget share line up at ${width} px`);
    assert.equal(tops[2], tops[3], `Long and Short window line up at ${width} px`);
    // The short window's placeholder fits its field whole ("30m (long ÷ 12" was cut at 375 px
    // and then at 320 px).
    const cut = await page.$$eval("#alerts-table .alert-short", (inputs) => {
      const context = document.createElement("canvas").getContext("2d");
      return inputs
        .filter((input) => {
          const style = getComputedStyle(input);
          context.font = `${style.fontSize} ${style.fontFamily}`;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return context.measureText(input.placeholder).width > room;
        })
        .map((input) => input.placeholder);
    });
    assert.deepEqual(cut, [], `placeholders cut at ${width} px`);
  }
  await page.setViewportSize({ width: 375, height: 740 });
  const figure = await page.$$eval("#alerts-figures tbody tr:first-child td", (cells) =>
    cells.map((c) => `${getComputedStyle(c, "::before").content.slice(1, -1)}${c.textContent.trim()}`),
  );
  assert.deepEqual(figure, [
    "Budget share: 2%",
    "Burn-rate threshold: 14.4×",
    "Error-ratio threshold: 1.44%",
    "Whole budget gone at that rate in: 2d 2h 0m 0s",
    "Detection at 100% errors: 51.84s",
    "Reset once errors stop: within 5m",
  ]);
  // A wide window shows the table as it was, headings in its head.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await page.$eval(`${row(1)} td[data-label]`, (c) => getComputedStyle(c, "::before").content), "none");
  assert.ok(await page.isVisible("#alerts-table thead"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a decimal comma is told to be a point, in a row's budget share and in the simulator", async () => {
  const { context, page, problems } = await openAlerts();
  await typeInto(page, `${row(1)} .alert-share`, "2,5");
  await page.waitForFunction(() => /Use a point for decimals: 2\.5/.test(document.querySelector("#alerts-table tbody tr:nth-child(1)")?.textContent));
  await typeInto(page, "#alerts-sim-error", "2,5");
  await page.waitForFunction(() => /Use a point for decimals: 2\.5/.test(document.querySelector("#alerts-sim-error-error")?.textContent ?? ""));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a row that repeats another's severity and windows is warned about", async () => {
  const { context, page, problems } = await openAlerts();
  // With the workbook's four rows all there, "Add alert" adds a row none of them repeats
  // (ticket 10% over 2d); given row 3's long window, it repeats row 3.
  await page.click("#alerts-add-row");
  assert.equal(await page.inputValue(`${row(5)} .alert-long`), "2d");
  assert.ok(await page.isVisible("#alerts-no-warnings"));
  await typeInto(page, `${row(5)} .alert-long`, "1d");
  assert.match(
    await page.textContent("#alerts-warnings"),
    /ticket 1d \/ 2h: Repeats row 3: the rules file would hold the same rule twice/,
  );
  await typeInto(page, `${row(5)} .alert-share`, "20");
  assert.match(await page.textContent("#alerts-warnings"), /Same severity and windows as row 3, with another budget share/);
  await typeInto(page, `${row(5)} .alert-long`, "2d");
  assert.ok(await page.isVisible("#alerts-no-warnings"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a calendar window from the Budget tab is said to be taken as a rolling one", async () => {
  const { context, page, problems } = await openAlerts();
  await page.click("#tab-budget");
  await page.selectOption("#window-kind", "month");
  await page.fill("#calendar-date", "2026-02-14");
  await page.click("#tab-alerts");
  await page.waitForSelector("#alerts-figures");
  const linked = await page.textContent("#alerts-linked-slo");
  assert.match(linked, /Linked: 99\.9% over 28 days, as set on the Budget tab\. That is a calendar month;/);
  assert.match(linked, /they use a rolling 28 days \(the length of the month from 2026-02-01\)/);
  assert.deepEqual((await figureRows(page)).map((r) => r[2]), ["13.44×", "5.6×", "2.8×", "≈0.9333×"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the table follows the Budget tab's window and warns about a threshold below 1", async () => {
  const { context, page, problems } = await openAlerts();
  await page.click("#tab-budget");
  await typeInto(page, "#window-days", "28");
  await page.click("#tab-alerts");
  await page.waitForSelector("#alerts-figures");
  const rows = await figureRows(page);
  // 28 days: 0.02 x 672 = 13.44, 0.05 x 672 / 6 = 5.6, 0.1 x 28 = 2.8, 0.1 x 28 / 3 = 0.9333...
  assert.deepEqual(rows.map((r) => r[2]), ["13.44×", "5.6×", "2.8×", "≈0.9333×"]);
  assert.equal(await page.getAttribute("#alerts-figures tbody tr:nth-child(4) .burn-threshold", "title"), "exactly 14 / 15");
  assert.match(
    await page.textContent("#alerts-warnings"),
    /ticket 3d \/ 6h: Fires while the budget is fine: a burn rate of ≈0\.9333× is below 1×/,
  );
  assert.match(await page.textContent("#alerts-uncaught"), /Every error ratio that would spend the whole budget/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("editing a row: thresholds, default short window, errors next to the field, stale results", async () => {
  const { context, page, problems } = await openAlerts();
  await typeInto(page, `${row(1)} .alert-long`, "2h");
  // 2% of 720 h over 2 h = 7.2x; the empty short window is 2 h / 12 = 10 min.
  assert.equal(await page.getAttribute(`${row(1)} .alert-short`, "placeholder"), "10m (long ÷ 12)");
  let rows = await figureRows(page);
  assert.deepEqual(rows[0].slice(0, 3), ["page 2h / 10m", "2%", "7.2×"]);

  await typeInto(page, `${row(1)} .alert-long`, "1.5h");
  assert.equal(await page.getAttribute(`${row(1)} .alert-long`, "aria-invalid"), "true");
  const errorId = await page.getAttribute(`${row(1)} .alert-long`, "aria-describedby");
  assert.match(await page.textContent(`#${errorId}`), /whole numbers: write 1h30m instead of 1\.5h/);
  assert.match(await page.getAttribute("#alerts-results", "class"), /\bstale\b/);
  assert.match(await page.textContent("#alerts-results .stale-note"), /Not updated/);
  rows = await figureRows(page);
  assert.equal(rows[0][2], "7.2×", "the last valid result stays");
  assert.ok(!/NaN|Infinity|undefined/.test(await page.textContent("main")));

  await typeInto(page, `${row(1)} .alert-long`, "1h30m");
  await typeInto(page, `${row(1)} .alert-short`, "1h30m");
  assert.doesNotMatch(await page.getAttribute("#alerts-results", "class"), /\bstale\b/);
  assert.match(
    await page.textContent("#alerts-warnings"),
    /page 1h30m \/ 1h30m: The short window is not shorter than the long one/,
  );

  await typeInto(page, `${row(2)} .alert-share`, "100");
  await typeInto(page, `${row(2)} .alert-long`, "30m");
  assert.match(await page.textContent("#alerts-warnings"), /page 30m \/ 2m30s: Can never fire: its burn-rate threshold 1,440× is not below the highest possible burn rate, 1,000×/);

  await page.click("#alerts-add-row");
  assert.equal((await page.$$("#alerts-table tbody tr")).length, 5);
  // The added row is the first workbook row whose severity and long window are not in the table.
  assert.equal((await figureRows(page))[4][0], "page 1h / 5m");
  await page.selectOption(`${row(5)} .alert-severity`, "page");
  await typeInto(page, `${row(5)} .alert-long`, "10m");
  assert.match(await page.textContent("#alerts-warnings"), /page 10m \/ 50s: The short window \(50s\) is under one minute/);
  await page.click(`${row(2)} .alert-remove`);
  rows = await figureRows(page);
  assert.deepEqual(rows.map((r) => r[0]), ["page 1h30m / 1h30m", "ticket 1d / 2h", "ticket 3d / 6h", "page 10m / 50s"]);

  await page.click("#alerts-reset-rows");
  assert.equal((await figureRows(page))[0][2], "14.4×");
  assert.deepEqual(problems, []);
  await context.close();
});

test("removing alerts, going back to the workbook's table and importing a file can be undone", async () => {
  const { context, page, problems } = await openAlerts();
  const longWindows = async () => (await figureRows(page)).map((r) => r[0]);
  const workbook = await longWindows();
  assert.equal(await page.$("#alerts-undo"), null, "nothing to undo yet");
  await typeInto(page, `${row(3)} .alert-share`, "15");
  await page.click(`${row(2)} .alert-remove`);
  assert.equal(await page.innerText("#alerts-undo-note"), "Removed alert 2 (page, 5% over 6h). Undo");
  await page.click("#alerts-reset-rows");
  assert.equal(
    await page.innerText("#alerts-undo-note"),
    "Replaced 3 alerts with the workbook's four (1 earlier change can be undone after it). Undo",
  );
  assert.equal(await page.inputValue(`${row(3)} .alert-share`), "10");
  // Newest first: the edited table of three, then the removed alert back in its place.
  await page.click("#alerts-undo");
  assert.equal(await page.inputValue(`${row(2)} .alert-share`), "15");
  await page.waitForFunction(() => document.activeElement?.id === "alerts-undo");
  await page.click("#alerts-undo");
  assert.deepEqual(await longWindows(), workbook);
  assert.equal(await page.inputValue(`${row(3)} .alert-share`), "15");
  assert.equal(await page.$("#alerts-undo"), null);
  // The focus goes to the Remove button of the alert put back.
  await page.waitForFunction(() => document.activeElement?.matches("#alerts-table tbody tr:nth-child(2) .alert-remove"));
  // Going back to the workbook's table when it is already there has nothing to undo.
  await typeInto(page, `${row(3)} .alert-share`, "10");
  await page.click("#alerts-reset-rows");
  assert.equal(await page.$("#alerts-undo"), null);

  await typeInto(page, "#alerts-slo-name", "payments");
  const openslo = [
    "apiVersion: openslo/v1",
    "kind: SLO",
    "metadata:",
    "  name: checkout",
    "spec:",
    "  budgetingMethod: Occurrences",
    "  objectives:",
    "    - target: 0.9995",
    "  timeWindow:",
    "    - duration: 28d",
    "      isRolling: true",
    "",
  ].join("\n");
  await page.setInputFiles("#alerts-import", { name: "checkout.yaml", mimeType: "application/yaml", buffer: Buffer.from(openslo) });
  await page.waitForSelector("#alerts-undo-import");
  assert.equal(await page.inputValue("#alerts-slo-name"), "checkout");
  assert.equal(await page.inputValue("#alerts-target"), "99.95");
  assert.equal(await page.isChecked("#alerts-use-budget"), false);
  // The import is said once, in the message; the Undo button does not say it again.
  assert.match(await page.innerText("#alerts-import-message"), /^Imported from checkout\.yaml/);
  assert.equal(await page.innerText("#alerts-import-undo"), "Undo import");
  assert.equal(await page.getAttribute("#alerts-undo-import", "aria-label"), "Undo import of checkout.yaml");
  await page.click("#alerts-undo-import");
  assert.equal(await page.inputValue("#alerts-slo-name"), "payments");
  assert.equal(await page.isChecked("#alerts-use-budget"), true);
  assert.equal(await page.inputValue("#alerts-target"), "99.9");
  assert.equal(await page.inputValue("#alerts-window"), "30");
  assert.match(await page.innerText("#alerts-import-message"), /^Imported checkout\.yaml: undone\./);
  assert.equal(await page.$("#alerts-undo-import"), null);
  // What was undone is saved as it is now.
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#alerts-table tbody tr");
  assert.equal(await page.inputValue("#alerts-slo-name"), "payments");
  assert.deepEqual(await longWindows(), workbook);
  assert.deepEqual(problems, []);
  await context.close();
});

test("stale rules are shown greyed out but cannot be copied or downloaded", async () => {
  const { context, page, problems } = await openAlerts();
  const buttons = ["#alerts-rules-copy", "#alerts-rules-download", "#alerts-openslo-copy", "#alerts-openslo-download"];
  const disabled = () => Promise.all(buttons.map((b) => page.isDisabled(b)));
  assert.deepEqual(await disabled(), [false, false, false, false]);
  await typeInto(page, "#alerts-bad-query", "sum(rate(errors_total[5m]))");
  assert.ok(await page.isVisible("#alerts-exports-held"));
  assert.deepEqual(await disabled(), [true, true, true, true]);
  await typeInto(page, "#alerts-bad-query", 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))');
  assert.deepEqual(await disabled(), [false, false, false, false]);
  for (let n = 4; n >= 1; n--) await page.click(`${row(n)} .alert-remove`);
  assert.deepEqual(await disabled(), [true, true, true, true]);
  await page.click("#alerts-add-row");
  assert.deepEqual(await disabled(), [false, false, false, false]);
  assert.equal(await page.$("#alerts-exports-held"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("this tab's own SLO, and persistence across a reload", async () => {
  const { context, page } = await openAlerts();
  await page.uncheck("#alerts-use-budget");
  await typeInto(page, "#alerts-window", "7");
  // 7 days = 168 h: 0.02 x 168 = 3.36; 10% over 3 d of 7 days = 0.2333...
  assert.deepEqual((await figureRows(page)).map((r) => r[2]), ["3.36×", "1.4×", "0.7×", "≈0.2333×"]);
  await typeInto(page, "#alerts-target", "100");
  assert.match(await page.textContent("#alerts-target-error"), /A 100% target leaves no error budget/);
  await typeInto(page, "#alerts-target", "99.5");
  await typeInto(page, `${row(3)} .alert-share`, "abc");
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#alerts-table tbody tr");
  assert.equal(await page.isChecked("#alerts-use-budget"), false);
  assert.equal(await page.inputValue("#alerts-window"), "7");
  assert.equal(await page.inputValue("#alerts-target"), "99.5");
  assert.equal(await page.inputValue(`${row(3)} .alert-share`), "abc");
  assert.match(await page.textContent("#alerts-results"), /Fix the marked fields/);
  await typeInto(page, `${row(3)} .alert-share`, "10");
  // 99.5%: the error budget is 0.5%, so 3.36x is an error ratio of 1.68%.
  assert.deepEqual((await figureRows(page))[0].slice(2, 4), ["3.36×", "1.68%"]);
  await page.check("#alerts-use-budget");
  assert.equal((await figureRows(page))[0][2], "14.4×");
  await context.close();
});

test("the simulator lists what fires, when, and what no alert catches", async () => {
  const { context, page, problems } = await openAlerts();
  // 2% errors for 45 min: burn rate 20x. The 1 h page passes 1.44% after 60 x 1.44 / 2 =
  // 43.2 min, with 2% of the budget spent; the 6 h page would need 6 h x 0.6 / 2 = 108 min.
  assert.equal(await page.textContent("#alerts-sim-first"), "2% errors for 45m: page 1h / 5m fires first, after 43m 12s.");
  assert.deepEqual(await simRows(page), [
    ["page 1h / 5m", "after 43m 12s", "2%"],
    ["page 6h / 30m", "no: it would need 1h 48m 0s", "—"],
    ["ticket 1d / 2h", "no: it would need 3h 36m 0s", "—"],
    ["ticket 3d / 6h", "no: it would need 3h 36m 0s", "—"],
  ]);
  assert.match(await page.textContent("#alerts-sim-spent"), /≈2\.08% of the 30-day budget is spent\. At 2% \(burn rate 20×\) the whole budget is gone after 1d 12h 0m 0s\./);
  assert.match(await page.textContent("#alerts-uncaught"), /Only an error ratio of exactly 0\.1% \(burn rate 1×\) goes uncaught/);
  const chart = await page.innerHTML("#alerts-chart");
  assert.match(chart, /^<svg/);
  assert.equal((chart.match(/<circle/g) ?? []).length, 4);
  assert.match(chart, /2% errors \(the simulator/);

  await typeInto(page, "#alerts-sim-error", "1");
  await typeInto(page, "#alerts-sim-duration", "1d");
  let rows = await simRows(page);
  assert.equal(rows[0][1], "never: 1% is not above its 1.44% threshold");
  // 6 h x 0.6 / 1 = 216 min = 3 h 36 min, with 5% of the budget spent.
  assert.deepEqual(rows[1], ["page 6h / 30m", "after 3h 36m 0s", "5%"]);
  assert.equal((((await page.innerHTML("#alerts-chart")).match(/<circle/g)) ?? []).length, 3);

  // A run longer than the 30-day window: 0.5x for 31 days sums to 51.67% of a budget, but no
  // one window holds more than 50%, so the budget is not exhausted.
  await typeInto(page, "#alerts-sim-error", "0.05");
  await typeInto(page, "#alerts-sim-duration", "31d");
  assert.match(await page.textContent("#alerts-sim-spent"), /^Over the whole 31d, which spans more than one 30-day window, ≈51\.67% of a 30-day budget is spent in total\. The most any one 30-day window holds is 50%: the budget is not exhausted\. At 0\.05% \(burn rate 0\.5×\) the budget is never spent within the 30-day window\.$/);

  // Without the tickets, everything from 0.1% to 0.6% goes unnoticed.
  await page.click(`${row(4)} .alert-remove`);
  await page.click(`${row(3)} .alert-remove`);
  assert.match(await page.textContent("#alerts-uncaught"), /Error ratios from 0\.1% to 0\.6% spend the whole budget before any alert fires/);

  await typeInto(page, "#alerts-sim-duration", "45");
  assert.match(await page.textContent("#alerts-sim-duration-error"), /Add a unit after 45/);
  assert.match(await page.getAttribute("#alerts-sim-results", "class"), /\bstale\b/);
  await typeInto(page, "#alerts-sim-error", "0");
  assert.match(await page.textContent("#alerts-sim-error-error"), /above 0%/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("removing an alert from the keyboard moves the focus to the next alert's Remove, then to Add alert", async () => {
  const { context, page, problems } = await openAlerts();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id);
  await page.focus(`${row(1)} .alert-remove`);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#alerts-table tbody tr").length === 3);
  // The second alert is now the first, and its Remove has the focus.
  await page.waitForFunction(() => document.activeElement?.matches("#alerts-table tbody tr:nth-child(1) .alert-remove"));
  assert.equal(await focused(), "Remove alert 1 (page over 6h)");
  // The last row's Remove hands the focus to the row before it.
  await page.focus(`${row(3)} .alert-remove`);
  await page.keyboard.press(" ");
  await page.waitForFunction(() => document.activeElement?.matches("#alerts-table tbody tr:nth-child(2) .alert-remove"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.matches("#alerts-table tbody tr:nth-child(1) .alert-remove"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "alerts-add-row");
  assert.equal(await page.locator("#alerts-table tbody tr").count(), 0);
  // Enter held down on a Remove removes that alert only, not each one the focus moves on to.
  await page.click("#alerts-reset-rows");
  await page.waitForFunction(() => document.querySelectorAll("#alerts-table tbody tr").length === 4);
  await page.focus(`${row(1)} .alert-remove`);
  await page.keyboard.down("Enter");
  await page.waitForFunction(() => document.activeElement?.matches("#alerts-table tbody tr:nth-child(1) .alert-remove"));
  for (let i = 0; i < 5; i++) await page.keyboard.down("Enter"); // repeats, as a held key does
  await page.keyboard.up("Enter");
  assert.equal(await page.locator("#alerts-table tbody tr").count(), 3);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the rules and OpenSLO downloads hold the generated files; copy works", async () => {
  const { context, page, problems } = await openAlerts();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  let [download] = await Promise.all([page.waitForEvent("download"), page.click("#alerts-rules-download")]);
  assert.equal(download.suggestedFilename(), "api-availability-rules.yml");
  const rules = await readFile(await download.path(), "utf8");
  assert.equal(rules, await page.textContent("#alerts-rules"));
  assert.match(rules, /^# Prometheus rules for the SLO api-availability: 99\.9% over a rolling 30 days\.\n/);
  assert.match(rules, /\n {6}- record: slo:sli_error:ratio_rate5m\n {8}expr: \|-\n {10}\(\n {12}sum\(rate\(http_requests_total\{job="api",code=~"5\.\."\}\[5m\]\)\)\n/);
  assert.match(rules, /\n {10}slo:sli_error:ratio_rate1h\{slo="api-availability"\} > \(14\.4 \* 0\.001\)\n {10}and\n {10}slo:sli_error:ratio_rate5m\{slo="api-availability"\} > \(14\.4 \* 0\.001\)\n/);
  assert.equal((rules.match(/- alert: ErrorBudgetBurn/g) ?? []).length, 4);
  assert.match(rules, /severity: "ticket"\n {10}slo: "api-availability"\n {10}long_window: "3d"\n {10}short_window: "6h"/);

  [download] = await Promise.all([page.waitForEvent("download"), page.click("#alerts-openslo-download")]);
  assert.equal(download.suggestedFilename(), "api-availability-openslo.yaml");
  const openslo = await readFile(await download.path(), "utf8");
  assert.match(openslo, /\napiVersion: openslo\/v1\nkind: SLO\n/);
  assert.match(openslo, /\n {6}target: 0\.999\n/);
  assert.match(openslo, /\n {4}- duration: 30d\n {6}isRolling: true\n/);
  assert.match(openslo, /threshold: 14\.4\n {16}lookbackWindow: 1h\n/);

  await page.click("#alerts-rules-copy");
  // The copy is asynchronous: the status still names the download until the clipboard answers.
  await page.waitForFunction(() => /^Copied/.test(document.querySelector("#alerts-export-status")?.textContent));
  assert.equal(await page.textContent("#alerts-export-status"), "Copied the Prometheus rules");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), rules);

  // A renamed SLO names the files; a query without the placeholder is refused next to it.
  await typeInto(page, "#alerts-slo-name", "checkout");
  [download] = await Promise.all([page.waitForEvent("download"), page.click("#alerts-rules-download")]);
  assert.equal(download.suggestedFilename(), "checkout-rules.yml");
  await typeInto(page, "#alerts-bad-query", "sum(rate(errors_total[5m]))");
  assert.match(await page.textContent("#alerts-bad-query-error"), /Put \{\{\.window\}\} where the range goes/);
  assert.equal(await page.getAttribute("#alerts-bad-query", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#alerts-exports", "class"), /\bstale\b/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a refused SLO name suggests one that is taken, and names a control of direction by its code point", async () => {
  const { context, page, problems } = await openAlerts();
  const rule = "is not allowed: use letters A to Z, digits, -, _ and .";
  await typeInto(page, "#alerts-slo-name", "Checkout API");
  assert.equal(await page.textContent("#alerts-slo-name-error"), `" " ${rule}, for example "Checkout-API"`);
  // A U+202E in the name reversed the message on the page.
  await page.fill("#alerts-slo-name", "prod\u202Eerror");
  assert.equal(await page.textContent("#alerts-slo-name-error"), `<U+202E> ${rule}, for example "prod-error"`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the OpenSLO window is written exactly or not at all, and an exact one comes back unchanged", async () => {
  const { context, page, problems } = await openAlerts();
  await page.uncheck("#alerts-use-budget");
  // 0.01 days is 14.4 minutes: it was written as "14m", which its own import then refused.
  await typeInto(page, "#alerts-window", "0.01");
  await page.waitForSelector("#alerts-openslo-not-written");
  const why = await page.textContent("#alerts-openslo-not-written");
  assert.match(why, /not a whole number of minutes/);
  assert.match(why, /the nearest are 0\.00625 and 0\.0125 days/);
  assert.equal(await page.locator("#alerts-openslo").count(), 0);
  assert.ok(await page.isDisabled("#alerts-openslo-copy"));
  assert.ok(await page.isDisabled("#alerts-openslo-download"));
  assert.ok(await page.isEnabled("#alerts-rules-copy"), "the Prometheus rules are still written");
  // 7.5 days is 180 hours, exactly.
  await typeInto(page, "#alerts-window", "7.5");
  await page.waitForSelector("#alerts-openslo");
  const openslo = await page.textContent("#alerts-openslo");
  assert.match(openslo, /\n {4}- duration: 180h\n/);
  await typeInto(page, "#alerts-window", "30");
  await page.setInputFiles("#alerts-import", { name: "own.yaml", mimeType: "application/yaml", buffer: Buffer.from(openslo) });
  await page.waitForFunction(() => document.querySelector("#alerts-window")?.value === "7.5");
  assert.equal(await page.locator("#alerts-import-skipped").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an SLO named with capitals exports a valid OpenSLO name and comes back as typed, with nothing listed", async () => {
  const { context, page, problems } = await openAlerts();
  await typeInto(page, "#alerts-slo-name", "API_Availability");
  const openslo = await page.textContent("#alerts-openslo");
  // metadata.name is an RFC 1123 label; it used to be written as typed.
  assert.match(openslo, /\nmetadata:\n {2}name: api-availability\n {2}displayName: "?API_Availability"?\n/);
  assert.doesNotMatch(openslo, /name: API_Availability/);
  await typeInto(page, "#alerts-slo-name", "other");
  await page.setInputFiles("#alerts-import", { name: "own.yaml", mimeType: "application/yaml", buffer: Buffer.from(openslo) });
  await page.waitForFunction(() => document.querySelector("#alerts-slo-name")?.value === "API_Availability");
  // An unchanged export of the page itself: nothing it wrote is lost, so nothing is listed (it
  // listed displayName, description and service).
  assert.equal(await page.locator("#alerts-import-skipped").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an import whose target is refused says the tab still follows the Budget tab", async () => {
  const { context, page, problems } = await openAlerts();
  assert.ok(await page.isChecked("#alerts-use-budget"));
  // 0.999 reads as a ratio where OpenSLO's targetPercent wants a percentage: refused, listed.
  const openslo = ["apiVersion: openslo/v1", "kind: SLO", "metadata:", "  name: x", "spec:", "  objectives:", "    - targetPercent: 0.999", ""].join("\n");
  await page.setInputFiles("#alerts-import", { name: "frac.yaml", mimeType: "application/yaml", buffer: Buffer.from(openslo) });
  await page.waitForFunction(() => document.querySelector("#alerts-import-message")?.textContent.startsWith("Imported"));
  // It said "This tab now uses its own SLO where the file gave one" while still following it.
  assert.match(
    await page.innerText("#alerts-import-message"),
    /^Imported from frac\.yaml \(OpenSLO v1\): .*No target or window was taken from the file, so this tab still follows the Budget tab's SLO\./,
  );
  assert.ok(await page.isChecked("#alerts-use-budget"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("importing a Sloth spec fills the SLO and lists what it could not hold", async () => {
  const { context, page, problems } = await openAlerts();
  const sloth = [
    'version: "prometheus/v1"',
    'service: "checkout"',
    "slos:",
    '  - name: "requests-availability"',
    "    objective: 99.95",
    "    sli:",
    "      events:",
    '        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    "        total_query: sum(rate(http_requests_total[{{.window}}]))",
    "    alerting:",
    "      name: CheckoutErrors",
    "",
  ].join("\n");
  await page.setInputFiles("#alerts-import", { name: "sloth.yml", mimeType: "application/yaml", buffer: Buffer.from(sloth) });
  await page.waitForFunction(() => document.querySelector("#alerts-import-message")?.textContent.startsWith("Imported"));
  assert.match(await page.textContent("#alerts-import-message"), /^Imported from sloth\.yml \(Sloth prometheus\/v1\): target, window, name, bad-events query, total query\./);
  assert.equal(await page.isChecked("#alerts-use-budget"), false);
  assert.equal(await page.inputValue("#alerts-target"), "99.95");
  assert.equal(await page.inputValue("#alerts-window"), "30");
  assert.equal(await page.inputValue("#alerts-slo-name"), "requests-availability");
  assert.equal(await page.inputValue("#alerts-bad-query"), 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))');
  const skipped = await page.textContent("#alerts-import-skipped");
  assert.match(skipped, /window: Sloth specs carry no window/);
  assert.match(skipped, /service: not imported/);
  assert.match(skipped, /slos\[0\]\.alerting: not imported/);
  // 99.95%: 14.4x is an error ratio of 0.72%.
  assert.deepEqual((await figureRows(page))[0].slice(2, 4), ["14.4×", "0.72%"]);

  // PowerShell's `>` writes UTF-16 with a byte order mark, which the browser reads by; without
  // the mark the file is named, with what to do.
  const marked = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sloth.replace("99.95", "99.9"), "utf16le")]);
  await page.setInputFiles("#alerts-import", { name: "marked.yml", mimeType: "application/yaml", buffer: marked });
  await page.waitForFunction(() => document.querySelector("#alerts-import-message")?.textContent.startsWith("Imported from marked.yml"));
  assert.equal(await page.inputValue("#alerts-target"), "99.9");
  const bare = Buffer.from(sloth, "utf16le");
  await page.setInputFiles("#alerts-import", { name: "bare.yml", mimeType: "application/yaml", buffer: bare });
  await page.waitForFunction(() => document.querySelector("#alerts-import-message")?.textContent.includes("bare.yml"));
  assert.match(await page.textContent("#alerts-import-message"), /UTF-16 text.*save it as UTF-8/);
  assert.equal(await page.inputValue("#alerts-target"), "99.9", "nothing changed");
  await page.setInputFiles("#alerts-import", { name: "sloth.yml", mimeType: "application/yaml", buffer: Buffer.from(sloth) });
  await page.waitForFunction(() => document.querySelector("#alerts-import-message")?.textContent.startsWith("Imported from sloth.yml"));

  await page.setInputFiles("#alerts-import", { name: "bad.yml", mimeType: "application/yaml", buffer: Buffer.from("a: &x [1]\nb: *x\n") });
  await page.waitForSelector("#alerts-import-message.field-error");
  assert.match(await page.textContent("#alerts-import-message"), /^Nothing was imported from bad\.yml: Aliases/);
  assert.equal(await page.inputValue("#alerts-target"), "99.95", "nothing changed");
  assert.deepEqual(problems, []);
  await context.close();
});
