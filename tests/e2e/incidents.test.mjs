// The Incidents tab in the real built page: declare, keep a timeline, resolve, see the budget
// impact, copy and download the postmortem, reload; time zones stated; hostile text shown as
// text; invalid fields marked with the last figures kept; the Budget tab's opt-in.
//
// The browser's clock is fixed at 2026-12-06 12:00 UTC and its zone set per test, so "now" and
// the offsets are known.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { launchBrowser, startServer, typeInto, waitForApp } from "./support.mjs";

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

const NOW = new Date("2026-12-06T12:00:00Z");

/** Opens the Incidents tab in a fresh profile with a fixed clock and time zone. */
async function openIncidents({ timezoneId = "Europe/Berlin", hash = "#/incidents" } = {}) {
  const context = await browser.newContext({ timezoneId, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: new URL(server.url).origin,
  });
  await context.clock.setFixedTime(NOW);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(`${server.url}${hash}`);
  await waitForApp(page);
  return { context, page, problems };
}

/**
 * Clicks "Declare an incident" and waits until the new incident's title has the focus (the page
 * moves it there on the next frame; typing before then could land in another field).
 */
async function declare(page) {
  await page.click("#incidents-declare");
  await page.waitForFunction(() => document.activeElement?.id === "incidents-title");
}

/** Clicks "Add entry" and waits until the new entry's message has the focus. */
async function clickAddEntry(page) {
  await page.click("#incidents-add-entry");
  await page.waitForFunction(() =>
    document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"),
  );
}

const entryRows = (page) =>
  page.$$eval("#incidents-timeline tbody tr", (trs) =>
    trs.map((tr) => [
      tr.querySelector(".entry-when")?.textContent,
      tr.querySelector(".entry-status-text")?.textContent,
      tr.querySelector(".entry-message-text")?.textContent,
    ]),
  );

/**
 * Clicks Edit on timeline row `row` (1-based) and waits until the entry's message has the focus.
 * The page moves the focus on the next frame, and Playwright's fill focuses a field and then
 * inserts its text into whatever has the focus: filling the time before that frame could put the
 * text in the message instead (a CI run failed that way).
 */
async function clickEdit(page, row) {
  await page.click(`#incidents-timeline tbody tr:nth-child(${row}) .entry-edit`);
  await page.waitForFunction(() =>
    document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"),
  );
}

/**
 * After Enter in the message of the entry being edited: waits until the entry, put in its place in
 * time, is still open with the focus in its message (Enter used to close it and leave the focus on
 * the page), then closes it with Done.
 */
async function doneAfterEnter(page) {
  await page.waitForFunction(() =>
    document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"),
  );
  assert.equal(await page.locator("#incidents-timeline tr.editing").count(), 1);
  await page.click("#incidents-timeline tr.editing .entry-done");
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
}

/** Adds a timeline entry and types its time, status and message, then presses Done. */
async function addEntry(page, { time, status, message }) {
  await clickAddEntry(page);
  const editing = page.locator("#incidents-timeline tr.editing");
  await editing.locator(".entry-time").fill(time);
  await editing.locator(".entry-status").selectOption(status);
  await editing.locator(".entry-message").fill(message);
  await editing.locator(".entry-done").click();
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
}

/** Declares the example incident of issue 9's tests (the same as the postmortem snapshot). */
async function declareExample(page) {
  // The title field has the focus, ready to type.
  await declare(page);
  await page.keyboard.type("Checkout errors after deploy");
  await page.selectOption("#incidents-severity", "SEV2");
  await page.fill("#incidents-detected-by", "Burn-rate page (2% in 1 hour)");
  await page.fill("#incidents-commander", "Ada Lovelace");
  await page.fill("#incidents-responders", "Grace Hopper, Alan Turing");
  await typeInto(page, "#incidents-start", "2026-12-04 23:40");
  await typeInto(page, "#incidents-affected", "25");
  // Entered out of order and across midnight; the page keeps them in time order.
  await addEntry(page, { time: "2026-12-05 00:05", status: "mitigating", message: "Rolled back to v41" });
  await addEntry(page, { time: "2026-12-04 23:44", status: "investigating", message: "Page fired; error rate 3%" });
  await addEntry(page, { time: "2026-12-04 23:58", status: "identified", message: "Bad config in v42" });
  await addEntry(page, { time: "2026-12-05 00:30", status: "resolved", message: "" });
  await page.fill("#incidents-resolution", "Rolled back to v41.");
  await page.click("#incidents-resolve-now");
  await typeInto(page, "#incidents-resolved-at", "2026-12-05 00:30");
}

const EXPECTED_TIMELINE = [
  ["2026-12-04 23:44", "Investigating", "Page fired; error rate 3%"],
  ["2026-12-04 23:58", "Identified", "Bad config in v42"],
  ["2026-12-05 00:05", "Mitigating", "Rolled back to v41"],
  ["2026-12-05 00:30", "Resolved", ""],
];

test("declare, add entries, resolve, see the impact, copy the postmortem, reload and find it all", async () => {
  const { context, page, problems } = await openIncidents();
  assert.match(await page.textContent("#incidents-empty"), /No incidents logged yet/);
  await declare(page);
  // A new incident starts now, typed in the browser's zone with its offset stated.
  assert.equal(await page.inputValue("#incidents-start"), "2026-12-06 13:00:00");
  assert.match(await page.textContent("#incidents-start-zone"), /UTC\+01:00, Europe\/Berlin/);
  // The empty end time is read in the same zone, with the offset in force now (not UTC+00:00).
  assert.match(await page.textContent("#incidents-resolved-at-zone"), /UTC\+01:00, Europe\/Berlin/);
  assert.match(await page.textContent("#incidents-duration"), /Ongoing: 0s so far/);
  // The empty title is not called an error before its field, which has the focus, is left.
  await page.waitForFunction(() => document.activeElement?.id === "incidents-title");
  assert.equal(await page.innerText("#incidents-title-error"), "");
  // Its message holds its place unseen: a click that leaves the field lands where it aimed (the
  // message used to push the form down between the press and the release).
  const top = () => page.$eval("#incidents-full-outage", (e) => e.getBoundingClientRect().top);
  const before = await top();
  await page.click("#incidents-full-outage");
  assert.equal(await page.isChecked("#incidents-full-outage"), true);
  await page.waitForFunction(() => /Give the incident a title/.test(document.querySelector("#incidents-title-error")?.innerText));
  assert.equal(await top(), before);
  await page.click("#incidents-full-outage");
  assert.equal(await page.isChecked("#incidents-full-outage"), false);
  // Deleting asks first: no keeps it, yes deletes it.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.click("#incidents-delete");
  assert.equal((await page.$$("#incidents-list tbody tr")).length, 1);
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#incidents-delete");
  await page.waitForSelector("#incidents-empty");

  await declareExample(page);
  assert.equal(await page.textContent("#incidents-detail-title"), "INC-20261204-234000: Checkout errors after deploy");
  assert.deepEqual(await entryRows(page), EXPECTED_TIMELINE);
  // 23:40 to 00:30 across midnight: 50 minutes.
  assert.equal(await page.textContent("#incidents-duration"), "Lasted 50m 0s.");

  // 50 min x 25% = 12m 30s of full outage; 99.9% over 30 days allows 43m 12s: 28.94%.
  assert.equal(await page.textContent("#incidents-consumed"), "≈28.94%");
  assert.equal(await page.textContent("#incidents-consumed-time"), "12m 30s of the 43m 12s allowed");
  assert.equal(
    await page.textContent("#incidents-left"),
    "≈71.06% (100% before; no earlier logged incident in this window)",
  );
  assert.match(await page.textContent("#incidents-decision"), /Deploy decision unchanged: deploys allowed/);
  // Said under the decision: what this tab's budget left counts, and where the two are combined.
  assert.equal(
    await page.textContent("#incidents-decision-scope"),
    "The budget left here counts only the logged incidents, from a full budget; the Budget tab's decision, " +
      "with \"Add the logged incidents of this window\" ticked, is the one that adds them to the budget measured so far.",
  );
  const listRow = await page.$$eval("#incidents-list tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((c) => (c.querySelector(".incident-open") ?? c).textContent)),
  );
  assert.deepEqual(listRow, [
    ["INC-20261204-234000", "Checkout errors after deploy", "SEV2", "2026-12-04 23:40 (UTC+01:00)", "50m 0s", "≈28.94%"],
  ]);

  await page.click("#incidents-copy");
  await page.waitForFunction(() => document.querySelector("#incidents-copy-status")?.textContent.includes("clipboard"));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.startsWith("# Postmortem: Checkout errors after deploy\n"), copied);
  assert.match(copied, /Draft written by Headroom on 2026-12-06 13:00\. All times are UTC\+01:00 \(Europe\/Berlin\)\./);
  assert.match(copied, /- \*\*Duration:\*\* 50m 0s\n- \*\*Severity:\*\* SEV2 \(partial degradation\)\n- \*\*Incident commander:\*\* Ada Lovelace\n/);
  assert.match(copied, /- \*\*Error budget consumed:\*\* ≈28\.94% of the budget for 99\.9% over 30 days/);
  assert.match(
    copied,
    /\*\*2026-12-04\*\*\n\n- 23:40 — \*\*Impact started\*\*\n- 23:44 — Investigating: Page fired; error rate 3%\n- 23:58 — Identified: Bad config in v42\n\n\*\*2026-12-05\*\*\n\n- 00:05 — Mitigating: Rolled back to v41\n- 00:30 — Resolved\n- 00:30 — \*\*Impact ended\*\*\n/,
  );
  for (const section of ["Root cause", "Resolution", "Action items", "What went well", "What could be improved", "Lessons learned"]) {
    assert.match(copied, new RegExp(`\\n## ${section}\\n`), section);
  }
  assert.match(copied, /\| Action \| Owner \| Due date \|/);
  assert.equal(await page.textContent("#incidents-postmortem"), copied, "the preview is the copied text");

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#incidents-download")]);
  assert.equal(download.suggestedFilename(), "INC-20261204-234000-postmortem.md");
  assert.equal(await readFile(await download.path(), "utf8"), copied);

  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#incidents-list");
  assert.equal(await page.inputValue("#incidents-title"), "Checkout errors after deploy");
  assert.equal(await page.inputValue("#incidents-commander"), "Ada Lovelace");
  assert.equal(await page.inputValue("#incidents-responders"), "Grace Hopper, Alan Turing");
  assert.equal(await page.inputValue("#incidents-start"), "2026-12-04 23:40");
  assert.equal(await page.inputValue("#incidents-resolved-at"), "2026-12-05 00:30");
  assert.equal(await page.inputValue("#incidents-resolution"), "Rolled back to v41.");
  assert.deepEqual(await entryRows(page), EXPECTED_TIMELINE);
  assert.equal(await page.textContent("#incidents-consumed"), "≈28.94%");
  assert.equal(await page.textContent("#incidents-postmortem"), copied);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the log's Copy summary and chart show each incident with its budget cost", async () => {
  const { context, page, problems } = await openIncidents();
  assert.equal(await page.$("#incidents-copy-summary"), null, "nothing to summarise before an incident");
  await declareExample(page);
  await page.click("#incidents-copy-summary");
  await page.waitForFunction(() =>
    document.querySelector("#incidents-summary-status")?.textContent.startsWith("Copied"),
  );
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(md.startsWith("## Incidents: 1 incident logged\n"), md);
  assert.match(md, /- Budget \(from the Budget tab\): 99\.9% over a rolling 30-day window\n/);
  assert.match(md, /- Times are UTC\+01:00 \(Europe\/Berlin\)\n/);
  assert.ok(
    md.includes(
      "| INC-20261204-234000 | Checkout errors after deploy | SEV2 | 2026-12-04 23:40 | 50m 0s | 25% | ≈28.94% | ≈71.06% | unchanged: deploys allowed |",
    ),
    md,
  );
  assert.match(md, /### Conventions\n\n- Budget consumed = duration × share of traffic affected/);
  // The chart: the policy's two zones and one bar, from 71.06% up to 100%, green (allowed).
  assert.match(await page.getAttribute("#incidents-chart", "aria-label"), /before and after the incident/);
  assert.equal(await page.$$eval("#incidents-chart svg rect", (rects) => rects.length), 3);
  assert.ok(await page.$eval("#incidents-chart svg", (svg) => svg.innerHTML.includes("12-04 23:40")));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#incidents-chart ~ .chart-downloads .chart-svg")]);
  assert.equal(download.suggestedFilename(), "headroom-incidents-budget.svg");
  assert.deepEqual(problems, []);
  await context.close();
});

test("entries can be edited and deleted, and stay in time order", async () => {
  const { context, page } = await openIncidents();
  await declareExample(page);
  // Move the 23:58 entry after midnight: it takes its place when done.
  await clickEdit(page, 2);
  await page.fill("#incidents-entry-1-time", "2026-12-05 00:10");
  await page.fill("#incidents-entry-1-message", "Bad config in v42, found late");
  await page.press("#incidents-entry-1-message", "Enter");
  // Enter in the message puts the entry in its place in time and keeps it open, the focus in its
  // message in its new row, ready to type on (it used to close the entry and drop the focus).
  await page.waitForFunction(() => document.activeElement?.id === "incidents-entry-2-message");
  assert.equal(await page.getAttribute("#incidents-timeline tr.editing", "id"), "incidents-entry-2");
  assert.equal(await page.inputValue("#incidents-entry-2-time"), "2026-12-05 00:10");
  await page.keyboard.type(" (v42)");
  assert.equal(await page.inputValue("#incidents-entry-2-message"), "Bad config in v42, found late (v42)");
  // Enter in a message that stays in its place keeps the focus where it is.
  await page.keyboard.press("Enter");
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "incidents-entry-2-message");
  await page.click("#incidents-timeline tr.editing .entry-done");
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  assert.deepEqual((await entryRows(page)).map((r) => r[0]), [
    "2026-12-04 23:44",
    "2026-12-05 00:05",
    "2026-12-05 00:10",
    "2026-12-05 00:30",
  ]);
  assert.equal((await entryRows(page))[2][2], "Bad config in v42, found late (v42)");
  await page.click("#incidents-timeline tbody tr:nth-child(1) .entry-delete");
  assert.deepEqual((await entryRows(page)).map((r) => r[1]), ["Mitigating", "Identified", "Resolved"]);
  await context.close();
});

test("an entry logged late takes the status in effect at its time, unless one is picked", async () => {
  const { context, page } = await openIncidents();
  await declareExample(page);
  // A new entry starts with the latest status (resolved); given 23:50, it was investigating then.
  await clickAddEntry(page);
  const editing = page.locator("#incidents-timeline tr.editing");
  assert.equal(await editing.locator(".entry-status").inputValue(), "resolved");
  // In a resolved incident it starts at the resolution time, not now (flagged as outside it).
  assert.equal(await editing.locator(".entry-time").inputValue(), "2026-12-05 00:30");
  assert.equal(await editing.locator(".field-warning").textContent(), "");
  await editing.locator(".entry-time").fill("2026-12-04 23:50");
  await editing.locator(".entry-message").focus();
  await page.waitForFunction(() =>
    document.querySelector("#incidents-timeline tr.editing .entry-status")?.value === "investigating",
  );
  // Another time moves it again: 00:10 was during mitigation.
  await editing.locator(".entry-time").fill("2026-12-05 00:10");
  await editing.locator(".entry-message").fill("Error rate falling");
  await editing.locator(".entry-message").press("Enter");
  await doneAfterEnter(page);
  assert.deepEqual((await entryRows(page))[3], ["2026-12-05 00:10", "Mitigating", "Error rate falling"]);
  // A status picked stays, whatever time the entry is then given.
  await clickAddEntry(page);
  await editing.locator(".entry-status").selectOption("monitoring");
  await editing.locator(".entry-time").fill("2026-12-04 23:45");
  await editing.locator(".entry-message").fill("Watching the rollback");
  await editing.locator(".entry-message").press("Enter");
  await doneAfterEnter(page);
  assert.deepEqual((await entryRows(page))[1], ["2026-12-04 23:45", "Monitoring", "Watching the rollback"]);
  // An entry edited later keeps its status when its time changes.
  await clickEdit(page, 1);
  await page.fill("#incidents-entry-0-time", "2026-12-05 00:40");
  await page.press("#incidents-entry-0-message", "Enter");
  await doneAfterEnter(page);
  assert.deepEqual((await entryRows(page)).at(-1), ["2026-12-05 00:40", "Investigating", "Page fired; error rate 3%"]);
  await context.close();
});

test("an ongoing incident runs until now and can change the deploy decision", async () => {
  const { context, page, problems } = await openIncidents();
  await declare(page);
  await page.fill("#incidents-title", "Database down");
  await page.check("#incidents-full-outage");
  assert.ok(await page.isDisabled("#incidents-affected"));
  await typeInto(page, "#incidents-start", "2026-12-06 12:30");
  // 30 minutes of full outage so far (12:30 to 13:00 in Berlin): 69.44% of 43m 12s.
  assert.match(await page.textContent("#incidents-duration"), /Ongoing: 30m 0s so far/);
  assert.equal(await page.textContent("#incidents-consumed"), "≈69.44%");
  assert.match(await page.textContent("#incidents-impact .headline"), /consumed so far/);
  assert.match(
    await page.textContent("#incidents-decision"),
    /Deploy decision changed: now deploys allowed, with care.*Before it: deploys allowed \(100% of the budget left\)\. After it: deploys allowed, with care\. The Budget tab's policy asks for care below 50% left and freezes below 20%\./,
  );
  const list = await page.textContent("#incidents-list tbody");
  assert.match(list, /ongoing, 30m 0s so far/);
  await page.click("#incidents-resolve-now");
  assert.equal(await page.inputValue("#incidents-resolved-at"), "2026-12-06 13:00:00");
  assert.equal(await page.textContent("#incidents-duration"), "Lasted 30m 0s.");
  await page.click("#incidents-reopen");
  assert.equal(await page.inputValue("#incidents-resolved-at"), "");

  // The Budget tab's SLO is followed: at 99.95% the same 30 minutes overspend the budget.
  await page.click("#tab-budget");
  await page.fill("#slo-target", "99.95");
  await page.click("#tab-incidents");
  assert.equal(await page.textContent("#incidents-consumed"), "≈138.89%");
  assert.match(await page.textContent("#incidents-left"), /^nothing: the logged incidents of this window overspend/);
  assert.match(await page.textContent("#incidents-decision"), /now deploy freeze/);
  await page.click("#tab-budget");
  await page.fill("#slo-target", "100");
  await page.click("#tab-incidents");
  assert.match(await page.textContent("#incidents-impact"), /The Budget tab's SLO target is not valid\. Fix it on the Budget tab/);

  // The Budget tab adds it up to now too, as this tab costs it: 69.44% at 99.9%.
  await page.click("#tab-budget");
  await page.fill("#slo-target", "99.9");
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "100");
  await page.fill("#elapsed-days", "1");
  await page.check("#include-incidents");
  await page.waitForFunction(() => document.querySelector("#consumed")?.textContent === "≈69.44%");
  assert.equal(
    await page.textContent("#included-incidents"),
    "Added ≈69.44% of the budget for 1 logged incident from 2026-12-05 to 2026-12-06: INC-20261206-123000 (≈69.44%, ongoing, 30m 0s so far).",
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("times are shown in the browser's zone with the offset stated", async () => {
  const { context, page } = await openIncidents({ timezoneId: "America/New_York" });
  await declare(page);
  assert.equal(await page.inputValue("#incidents-start"), "2026-12-06 07:00:00");
  assert.match(await page.textContent("#incidents-start-zone"), /UTC-05:00, America\/New_York/);
  assert.match(await page.textContent("#incidents-resolved-at-zone"), /UTC-05:00, America\/New_York/);
  await page.fill("#incidents-title", "Summer one");
  // A July time typed in December gets July's offset (daylight saving time).
  await typeInto(page, "#incidents-start", "2026-07-01 10:00");
  assert.match(await page.textContent("#incidents-start-zone"), /UTC-04:00/);
  assert.match(await page.textContent("#incidents-list tbody"), /2026-07-01 10:00 \(UTC-04:00\)/);
  // A start with seconds is listed with them, as the ID and the postmortem draft have them.
  await typeInto(page, "#incidents-start", "2026-07-01 10:00:30");
  assert.match(await page.textContent("#incidents-list tbody"), /2026-07-01 10:00:30 \(UTC-04:00\)/);
  await typeInto(page, "#incidents-start", "2026-07-01 10:00");
  await page.click("#incidents-resolve-now");
  await page.waitForSelector("#incidents-postmortem", { state: "attached" });
  assert.match(await page.textContent("#incidents-postmortem"), /All times are UTC-04:00 \(America\/New_York\)\./);
  // The timeline's times are headed with the start's offset, as the draft states its times; an
  // entry in another offset (winter time, here) says its own, and the draft gives it in the
  // stated one. The heading used to give today's offset over the summer entries.
  await addEntry(page, { time: "2026-07-01 10:30", status: "investigating", message: "summer entry" });
  await addEntry(page, { time: "2026-12-01 10:30", status: "monitoring", message: "winter entry" });
  assert.equal(await page.textContent("#incidents-timeline thead th:first-child"), "Time (UTC-04:00)");
  assert.deepEqual(
    (await entryRows(page)).map(([when]) => when),
    ["2026-07-01 10:30", "2026-12-01 10:30 (UTC-05:00)"],
  );
  const draft = await page.textContent("#incidents-postmortem");
  assert.match(draft, /- 10:30 — Investigating: summer entry/);
  assert.match(draft, /- 11:30 — Monitoring: winter entry/);
  await context.close();
});

test("a time in the hour the clocks skip is read as the clock shows it everywhere, and the page says so", async () => {
  const { context, page, problems } = await openIncidents();
  await declare(page);
  await page.fill("#incidents-title", "Spring forward");
  // Berlin goes from 02:00 CET to 03:00 CEST on 2026-03-29: 02:30 does not exist there. While it
  // is typed the field keeps the text as typed (it is never rewritten under the cursor), and the
  // zone line says what it is read as.
  await typeInto(page, "#incidents-start", "2026-03-29 02:30");
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 02:30");
  assert.match(
    await page.textContent("#incidents-start-zone"),
    /^YYYY-MM-DD HH:MM, in UTC\+01:00\b.* 2026-03-29 02:30 does not exist here that night \(the clocks go forward over it\): it is read as 2026-03-29 03:30 \(UTC\+02:00\)\.$/,
  );
  // Committed (the field loses focus), the field, its zone line, the note and the id all read
  // the instant as the clock shows it.
  await page.press("#incidents-start", "Tab");
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 03:30");
  assert.match(
    await page.textContent("#incidents-start-zone"),
    /^YYYY-MM-DD HH:MM, in UTC\+02:00\b.* 2026-03-29 02:30 does not exist here that night \(the clocks go forward over it\): it was read as 2026-03-29 03:30 \(UTC\+02:00\)\.$/,
  );
  assert.match(await page.textContent("#incidents-detail-title"), /^INC-20260329-033000: Spring forward$/);
  assert.match(await page.textContent("#incidents-list tbody"), /INC-20260329-033000/);
  assert.match(await page.textContent("#incidents-list tbody"), /2026-03-29 03:30 \(UTC\+02:00\)/);
  // Opened again, the saved time is the clock's reading, a time like any other.
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#incidents-start");
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 03:30");
  assert.doesNotMatch(await page.textContent("#incidents-start-zone"), /does not exist/);
  assert.match(await page.textContent("#incidents-detail-title"), /^INC-20260329-033000: /);
  await typeInto(page, "#incidents-start", "2026-03-29 01:30");
  assert.doesNotMatch(await page.textContent("#incidents-start-zone"), /does not exist/);
  assert.match(await page.textContent("#incidents-list tbody"), /2026-03-29 01:30 \(UTC\+01:00\)/);

  // Selecting the hour and typing 21: after the "2" the text, 2026-03-29 2:30, is a time the
  // clocks skip; it stays as typed, so the "1" makes 21:30 (it was rewritten to 03:30, and the
  // "1" went after it: 03:301).
  await page.focus("#incidents-start");
  await page.$eval("#incidents-start", (input) => input.setSelectionRange(11, 13));
  await page.keyboard.type("21", { delay: 20 });
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 21:30");
  assert.doesNotMatch(await page.textContent("#incidents-start-zone"), /does not exist/);
  assert.match(await page.textContent("#incidents-start-zone"), /^YYYY-MM-DD HH:MM, in UTC\+02:00\b/);
  await page.press("#incidents-start", "Tab");
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 21:30");
  assert.match(await page.textContent("#incidents-detail-title"), /^INC-20260329-213000: /);
  assert.match(await page.textContent("#incidents-list tbody"), /2026-03-29 21:30 \(UTC\+02:00\)/);

  // Typing on after a skipped time, character by character: the seconds are appended to the text
  // as typed, and the zone line names the time with them.
  await page.fill("#incidents-start", "");
  await page.type("#incidents-start", "2026-03-29 02:30:15", { delay: 20 });
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 02:30:15");
  assert.match(
    await page.textContent("#incidents-start-zone"),
    / 2026-03-29 02:30:15 does not exist here that night \(the clocks go forward over it\): it is read as 2026-03-29 03:30:15 \(UTC\+02:00\)\.$/,
  );
  await page.press("#incidents-start", "Enter");
  assert.equal(await page.inputValue("#incidents-start"), "2026-03-29 03:30:15");
  assert.match(
    await page.textContent("#incidents-start-zone"),
    / 2026-03-29 02:30:15 does not exist here that night \(the clocks go forward over it\): it was read as 2026-03-29 03:30:15 \(UTC\+02:00\)\.$/,
  );
  assert.match(await page.textContent("#incidents-detail-title"), /^INC-20260329-033015: /);

  // A timeline entry's time the same way: as typed while typing, the clock's reading once Enter
  // commits it. Enter keeps the entry open with the focus in the time box (it used to close the
  // entry and leave the focus on the page); Done closes it.
  await clickAddEntry(page);
  await typeInto(page, "#incidents-entry-0-time", "2026-03-29 02:40");
  assert.equal(await page.inputValue("#incidents-entry-0-time"), "2026-03-29 02:40");
  assert.match(
    await page.textContent("#incidents-entry-0-time-zone"),
    /^in UTC\+01:00\. 2026-03-29 02:40 does not exist here that night \(the clocks go forward over it\): it is read as 2026-03-29 03:40 \(UTC\+02:00\)\.$/,
  );
  await page.press("#incidents-entry-0-time", "Enter");
  await page.waitForFunction(
    () => document.querySelector("#incidents-entry-0-time")?.value === "2026-03-29 03:40",
  );
  assert.match(
    await page.textContent("#incidents-entry-0-time-zone"),
    /it was read as 2026-03-29 03:40 \(UTC\+02:00\)\.$/,
  );
  assert.equal(await page.evaluate(() => document.activeElement?.id), "incidents-entry-0-time");
  assert.equal(await page.locator("#incidents-timeline tr.editing").count(), 1);
  await page.click("#incidents-timeline tr.editing .entry-done");
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  assert.deepEqual((await entryRows(page)).map((r) => r[0]), ["2026-03-29 03:40"]);
  await clickEdit(page, 1);
  assert.equal(await page.inputValue("#incidents-entry-0-time"), "2026-03-29 03:40");
  assert.equal(await page.textContent("#incidents-entry-0-time-zone"), "in UTC+02:00");
  // Committed with Tab, the entry stays open with the note of what the time was read as, also
  // while its message is typed.
  await typeInto(page, "#incidents-entry-0-time", "2026-03-29 02:50");
  await page.press("#incidents-entry-0-time", "Tab");
  await page.waitForFunction(() =>
    /it was read as 2026-03-29 03:50/.test(document.querySelector("#incidents-entry-0-time-zone")?.textContent),
  );
  await page.type("#incidents-entry-0-message", "failover", { delay: 20 });
  assert.match(await page.textContent("#incidents-entry-0-time-zone"), /it was read as 2026-03-29 03:50/);
  assert.equal(await page.inputValue("#incidents-entry-0-message"), "failover");
  // An entry added now goes last; given a skipped time, Enter in its message puts it first, in
  // its place in time, and the note of how its time was read goes with it (it was lost there).
  await page.click("#incidents-timeline tr.editing .entry-done");
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  await clickAddEntry(page);
  await typeInto(page, "#incidents-entry-1-time", "2026-03-29 02:30");
  await page.press("#incidents-entry-1-time", "Enter");
  await page.waitForFunction(() =>
    /it was read as 2026-03-29 03:30/.test(document.querySelector("#incidents-entry-1-time-zone")?.textContent),
  );
  await page.type("#incidents-entry-1-message", "paged", { delay: 20 });
  await page.press("#incidents-entry-1-message", "Enter");
  await page.waitForFunction(() => document.querySelector("#incidents-entry-0-message")?.value === "paged");
  assert.match(
    await page.textContent("#incidents-entry-0-time-zone"),
    / 2026-03-29 02:30 does not exist here that night \(the clocks go forward over it\): it was read as 2026-03-29 03:30 \(UTC\+02:00\)\.$/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("a time in the hour the clocks go back over is read as its first occurrence, and the page says so", async () => {
  const { context, page, problems } = await openIncidents();
  await declare(page);
  await page.fill("#incidents-title", "Fall back");
  // Berlin goes from 03:00 CEST back to 02:00 CET on 2026-10-25: 02:30 happens twice there.
  await typeInto(page, "#incidents-start", "2026-10-25 02:30");
  assert.match(
    await page.textContent("#incidents-start-zone"),
    /2026-10-25 02:30 happens twice here \(the clocks go back then\): it is read as the first, in UTC\+02:00\. The second, in UTC\+01:00, cannot be typed in this zone;/,
  );
  assert.match(await page.textContent("#incidents-list tbody"), /2026-10-25 02:30 \(UTC\+02:00\)/);
  await typeInto(page, "#incidents-start", "2026-10-25 03:30");
  assert.doesNotMatch(await page.textContent("#incidents-start-zone"), /happens twice/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("invalid fields get their message and the last figures stay, marked stale", async () => {
  const { context, page, problems } = await openIncidents();
  await declareExample(page);
  const cases = [
    ["#incidents-start", "yesterday", /Not a date and time: use YYYY-MM-DD HH:MM/],
    ["#incidents-start", "2026-02-30 10:00", /That day does not exist/],
    // Nearer the calendar's ends than a day, a time cannot be shown in every zone; it used to
    // show a clamped date.
    ["#incidents-start", "9999-12-31 23:00", /Use a date from 0001-01-03 to 9999-12-29/],
    ["#incidents-resolved-at", "2026-12-04 23:00", /The resolution cannot be before the start/],
    ["#incidents-resolved-at", "2026-12-05 24:10", /Hours go from 00 to 23/],
    ["#incidents-affected", "120", /Cannot be above 100%/],
    ["#incidents-affected", "lots", /Not a number/],
  ];
  for (const [selector, text, message] of cases) {
    const before = await page.inputValue(selector);
    await page.fill(selector, text);
    assert.equal(await page.getAttribute(selector, "aria-invalid"), "true", `${selector} ${text}`);
    assert.match(await page.textContent(`${selector}-error`), message, `${selector} ${text}`);
    assert.match(await page.getAttribute("#incidents-impact", "class"), /\bstale\b/);
    assert.equal(await page.textContent("#incidents-consumed"), "≈28.94%", "the last valid figure");
    assert.match(await page.textContent("#incidents-impact"), /Not updated/);
    assert.doesNotMatch(await page.textContent("body"), /NaN|Infinity|undefined/);
    await typeInto(page, selector, before);
    assert.doesNotMatch(await page.getAttribute("#incidents-impact", "class"), /\bstale\b/);
  }
  await page.fill("#incidents-title", "");
  assert.match(await page.textContent("#incidents-title-error"), /Give the incident a title/);
  await clickEdit(page, 1);
  await page.fill("#incidents-entry-0-time", "soon");
  assert.match(await page.textContent("#incidents-entry-0-time-error"), /Not a date and time/);
  await page.click("#incidents-timeline tr.editing .entry-done");
  // An entry with a wrong time goes last and says what is wrong.
  const rows = await entryRows(page);
  assert.equal(rows[3][0], "soon");
  assert.match(rows[3][2], /Not a date and time/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an incident longer than the SLO window says what its figure means", async () => {
  const { context, page, problems } = await openIncidents();
  await declareExample(page);
  assert.equal(await page.locator("#incidents-longer-than-window").count(), 0);
  // A year-long outage against 99.9% over 30 days read ≈1,216,666.67% with no word.
  await page.fill("#incidents-start", "2025-12-06 10:00");
  await page.fill("#incidents-resolved-at", "2026-12-06 10:00");
  await page.fill("#incidents-affected", "100");
  await page.waitForSelector("#incidents-longer-than-window");
  assert.equal(
    await page.textContent("#incidents-longer-than-window"),
    "Longer than the window (30 days): this figure counts all of it against one window's budget, so it can pass 100% while every window meets the SLO. No one 30-day window holds more than 30 days of it: 100,000% of its budget.",
  );
  assert.doesNotMatch(await page.textContent("body"), /NaN|Infinity|undefined/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("entries whose time is not valid go last in the order entered", async () => {
  const { context, page, problems } = await openIncidents();
  await declareExample(page);
  for (const bad of ["bad1", "bad2", "bad3"]) {
    await clickAddEntry(page);
    await page.fill("#incidents-timeline tr.editing .entry-time", bad);
    await page.click("#incidents-timeline tr.editing .entry-done");
    await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  }
  // They were listed newest first (bad3, bad2, bad1).
  const rows = await entryRows(page);
  assert.deepEqual(rows.slice(-3).map((r) => r[0]), ["bad1", "bad2", "bad3"]);
  const draft = await page.textContent("#incidents-postmortem");
  const [first, second, third] = ["bad1", "bad2", "bad3"].map((t) => draft.indexOf(t));
  assert.ok(first > 0 && first < second && second < third, draft);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile text in every field is shown as text", async () => {
  const { context, page, problems } = await openIncidents();
  await page.evaluate(() => {
    window.__pwned = false;
  });
  const hostile = `<img src=x onerror="window.__pwned=true">[x](javascript:alert(1)) # **b** &amp; "q" '`;
  await declare(page);
  for (const id of ["#incidents-title", "#incidents-detected-by", "#incidents-commander", "#incidents-responders", "#incidents-resolution"]) {
    await page.fill(id, hostile);
  }
  await page.fill("#incidents-start", hostile);
  await page.fill("#incidents-affected", hostile);
  await clickAddEntry(page);
  await page.fill("#incidents-timeline tr.editing .entry-time", hostile);
  await page.fill("#incidents-timeline tr.editing .entry-message", hostile);
  await page.click("#incidents-timeline tr.editing .entry-done");
  await page.fill("#incidents-resolved-at", hostile);

  assert.equal(await page.inputValue("#incidents-title"), hostile);
  assert.equal(await page.textContent("#incidents-list .incident-title"), hostile);
  assert.equal(await page.textContent("#incidents-detail-title"), `No id yet (the start time is not valid): ${hostile}`);
  assert.equal(await page.textContent("#incidents-timeline .entry-when"), hostile);
  assert.ok((await page.textContent("#incidents-timeline .entry-message-text")).startsWith(hostile));
  assert.equal(await page.$$eval("main img", (imgs) => imgs.length), 0, "no element made from the text");
  const preview = await page.textContent("#incidents-postmortem");
  assert.ok(
    preview.startsWith(
      String.raw`# Postmortem: &lt;img src=x onerror="window.\_\_pwned=true">\[x](javascript:alert(1)) # \*\*b\*\* &amp;amp; "q" '`,
    ),
    preview,
  );
  assert.equal(await page.evaluate(() => window.__pwned), false);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#incidents-title");
  assert.equal(await page.inputValue("#incidents-title"), hostile);
  assert.equal(await page.inputValue("#incidents-start"), hostile);
  assert.equal(await page.evaluate(() => window.__pwned ?? false), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Budget tab can add the logged incidents of its window to the budget consumed", async () => {
  const { context, page, problems } = await openIncidents();
  await declareExample(page);
  await page.click("#tab-budget");
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.95");
  await page.fill("#elapsed-days", "15");
  // 0.05% / 0.1% x 15/30 = 25% consumed so far.
  assert.equal(await page.textContent("#consumed"), "25%");
  assert.equal(await page.textContent("#included-incidents"), "");
  await page.check("#include-incidents");
  // The incident of 2026-12-04 is in the window from 2026-11-21: 25% + 28.94% = 53.94%.
  assert.equal(
    await page.textContent("#included-incidents"),
    "Added ≈28.94% of the budget for 1 logged incident from 2026-11-21 to 2026-12-06: INC-20261204-234000 (≈28.94%).",
  );
  assert.equal(await page.textContent("#consumed"), "≈53.94%");
  assert.equal(await page.textContent("#consumed-incidents"), "of which ≈28.94% from logged incidents");
  // The second line stays in the values' column: the labels after it stay in theirs.
  const left = (selector) => page.$eval(selector, (e) => Math.round(e.getBoundingClientRect().left));
  assert.equal(await left("#consumed-incidents"), await left("#consumed"));
  assert.equal(await left("#remaining"), await left("#consumed"));
  assert.equal(
    await page.$eval("#remaining", (e) => Math.round(e.previousElementSibling.getBoundingClientRect().left)),
    await page.$eval("#elapsed", (e) => Math.round(e.previousElementSibling.getBoundingClientRect().left)),
  );
  assert.match(await page.textContent("#decision"), /Deploys allowed, with care/);
  await page.fill("#elapsed-days", "1");
  assert.match(await page.textContent("#included-incidents"), /No incident is logged from 2026-12-05 to 2026-12-06/);
  await page.fill("#elapsed-days", "15");
  await page.reload();
  await waitForApp(page);
  await page.click("#tab-budget");
  assert.ok(await page.isChecked("#include-incidents"), "the choice is kept");
  assert.equal(await page.textContent("#consumed"), "≈53.94%");

  // Started on the Budget tab, the page reads the log (its code comes as a chunk) for the sum.
  const saved = await page.evaluate(() => [
    localStorage.getItem("headroom.budget"),
    localStorage.getItem("headroom.incidents"),
  ]);
  await page.goto(`${server.url}#/budget`);
  await page.reload();
  await waitForApp(page);
  await page.waitForFunction(() => document.querySelector("#consumed")?.textContent === "≈53.94%");
  assert.match(await page.textContent("#included-incidents"), /^Added ≈28\.94% of the budget/);

  /** A browser profile holding these saved inputs, with no service worker to serve chunks. */
  const withSaved = async () => {
    const context = await browser.newContext({ serviceWorkers: "block", timezoneId: "Europe/Berlin" });
    await context.clock.setFixedTime(NOW);
    await context.addInitScript(([budget, incidents]) => {
      if (!localStorage.getItem("headroom.budget")) {
        localStorage.setItem("headroom.budget", budget);
        localStorage.setItem("headroom.incidents", incidents);
      }
    }, saved);
    return context;
  };

  // When that code cannot come, the page says the sum leaves the log out, and tries again.
  const offline = await withSaved();
  const blocked = /\/split_load_incident_log[^/]*\.wasm$/;
  await offline.route(blocked, (route) => route.abort());
  const cut = await offline.newPage();
  const cutProblems = [];
  cut.on("pageerror", (error) => cutProblems.push(`uncaught: ${error.message}`));
  await cut.goto(`${server.url}#/budget`);
  await cut.waitForSelector("#include-incidents-retry", { timeout: 15_000 });
  assert.match(await cut.textContent("#included-incidents"), /could not be read.*leaves logged incidents out/);
  assert.equal(await cut.textContent("#consumed"), "25%");
  await offline.unroute(blocked);
  await cut.click("#include-incidents-retry");
  await cut.waitForFunction(() => document.querySelector("#consumed")?.textContent === "≈53.94%");
  assert.equal(await cut.$("#include-incidents-retry"), null);
  assert.deepEqual(cutProblems, []);
  await offline.close();

  // The Incidents tab may load the log while the Budget tab's code for it is still coming; that
  // code failing afterwards does not undo the loaded log.
  const slow = await withSaved();
  let aborted;
  const abortedNow = new Promise((resolve) => (aborted = resolve));
  await slow.route(blocked, (route) =>
    setTimeout(() => route.abort().then(aborted), 2_000),
  );
  const late = await slow.newPage();
  await late.goto(`${server.url}#/budget`);
  await late.waitForSelector("#include-incidents");
  assert.equal(await late.textContent("#included-incidents"), "Reading the incident log…");
  await late.click("#tab-incidents");
  await late.waitForSelector("#incidents-log-title", { timeout: 15_000 });
  await late.click("#tab-budget");
  await late.waitForFunction(() => document.querySelector("#consumed")?.textContent === "≈53.94%");
  await abortedNow;
  await late.waitForTimeout(200);
  assert.equal(await late.textContent("#consumed"), "≈53.94%");
  assert.equal(await late.$("#include-incidents-retry"), null);
  await slow.close();

  await page.uncheck("#include-incidents");
  assert.equal(await page.textContent("#consumed"), "25%");
  assert.equal(await page.$("#consumed-incidents"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("incidents that overlap are named on both tabs; an entry far outside its incident is flagged", async () => {
  const { context, page, problems } = await openIncidents();
  await declareExample(page);
  assert.equal(await page.textContent("#incidents-overlaps"), "");
  // A second incident from 00:10 to 00:40: 20 minutes inside the first (23:40 to 00:30).
  await declare(page);
  await page.keyboard.type("Login slow");
  await typeInto(page, "#incidents-start", "2026-12-05 00:10");
  await typeInto(page, "#incidents-affected", "50");
  await page.click("#incidents-resolve-now");
  await typeInto(page, "#incidents-resolved-at", "2026-12-05 00:40");
  const warning =
    /^“Checkout errors after deploy” \(INC-20261204-234000\) and “Login slow” \(INC-20261205-001000\) overlap for 20m 0s; both are counted in full\./;
  await page.waitForFunction(() => document.querySelector("#incidents-overlaps")?.textContent !== "");
  assert.match(await page.textContent("#incidents-overlaps"), warning);

  // A timeline entry a year before the incident is kept, with a warning next to its time.
  await clickAddEntry(page);
  const editing = page.locator("#incidents-timeline tr.editing");
  await editing.locator(".entry-time").fill("2025-12-05 00:20");
  const flagged = editing.locator(".field-warning");
  await flagged.waitFor();
  assert.match(await flagged.textContent(), /before the incident's start \(2026-12-05 00:10\): check the date/);
  await editing.locator(".entry-time").fill("2026-12-05 00:20");
  await flagged.waitFor({ state: "hidden" });
  assert.equal(await flagged.textContent(), "");
  // 30 seconds over a day before the start: the row shows the seconds that put it over, and the
  // short warning sits in the time's own cell once the entry is closed (it was under the message).
  await editing.locator(".entry-time").fill("2026-12-04 00:09:30");
  await flagged.waitFor();
  await editing.locator(".entry-done").click();
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  const rowWarning = page.locator("#incidents-timeline .entry-when #incidents-entry-0-time-warning");
  assert.equal(await rowWarning.textContent(), "1d 0h 0m 30s before the incident's start: check the date.");
  assert.equal(await page.textContent("#incidents-timeline .entry-when-time"), "2026-12-04 00:09:30");
  assert.equal(await page.locator("#incidents-timeline .entry-message-text .field-warning").count(), 0);
  // A day before to the second is not flagged, and shows no seconds it does not have.
  await clickEdit(page, 1);
  await editing.locator(".entry-time").fill("2026-12-04 00:10");
  await editing.locator(".entry-done").click();
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  assert.equal(await page.textContent("#incidents-timeline .entry-when"), "2026-12-04 00:10");
  assert.equal(await page.locator("#incidents-entry-0-time-warning").count(), 0);

  await page.click("#tab-budget");
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.95");
  await page.fill("#elapsed-days", "15");
  assert.equal(await page.textContent("#included-incidents-overlaps"), "");
  await page.check("#include-incidents");
  await page.waitForFunction(() => document.querySelector("#included-incidents-overlaps")?.textContent !== "");
  assert.match(await page.textContent("#included-incidents-overlaps"), warning);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a saved time with an offset beyond 18 hours is kept as a backup, not shown as a zone", async () => {
  const { context, page, problems } = await openIncidents();
  await declareExample(page);
  await page.waitForFunction(() => /Checkout errors/.test(localStorage.getItem("headroom.incidents") ?? ""));
  const saved = await page.evaluate(() => localStorage.getItem("headroom.incidents"));
  assert.match(saved, /"utc_offset_minutes":60\b/);
  // -2^31 minutes: it used to read as a zone note of nonsense.
  const planted = saved.replace(/"utc_offset_minutes":-?\d+/g, '"utc_offset_minutes":-2147483648');
  await context.close();
  // A fresh profile holding it before the page starts (the first page could still write its own
  // state on the way out).
  const fresh = await browser.newContext({ timezoneId: "Europe/Berlin", viewport: { width: 1280, height: 900 } });
  await fresh.clock.setFixedTime(NOW);
  await fresh.addInitScript((raw) => {
    if (!sessionStorage.getItem("planted")) {
      localStorage.setItem("headroom.incidents", raw);
      sessionStorage.setItem("planted", "1");
    }
  }, planted);
  const page2 = await fresh.newPage();
  page2.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page2.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page2.goto(`${server.url}#/incidents`);
  await waitForApp(page2);
  await page2.waitForSelector(".notices .notice");
  assert.match(await page2.textContent(".notices"), /could not be read.*UTC-18:00 to UTC\+18:00.*headroom\.backup\.incidents\.1/s);
  assert.equal(await page2.evaluate(() => localStorage.getItem("headroom.backup.incidents.1")), planted);
  assert.equal(await page2.locator("#incidents-list tbody tr").count(), 0, "the log starts empty");
  assert.doesNotMatch(await page2.textContent("main"), /2147483648|35791394/);
  assert.deepEqual(problems, []);
  await fresh.close();
});

test("incidents travel with saved scenarios and their export", async () => {
  const { context, page } = await openIncidents();
  await declareExample(page);
  await page.click("#tab-scenarios");
  await page.fill("#scenario-name", "With an incident");
  await page.click("#save-as");
  await page.waitForSelector('#scenario-list .scenario-name:text-is("With an incident")');
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-all")]);
  const file = JSON.parse(await readFile(await download.path(), "utf8"));
  const incident = file.scenarios[0].inputs.incidents.incidents[0];
  assert.equal(incident.title, "Checkout errors after deploy");
  assert.deepEqual(incident.start, { local: "2026-12-04 23:40", utc_offset_minutes: 60 });
  assert.equal(incident.timeline.length, 4);
  // A link of the scenario says it carries the log and its people.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.click('button[aria-label="Copy link “With an incident”"]');
  await page.waitForFunction(() => /It holds the incident log/.test(document.querySelector("#scenario-message")?.textContent));
  assert.match(
    await page.innerText("#scenario-message"),
    /It holds the incident log \(1 incident\) with titles, commanders, responders and timelines: anyone with the link can read them\./,
  );

  // Delete it from the log, then open the scenario: it is back.
  await page.click("#tab-incidents");
  page.once("dialog", (dialog) => dialog.accept());
  await page.click("#incidents-delete");
  await page.waitForSelector("#incidents-empty");
  await page.click("#tab-scenarios");
  page.once("dialog", (dialog) => dialog.accept());
  await page.locator(".scenario", { hasText: "With an incident" }).locator("button", { hasText: "Open" }).click();
  await page.click("#tab-incidents");
  await page.waitForSelector("#incidents-list");
  assert.deepEqual(await entryRows(page), EXPECTED_TIMELINE);
  await context.close();
});

test("the postmortem lists the responders without empty names; the field keeps what was typed", async () => {
  const { context, page, problems } = await openIncidents();
  await declare(page);
  await page.keyboard.type("Responders");
  await page.fill("#incidents-responders", "alice, bob,, ,carol");
  await page.waitForSelector("#incidents-postmortem", { state: "attached" });
  await page.waitForFunction(() => /- \*\*Responders:\*\* alice, bob, carol\n/.test(document.querySelector("#incidents-postmortem")?.textContent));
  assert.equal(await page.inputValue("#incidents-responders"), "alice, bob,, ,carol");
  await page.fill("#incidents-responders", ", ,");
  await page.waitForFunction(() => /- \*\*Responders:\*\* _not given_\n/.test(document.querySelector("#incidents-postmortem")?.textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("leaving the tab by the address or Back just after declaring (the focus in the title) shows the next tab", async () => {
  // The title's blur came while the tab's views were being disposed: a panic, and every tab
  // after it stayed at "Loading…" until a reload.
  const { context, page, problems } = await openIncidents({ hash: "#/budget" });
  for (const [leave, shown] of [
    [() => page.evaluate(() => (location.hash = "#/toil")), "#toil-engineers"],
    // Back from the Incidents tab to the Toil tab it was opened from.
    [() => page.goBack(), "#toil-engineers"],
  ]) {
    await page.click("#tab-incidents");
    await declare(page);
    await page.waitForTimeout(1200);
    await leave();
    await page.waitForSelector(shown);
    assert.deepEqual(problems, []);
  }
  // The tab shows again with what was declared, and its title's message is not held back.
  await page.click("#tab-incidents");
  await page.waitForSelector("#incidents-title");
  assert.equal(await page.locator("#incidents-list tbody tr").count(), 2);
  await page.click("#tab-toil");
  await page.waitForSelector("#toil-engineers");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a phone-sized screen shows the Incidents tab without sideways scrolling", async () => {
  const context = await browser.newContext({ timezoneId: "Europe/Berlin", viewport: { width: 375, height: 740 } });
  await context.clock.setFixedTime(NOW);
  const page = await context.newPage();
  await page.goto(`${server.url}#/incidents`);
  await waitForApp(page);
  await declareExample(page);
  await clickAddEntry(page);
  await page.click("#incidents-postmortem-title");
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok((await overflow()) <= 0, `page is ${await overflow()}px wider than the phone screen`);
  // The log and the timeline are lists of cards: neither scrolls sideways in its box (the timeline's
  // Edit and ✕ were out of view until scrolled to), and a title has room ("Checkout errors after
  // deploy" once broke inside words in a 72 px column).
  const titleWidth = await page.$eval(".incidents-list .incident-title", (cell) => cell.getBoundingClientRect().width);
  assert.ok(titleWidth >= 200, `the title column is ${titleWidth}px wide`);
  const boxes = () =>
    page.$$eval(".incidents-list, .incidents-timeline", (tables) =>
      tables.map((t) => [t.id, t.parentElement.scrollWidth - t.parentElement.clientWidth]),
    );
  assert.deepEqual(await boxes(), [["incidents-list", 0], ["incidents-timeline", 0]]);
  const outOfView = () =>
    page.$$eval("#incidents-timeline button", (buttons) =>
      buttons
        .filter((b) => b.getBoundingClientRect().right > window.innerWidth || b.getBoundingClientRect().width === 0)
        .map((b) => b.getAttribute("aria-label") ?? b.textContent),
    );
  assert.deepEqual(await outOfView(), []);
  // Each value is after its column's heading, and the entry being edited has its fields'
  // headings above them, as their visible labels.
  const headings = (selector) =>
    page.$$eval(selector, (cells) =>
      cells.map((c) => getComputedStyle(c, "::before").content),
    );
  assert.deepEqual(await headings(".incidents-list tbody td[data-label]"), [
    '"Severity: "',
    '"Started: "',
    '"Duration: "',
    '"Budget consumed: "',
  ]);
  await clickAddEntry(page);
  assert.deepEqual(await headings("#incidents-timeline tr.editing td[data-label]"), ['"Time"', '"Status"', '"Message"']);
  assert.deepEqual(await outOfView(), []);
  assert.deepEqual(await boxes(), [["incidents-list", 0], ["incidents-timeline", 0]]);
  // A long word in a message (a URL) wraps in its card: it widened the page by 141 px.
  await page.fill("#incidents-timeline tr.editing .entry-message", "See https://example.invalid/deploys/4f2a9c4f2a9c4f2a9c4f2a9c");
  await page.click("#incidents-timeline tr.editing .entry-done");
  await page.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  assert.ok((await overflow()) <= 0, `with a URL in a message, page is ${await overflow()}px wider than the phone`);
  assert.deepEqual(await boxes(), [["incidents-list", 0], ["incidents-timeline", 0]]);
  // A shown entry's time says its offset, as the hidden column heading does on a wide screen.
  assert.deepEqual([...new Set(await headings("#incidents-timeline .entry-when"))], ['"Time (UTC+01:00): "']);
  // A title that is one long word wraps in the heading that carries it.
  await page.fill("#incidents-title", "Supercalifragilisticexpialidocious-outage-in-the-checkout-service");
  await page.click("#incidents-postmortem-title");
  assert.ok((await overflow()) <= 0, `with a long title, page is ${await overflow()}px wider than the phone`);
  await context.close();
});

test("a declared incident, an entry being edited and a field's error pass axe", async () => {
  const axe = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, problems } = await openIncidents();
    await page.emulateMedia({ colorScheme });
    await declareExample(page);
    await page.fill("#incidents-affected", "lots");
    await clickAddEntry(page);
    await page.click("#incidents-postmortem-title");
    await page.evaluate(axe);
    const found = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
    });
    assert.deepEqual(found, [], colorScheme);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
