// The Toil tab in the real built page: editing the inventory, results, the plan ordering, charts,
// the worth-the-time grid, CSV export and import, stale results and persistence.

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

const openToil = async () => {
  const opened = await openApp(browser, `${server.url}#/toil`);
  await opened.page.waitForSelector("#toil-total-hours");
  return opened;
};

const row = (n) => `#toil-tasks tbody tr:nth-child(${n})`;

/** The per-task results table as rows of cell texts. */
const resultRows = (page) =>
  page.$$eval("#toil-results-table tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent)),
  );

/** Imports `csv` as the file `name`, declines the question the page asks, and returns it. */
async function declinedImport(page, name, csv) {
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    dialog.dismiss();
  });
  await page.setInputFiles("#toil-import", { name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForFunction(() => document.querySelector("#toil-import-message")?.textContent.startsWith("Import cancelled"));
  return asked;
}

const planRows = (page) =>
  page.$$eval("#toil-plan tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent)),
  );

/** Leaves one task in the inventory: the first, set to the given fields. */
async function onlyTask(page, { name, times = "1", per, minutes, hours = "0", maintenance = "0" }) {
  while ((await page.$$("#toil-tasks tbody tr")).length > 1) {
    await page.click(`${row(2)} .task-remove`);
  }
  await typeInto(page, `${row(1)} .task-name`, name);
  await typeInto(page, `${row(1)} .task-times`, times);
  await page.selectOption(`${row(1)} .task-per`, per);
  await typeInto(page, `${row(1)} .task-minutes`, minutes);
  await typeInto(page, `${row(1)} .task-automation-hours`, hours);
  await typeInto(page, `${row(1)} .task-maintenance`, maintenance);
}

test("the example inventory shows hours, shares, payback and the plan", async () => {
  const { context, page, problems } = await openToil();
  await page.fill("#toil-start-date", "2025-01-01");
  assert.equal(await page.textContent("#toil-total-hours"), "19.38 h");
  assert.equal(await page.textContent("#toil-share"), "1.9%");
  const [first] = await resultRows(page);
  // Issue 6: a daily 30-minute task automated in 16 hours saves 182.5 h a year and pays back in
  // 1.05 months; 16 h at 0.5 h a day is exactly 32 days, so it breaks even on 2025-02-02.
  assert.deepEqual(first, [
    "Restart stuck deploys",
    "15.21 h",
    "182.5 h",
    "1.5%",
    "182.5 h",
    "1.05 months",
    "166.5 h",
    "896.5 h",
    "2025-02-02",
    "Automate: pays back in 1.05 months, under the 6-month threshold",
  ]);
  assert.match(await page.textContent("#toil-results"), /daily 365, per working day as set \(260\)/);
  assert.match(await page.textContent("#toil-results"), /52 \/ 12 = 1,040 h/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("adding, editing, reordering and removing rows update the results", async () => {
  const { context, page } = await openToil();
  await page.click("#toil-add-task");
  assert.equal((await page.$$("#toil-tasks tbody tr")).length, 4);
  // The new row's name has the focus, ready to be typed.
  await page.waitForFunction(() => document.activeElement?.matches("#toil-tasks tbody tr:nth-child(4) .task-name"));
  await typeInto(page, `${row(4)} .task-name`, "Monthly report");
  await page.selectOption(`${row(4)} .task-per`, "month");
  await typeInto(page, `${row(4)} .task-minutes`, "120");
  // Issue 6: a monthly 120-minute task adds 2 hours a month (19.38 + 2).
  assert.equal(await page.textContent("#toil-total-hours"), "21.38 h");
  let rows = await resultRows(page);
  assert.deepEqual(rows[3].slice(0, 3), ["Monthly report", "2 h", "24 h"]);

  await page.click(`${row(4)} .task-up`);
  rows = await resultRows(page);
  assert.equal(rows[2][0], "Monthly report");
  assert.equal(await page.inputValue(`${row(3)} .task-name`), "Monthly report");

  await page.uncheck(`${row(3)} .task-automatable`);
  rows = await resultRows(page);
  assert.equal(rows[2][9], "Manual: not marked automatable");
  assert.ok(await page.isDisabled(`${row(3)} .task-automation-hours`));

  const before = await resultRows(page);
  await page.click(`${row(1)} .task-remove`);
  rows = await resultRows(page);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ["Renew TLS certificates", "Monthly report", "Grant database access"],
  );
  assert.equal(await page.textContent("#toil-total-hours"), "6.17 h");
  // A removed row can be put back, in its place and with what was typed in it.
  assert.match(await page.textContent("#toil-removed"), /^Removed “[^”]+”\. Undo$/);
  await page.click("#toil-undo-remove");
  assert.deepEqual(await resultRows(page), before);
  assert.equal(await page.textContent("#toil-removed"), "");
  await page.click(`${row(1)} .task-remove`);
  await page.click("#toil-add-task");
  await page.click("#toil-undo-remove");
  assert.deepEqual((await resultRows(page)).slice(0, 4), before, "put back before a row added since");
  // Removals are undone one at a time, newest first, each back in its place.
  await page.click(`${row(5)} .task-remove`);
  await page.click(`${row(1)} .task-remove`);
  await page.click(`${row(2)} .task-remove`);
  // The removed row's buttons are gone: the focus goes to Undo.
  await page.waitForFunction(() => document.activeElement?.id === "toil-undo-remove");
  assert.equal(await page.locator("#toil-tasks tbody tr").count(), 2);
  assert.match(
    await page.textContent("#toil-removed"),
    /^Removed “Monthly report” \(2 earlier removals can be undone after it\)\. Undo$/,
  );
  await page.click("#toil-undo-remove");
  assert.match(await page.textContent("#toil-removed"), /\(1 earlier removal can be undone after it\)/);
  await page.click("#toil-undo-remove");
  assert.match(await page.textContent("#toil-removed"), /^Removed a task without a name\. Undo$/);
  await page.keyboard.press("Enter");
  assert.deepEqual((await resultRows(page)).slice(0, 4), before, "every removal undone");
  // With nothing left to undo, the focus is on the row put back.
  await page.waitForFunction(() => document.activeElement?.matches("#toil-tasks tbody tr:nth-child(5) .task-name"));
  assert.equal(await page.locator("#toil-tasks tbody tr").count(), 5);
  assert.equal(await page.textContent("#toil-removed"), "");
  await context.close();
});

test("the move buttons keep the focus, also at the end of the list, from the keyboard", async () => {
  const { context, page } = await openToil();
  const names = () => page.$$eval("#toil-tasks tbody tr .task-name", (inputs) => inputs.map((i) => i.value));
  const focused = () =>
    page.evaluate(() => [document.activeElement?.getAttribute("aria-label"), document.activeElement?.getAttribute("aria-disabled")]);
  const first = (await names())[0];
  await page.focus(`${row(1)} .task-down`);
  // The focus went to <body> after each move.
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => document.querySelector("#toil-tasks tbody tr:nth-child(2) .task-name")?.value === n, first);
  assert.deepEqual(await focused(), [`Move ${first} down`, "false"]);
  const count = (await names()).length;
  for (let i = 2; i < count; i++) await page.keyboard.press("Enter");
  await page.waitForFunction(
    ([n, c]) => document.querySelector(`#toil-tasks tbody tr:nth-child(${c}) .task-name`)?.value === n,
    [first, count],
  );
  // At the end: marked unavailable, still focused, and pressing it again moves nothing.
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-disabled") === "true");
  assert.deepEqual(await focused(), [`Move ${first} down`, "true"]);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(100);
  assert.equal((await names())[count - 1], first);
  assert.deepEqual(await focused(), [`Move ${first} down`, "true"]);
  // Its other button is available, and the new first row's up is not.
  await page.keyboard.press("Shift+Tab");
  assert.deepEqual(await focused(), [`Move ${first} up`, "false"]);
  assert.equal(await page.getAttribute(`${row(1)} .task-up`, "aria-disabled"), "true");
  // A click leaves the focus on the button too.
  await page.click(`${row(count)} .task-up`);
  await page.waitForFunction(
    ([n, c]) => document.querySelector(`#toil-tasks tbody tr:nth-child(${c - 1}) .task-name`)?.value === n,
    [first, count],
  );
  assert.deepEqual(await focused(), [`Move ${first} up`, "false"]);
  await context.close();
});

test("the plan orders tasks by payback and adds up the hours freed", async () => {
  const { context, page } = await openToil();
  // Example tasks pay back in 1.05, 12 and 21.82 months; make the last one the fastest.
  await typeInto(page, `${row(3)} .task-automation-hours`, "1");
  await typeInto(page, `${row(3)} .task-maintenance`, "0");
  const plan = await planRows(page);
  assert.deepEqual(
    plan.map((r) => [r[1], r[2], r[4]]),
    [
      // 3 a week x 10 min = 26 h/yr: 1 h / (26/12 h) = 0.46 months.
      ["Grant database access", "0.46 months", "2.17 h"],
      ["Restart stuck deploys", "1.05 months", "17.38 h"],
      ["Renew TLS certificates", "12 months", "19.38 h"],
    ],
  );
  // A task whose maintenance eats its saving is said plainly and left out of the plan.
  await typeInto(page, `${row(2)} .task-maintenance`, "24");
  const rows = await resultRows(page);
  assert.equal(rows[1][5], "never");
  assert.equal(rows[1][9], "Never pays back: maintenance takes all the time it saves");
  assert.deepEqual(
    (await planRows(page)).map((r) => r[1]),
    ["Grant database access", "Restart stuck deploys"],
  );
  await context.close();
});

test("team share against the ceiling, the on-call floor and money", async () => {
  const { context, page } = await openToil();
  await onlyTask(page, { name: "Half a day", per: "working day", minutes: "240" });
  await typeInto(page, "#toil-engineers", "1");
  assert.equal(await page.textContent("#toil-share"), "50%");
  assert.match(await page.textContent("#toil-results .headline"), /within the 50% ceiling/);
  await typeInto(page, "#toil-working-days", "261");
  assert.match(await page.textContent("#toil-results .headline"), /over the 50% ceiling/);

  await typeInto(page, "#toil-rotation", "8");
  assert.match(await page.textContent("#toil-on-call"), /^On-call floor: 25% of each rotation member's time .* shared evenly: 75\.2%\. The rotation is larger than the team/);
  await typeInto(page, "#toil-rotation", "6");
  assert.match(await page.textContent("#toil-on-call"), /33\.3%/);

  await typeInto(page, "#toil-hourly-cost", "100");
  await typeInto(page, "#toil-currency", "USD");
  assert.equal(await page.textContent("#toil-money"), "Cost of toil: 8,700.00 USD per month.");
  const [only] = await resultRows(page);
  // 261 x 4 h = 1,044 h a year at 100 USD; nothing to build, so net after 1 year is the same.
  assert.equal(only[2], "1,044 h (104,400.00 USD)");
  assert.equal(only[6], "1,044 h (104,400.00 USD)");
  // The plan gives the money freed by each step too, not only the running total.
  const [step] = await planRows(page);
  assert.deepEqual(step.slice(3), ["87 h (8,700.00 USD)", "87 h (8,700.00 USD)"]);
  await context.close();
});

test("with money beside the hours, the per-task table fits a desktop window", async () => {
  // openApp's window is 1280 px wide. Every figure of hours gets its cost beside it; a cell may
  // break between the two, so Recommendation is on screen without a sideways scroll.
  const { context, page } = await openToil();
  await typeInto(page, "#toil-hourly-cost", "125.5");
  await typeInto(page, "#toil-currency", "EUR");
  await page.waitForFunction(() => document.querySelector("#toil-money"));
  const fit = await page.$eval("#toil-results-table", (table) => {
    const scroller = table.parentElement;
    const cell = table.querySelector("td.two-part");
    // The lines each half is on (a half may have several boxes on one line).
    const halves = [...cell.children].map(
      (span) => new Set([...span.getClientRects()].map((box) => Math.round(box.top))).size,
    );
    return {
      overflow: scroller.scrollWidth - scroller.clientWidth,
      recommendationRight: table.querySelector("thead th:last-child").getBoundingClientRect().right,
      viewport: window.innerWidth,
      halves,
      text: cell.textContent,
    };
  });
  assert.equal(fit.overflow, 0, "the table does not scroll sideways");
  assert.ok(fit.recommendationRight <= fit.viewport, `Recommendation in view: ${JSON.stringify(fit)}`);
  assert.deepEqual(fit.halves, [1, 1], "hours and money each on one line");
  assert.match(fit.text, /^[\d,.]+ h \([\d,.]+ EUR\)$/);
  // The editable inventory fits too, its Remove buttons in view and the example names whole
  // (it was 43 px too wide, "Restart stuck deplo").
  const inventory = await page.$eval("#toil-tasks", (table) => ({
    overflow: table.parentElement.scrollWidth - table.parentElement.clientWidth,
    names: [...table.querySelectorAll("input.task-name")].map((input) => input.scrollWidth - input.clientWidth),
  }));
  assert.equal(inventory.overflow, 0, "the inventory does not scroll sideways");
  assert.ok(inventory.names.every((hidden) => hidden <= 0), `names cut: ${inventory.names}`);

  // On a 375 px phone the page does not scroll sideways and the plan, money and all, fits (it
  // scrolled); the wide tables scroll in their own region, which the keyboard reaches by name.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForFunction(() => document.documentElement.scrollWidth <= 375);
  const plan = await page.$eval("#toil-plan", (table) => table.parentElement.scrollWidth - table.parentElement.clientWidth);
  assert.equal(plan, 0, "the plan does not scroll sideways");
  for (const [table, name] of [
    ["#toil-results-table", "Per-task results table"],
    ["#toil-tasks", "Toil inventory table"],
  ]) {
    const region = await page.$eval(table, (t) => [
      t.parentElement.getAttribute("role"),
      t.parentElement.getAttribute("tabindex"),
      t.parentElement.getAttribute("aria-label"),
    ]);
    assert.deepEqual(region, ["region", "0", name], table);
  }
  await context.close();
});

test("the charts appear and follow the selected task", async () => {
  const { context, page, problems } = await openToil();
  const bar = await page.innerHTML("#toil-bar-chart");
  assert.match(bar, /^<svg/);
  assert.match(bar, /Restart stuck deploys: 15\.21 h\/month/);
  assert.match(bar, /50% of team time/);
  assert.match(await page.innerHTML("#toil-payback-chart"), /Break-even: 1\.05 months/);

  await page.selectOption("#toil-chart-task", { label: "Renew TLS certificates" });
  assert.match(await page.innerHTML("#toil-payback-chart"), /Break-even: 12 months/);
  assert.match(await page.textContent("#toil-results"), /Renew TLS certificates: hours spent/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the worth-the-time grid matches xkcd 1205's figures", async () => {
  const { context, page } = await openToil();
  const cell = (saved, column) =>
    page.textContent(`#toil-worth-grid tr:has(th:text-is("${saved}")) td:nth-of-type(${column})`);
  // Columns: 50 a day, 5 a day, daily, weekly, monthly, yearly.
  assert.equal(await cell("1 minute", 4), "4.33 hours");
  assert.equal(await cell("5 minutes", 3), "6.34 days");
  assert.equal(await cell("1 day", 6), "5 days");
  // 30 minutes 50 times a day is 25 hours a day: empty, as in the comic, and said so to a
  // screen reader.
  assert.equal(await cell("30 minutes", 1), "—more than a day each day");
  assert.equal(await cell("1 day", 2), "—more than a day each day");
  assert.equal(await cell("1 day", 3), "260.71 weeks");
  await context.close();
});

test("an invalid cell gets its message, and the last results stay, marked stale", async () => {
  const { context, page, problems } = await openToil();
  const cases = [
    [".task-minutes", "0", /Must be above zero/],
    [".task-minutes", "ten", /Not a number/],
    [".task-times", "-2", /Cannot be negative/],
    [".task-people", "1.5", /whole number/],
    // A decimal comma in a whole-number field is named as decimals, not sent to a point.
    [".task-people", "2,5", /^Enter a whole number: 2,5 has decimals$/],
    [".task-share", "120", /above 0 and at most 100/],
    [".task-automation-hours", "", /Enter a number/],
  ];
  for (const [cellClass, text, message] of cases) {
    const selector = `${row(1)} ${cellClass}`;
    const before = await page.inputValue(selector);
    await page.fill(selector, text);
    assert.equal(await page.getAttribute(selector, "aria-invalid"), "true", `${cellClass} ${text}`);
    const errorId = await page.getAttribute(selector, "aria-describedby");
    assert.match(await page.textContent(`#${errorId}`), message, `${cellClass} ${text}`);
    assert.match(await page.getAttribute("#toil-results", "class"), /\bstale\b/);
    assert.equal(await page.textContent("#toil-total-hours"), "19.38 h", "the last valid result");
    assert.ok(!/NaN|Infinity|undefined/.test(await page.textContent("body")));
    await typeInto(page, selector, before);
    assert.doesNotMatch(await page.getAttribute("#toil-results", "class"), /\bstale\b/);
  }
  await page.fill("#toil-engineers", "0");
  assert.match(await page.textContent("#toil-engineers-error"), /Must be above zero/);
  await page.fill("#toil-rotation", "1");
  assert.match(await page.textContent("#toil-rotation-error"), /from 2 to 1000/);
  await page.fill("#toil-rotation", "1,000");
  assert.equal(await page.textContent("#toil-rotation-error"), "Thousands separators are not read here: write 1000");
  await page.fill("#toil-threshold", "0");
  assert.match(await page.textContent("#toil-threshold-error"), /above 0 months/);
  assert.match(await page.textContent(".stale-note"), /Not updated/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("CSV export downloads the table and import reads it back, refusing bad rows", async () => {
  const { context, page } = await openToil();
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#toil-export")]);
  assert.equal(download.suggestedFilename(), "toil.csv");
  const exported = await readFile(await download.path(), "utf8");
  const lines = exported.trim().split("\n");
  assert.equal(lines[0], "name,times,per,minutes_each,people,automatable,priority,automation_hours,share_removed_percent,maintenance_hours_per_year");
  assert.equal(lines[1], "Restart stuck deploys,1,day,30,1,yes,3,16,100,0");
  assert.equal(lines.length, 4);

  const bad = "name,per,minutes_each\nok,day,5\nbroken,fortnight,5\nzero,week,0\n";
  await page.setInputFiles("#toil-import", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.waitForSelector("#toil-import-message.field-error");
  const message = await page.textContent("#toil-import-message");
  assert.match(message, /^Nothing was imported\. row 3: period: Unknown period “fortnight”/);
  assert.match(message, /row 4: minutes each time: Must be above zero/);
  assert.equal((await page.$$("#toil-tasks tbody tr")).length, 3, "the table is unchanged");
  // A spreadsheet's UTF-16 export without a byte order mark is named; a picture is not text.
  const wide = Buffer.from("name,per,minutes_each\nok,day,5\n", "utf16le");
  await page.setInputFiles("#toil-import", { name: "wide.csv", mimeType: "text/csv", buffer: wide });
  await page.waitForFunction(() => /UTF-16 text/.test(document.querySelector("#toil-import-message")?.textContent));
  assert.match(await page.textContent("#toil-import-message"), /^Nothing was imported from wide\.csv: This file is UTF-16 text/);
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
  await page.setInputFiles("#toil-import", { name: "chart.png", mimeType: "image/png", buffer: png });
  await page.waitForFunction(() => /not a text file/.test(document.querySelector("#toil-import-message")?.textContent));
  assert.match(await page.textContent("#toil-import-message"), /chart\.png: This is not a text file: expected a CSV of tasks/);
  assert.equal((await page.$$("#toil-tasks tbody tr")).length, 3, "the table is unchanged");

  const good = "Name,Per,Minutes Each,Automatable,Automation Hours\nOn-call handover,weekly,45,yes,2\n\"Quoted, name\",daily,5,no,\n";
  // Replacing a table that holds other tasks asks first; no keeps the table.
  let asked = await declinedImport(page, "good.csv", good);
  assert.match(asked, /^Replace the 3 tasks in the table with the 2 tasks from good\.csv\?/);
  assert.equal((await page.$$("#toil-tasks tbody tr")).length, 3, "the table is unchanged");
  page.once("dialog", (dialog) => dialog.accept());
  await page.setInputFiles("#toil-import", { name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.waitForFunction(() => document.querySelector("#toil-import-message")?.textContent.startsWith("Imported"));
  assert.equal(await page.textContent("#toil-import-message"), "Imported 2 tasks from good.csv");
  // Undo import puts the table back as it was; importing again replaces it again.
  assert.equal(await page.innerText("#toil-import-undo"), "The table before good.csv is kept. Undo import");
  await page.click("#toil-undo-import");
  assert.equal((await page.$$("#toil-tasks tbody tr")).length, 3);
  assert.equal(
    await page.textContent("#toil-import-message"),
    "The import of good.csv is undone: the table is as it was before it.",
  );
  assert.equal(await page.$("#toil-undo-import"), null);
  page.once("dialog", (dialog) => dialog.accept());
  await page.setInputFiles("#toil-import", { name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.waitForFunction(() => document.querySelector("#toil-import-message")?.textContent.startsWith("Imported"));
  assert.equal(await page.inputValue(`${row(2)} .task-name`), "Quoted, name");
  assert.equal(await page.inputValue(`${row(1)} .task-per`), "week");
  const rows = await resultRows(page);
  assert.deepEqual(rows.map((r) => r.slice(0, 3)), [
    ["On-call handover", "3.25 h", "39 h"],
    ["Quoted, name", "2.53 h", "30.42 h"],
  ]);

  // And the re-imported export gives the example inventory back.
  page.once("dialog", (dialog) => dialog.accept());
  await page.setInputFiles("#toil-import", { name: "toil.csv", mimeType: "text/csv", buffer: Buffer.from(exported) });
  await page.waitForFunction(() => document.querySelector("#toil-import-message")?.textContent.includes("3 tasks"));
  assert.equal(await page.textContent("#toil-total-hours"), "19.38 h");

  // An empty table with removed rows still to undo: importing asks, since the removed rows
  // could no longer be put back.
  for (let i = 0; i < 3; i++) await page.click(`${row(1)} .task-remove`);
  asked = await declinedImport(page, "good.csv", good);
  assert.equal(asked, "Import the 2 tasks from good.csv? The 3 removed tasks can then no longer be put back.");
  await page.click("#toil-undo-remove");
  assert.equal((await page.$$("#toil-tasks tbody tr")).length, 1, "the removed rows can still be put back");

  // A file that holds just what the table holds still asks while rows could be put back.
  const [again] = await Promise.all([page.waitForEvent("download"), page.click("#toil-export")]);
  const same = await readFile(await again.path(), "utf8");
  asked = await declinedImport(page, "same.csv", same);
  assert.match(asked, /The 2 removed tasks can then no longer be put back\.$/);
  assert.ok(await page.isVisible("#toil-undo-remove"), "Undo is still offered");
  await context.close();
});

test("an empty start date stays empty after a reload and counts from today", async () => {
  const { context, page, problems } = await openToil();
  await page.fill("#toil-start-date", "2025-01-01");
  await page.fill("#toil-start-date", "");
  await page.waitForTimeout(500);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#toil-total-hours");
  assert.equal(await page.inputValue("#toil-start-date"), "", "not filled in with the day it opened");
  // The browser's own date, and 32 days later (16 h at 0.5 h a day).
  const [today, breakEven] = await page.evaluate(() => {
    const day = (d) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const now = new Date();
    return [day(now), day(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 32))];
  });
  assert.equal(
    await page.textContent("#toil-start-date-help"),
    `Empty: break-even dates count from today, ${today}, and move on with each day. Type a date (YYYY-MM-DD) to keep them fixed.`,
  );
  assert.equal((await resultRows(page))[0][8], breakEven);
  assert.match(await page.getAttribute("#toil-start-date", "aria-describedby"), /toil-start-date-help/);
  // A date that does not exist stays in the field as typed, with its message.
  await page.fill("#toil-start-date", "2025-02-30");
  assert.equal(await page.inputValue("#toil-start-date"), "2025-02-30");
  assert.notEqual(await page.textContent("#toil-start-date-error"), "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the inventory and settings survive a reload, even an invalid value", async () => {
  const { context, page } = await openToil();
  await typeInto(page, `${row(2)} .task-name`, "Renamed");
  await typeInto(page, "#toil-engineers", "4");
  await page.fill("#toil-start-date", "2025-03-01");
  await typeInto(page, `${row(1)} .task-minutes`, "abc");
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#toil-tasks tbody tr");
  assert.equal(await page.inputValue(`${row(2)} .task-name`), "Renamed");
  assert.equal(await page.inputValue("#toil-engineers"), "4");
  assert.equal(await page.inputValue("#toil-start-date"), "2025-03-01");
  assert.equal(await page.inputValue(`${row(1)} .task-minutes`), "abc");
  assert.match(await page.textContent("#toil-results"), /Fix the marked fields/);
  await typeInto(page, `${row(1)} .task-minutes`, "30");
  assert.equal(await page.textContent("#toil-total-hours"), "19.38 h");
  await context.close();
});
