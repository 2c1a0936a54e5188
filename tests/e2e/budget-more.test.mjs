// The Budget tab's burn rate, remaining budget, deploy decision, incident impact, calendar
// windows and SLI kinds, in the real built page.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, startServer, waitForApp } from "./support.mjs";

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

const text = (page, selector) => page.textContent(selector);

test("burn rate from an observation, its consequences and the highest possible rate", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.fill("#observed-bad", "100");
  await page.fill("#observed-total", "100,000");
  assert.equal(await text(page, "#burn-rate"), "1×");
  assert.equal(await text(page, "#error-ratio"), "0.1%");
  assert.equal(await text(page, "#max-burn-rate"), "1,000×");

  // A burn rate whose decimals do not end is rounded to 4 significant digits and marked, as on
  // the Alerts tab (1 ÷ 3000 ÷ 0.001 = 1/3).
  await page.fill("#observed-total", "3,000");
  await page.fill("#observed-bad", "1");
  assert.equal(await text(page, "#burn-rate"), "≈0.3333×");
  assert.match(await text(page, "#burn-results"), /marked ≈ \(≈0\.6667×\), as on the Alerts tab/);

  await page.fill("#observed-total", "100,000");
  await page.fill("#observed-bad", "1440");
  assert.equal(await text(page, "#burn-rate"), "14.4×");
  assert.equal(await text(page, "#burn-consumed"), "2%");
  assert.match(await text(page, "#burn-exhaustion"), /2d 2h 0m 0s/);
  assert.match(await text(page, "#burn-results"), /Burn rate = error ratio ÷ \(1 − target\)/);

  await page.fill("#observed-total", "0");
  await page.fill("#observed-bad", "0");
  assert.match(await text(page, "#burn-results"), /No traffic: with zero total events the burn rate is not defined/);
  assert.doesNotMatch(await text(page, "#burn-results"), /NaN|Infinity/);

  await page.fill("#observed-total", "10");
  await page.fill("#observed-bad", "11");
  assert.match(await text(page, "#observed-bad-error"), /Bad cannot be more than total/);
  assert.match(await page.getAttribute("#burn-results", "class"), /\bstale\b/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a target typed as a fraction and an observation longer than the window are used, with a warning", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  assert.equal(await page.isVisible("#slo-target-warning"), false);
  await page.fill("#slo-target", "0.999");
  assert.equal(
    await page.innerText("#slo-target-warning"),
    "Targets are in percent: this is 0.999%, which leaves 99.001% of events to fail. For 0.999 as a fraction, type 99.9.",
  );
  assert.equal(await text(page, "#slo-target-error"), "");
  // 30 days x 99.001% = 29d 16h 48m 25.92s, rounded to the second.
  assert.match(await text(page, "#window-downtime"), /29d 16h 48m 26s/);
  await page.fill("#slo-target", "99.9");
  assert.equal(await page.isVisible("#slo-target-warning"), false);

  await page.fill("#observed-bad", "1");
  await page.fill("#observed-total", "1,000");
  await page.fill("#observed-hours", "1000");
  assert.match(await page.innerText("#observed-hours-warning"), /^Longer than the window \(30 days\)/);
  assert.equal(await text(page, "#burn-rate"), "1×");
  await page.fill("#observed-hours", "720");
  assert.equal(await page.isVisible("#observed-hours-warning"), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("remaining budget: exactly 80% consumed is still allowed, in the warning zone", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.92");
  await page.fill("#elapsed-days", "30");
  assert.equal(await text(page, "#consumed"), "80%");
  assert.match(await text(page, "#remaining"), /^20% \(8m 38\.4s\)/);
  assert.match(await text(page, "#decision"), /Deploys allowed, with care/);
  assert.equal(await text(page, "#decision-margin"), "Exactly at the 20% line: any further failure crosses it.");
  assert.ok(await page.$("#burndown-chart svg"), "burn-down chart drawn");
  // 99.9% over the whole 30 days spends the budget at its last moment: no date after the window,
  // and, all 30 days having elapsed, said in the past tense.
  await page.fill("#so-far-availability", "99.9");
  assert.equal(await text(page, "#consumed"), "100%");
  assert.equal(await text(page, "#run-out"), "All of this window has elapsed: the budget lasted to its end (100% used).");
  // With a day of the window left, the same pace still lasts exactly to its end.
  await page.fill("#elapsed-days", "29");
  assert.equal(await text(page, "#run-out"), "At the current pace the budget lasts exactly to the end of this window.");
  await context.close();
});

test("the remaining budget's convention is one line; how it is measured is folded, closed at first", async () => {
  // About 250 words of explanation were always shown under the results and filled a phone's
  // screen: they are now behind a closed <details>, the one-line convention still shown.
  const { context, page, problems } = await openApp(browser, server.url);
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.95");
  await page.fill("#elapsed-days", "15");
  assert.equal(await text(page, "#consumed"), "25%");
  assert.ok(await page.isVisible("#remaining-convention"));
  assert.equal(
    await text(page, "#remaining-convention"),
    "Consumed = error ratio so far ÷ (1 − target) × elapsed ÷ window; remaining = 100% − consumed, never below 0%. A threshold met exactly counts as above it.",
  );
  assert.equal(await page.getAttribute("#remaining-explained", "open"), null, "closed by default");
  assert.equal(await text(page, "#remaining-explained summary"), "How the remaining budget is measured");
  // Closed, the explanation is in the page (for the tests and find-in-page) but not shown.
  assert.match(await text(page, "#remaining-explanation"), /The projection continues the measured pace/);
  assert.match(await text(page, "#remaining-explanation"), /A rolling window began the days elapsed/);
  assert.equal(await page.isVisible("#remaining-explanation"), false);
  // On paper it is printed in full, closed or not, without its summary line.
  await page.emulateMedia({ media: "print" });
  assert.ok(await page.isVisible("#remaining-explanation"));
  assert.equal(await page.isVisible("#remaining-explained summary"), false);
  await page.emulateMedia({ media: "screen" });
  assert.equal(await page.isVisible("#remaining-explanation"), false);
  await page.click("#remaining-explained summary");
  assert.ok(await page.isVisible("#remaining-explanation"));
  // It stays open while the figures change (the results are drawn anew on each change).
  await page.fill("#elapsed-days", "20");
  assert.equal(await text(page, "#consumed"), "≈33.33%");
  assert.equal(await page.getAttribute("#remaining-explained", "open"), "");
  assert.ok(await page.isVisible("#remaining-explanation"));
  // With no results there is nothing to explain.
  await page.fill("#so-far-availability", "");
  await page.waitForSelector("#remaining-results .empty");
  assert.equal(await page.isVisible("#remaining-explained"), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an overspent budget freezes deploys and says by how much", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.fill("#so-far-bad", "300");
  await page.fill("#so-far-total", "100000");
  await page.fill("#elapsed-days", "15");
  assert.equal(await text(page, "#consumed"), "150%");
  assert.match(await text(page, "#remaining"), /^0% \(0s\)/);
  assert.match(await text(page, "#overspent"), /Overspent by 50% of the budget \(21m 36s/);
  assert.match(await text(page, "#decision"), /Deploy freeze.*Exceptions: security fixes/s);
  assert.match(await text(page, "#run-out"), /ran out on \d{4}-\d{2}-\d{2}, 10d 0h 0m 0s into the window/);
  await context.close();
});

test("policy thresholds are editable and checked", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.95");
  await page.fill("#elapsed-days", "30");
  assert.match(await text(page, "#decision"), /Deploys allowed/);
  await page.fill("#warn-below", "60");
  assert.match(await text(page, "#decision"), /with care/);
  await page.fill("#warn-below", "10");
  assert.equal(await text(page, "#warn-below-error"), "The warning line (10%) is below the freeze line (20%): raise it, or lower the freeze line");
  // Said next to the freeze field too, when that is the one changed.
  await page.fill("#warn-below", "50");
  await page.fill("#freeze-below", "60");
  assert.equal(await text(page, "#freeze-below-error"), "The freeze line (60%) is above the warning line (50%): lower it, or raise the warning line");
  // Lines take as many decimals as the target (6), and are written back as typed.
  await page.fill("#freeze-below", "20.123456");
  await page.fill("#warn-below", "50.000001");
  assert.equal(await text(page, "#freeze-below-error"), "");
  assert.match(await text(page, "#decision"), /with care/);
  assert.match(await text(page, "#decision"), /50\.000001%/);
  await page.fill("#freeze-below", "20.1234567");
  assert.equal(await text(page, "#freeze-below-error"), "Use at most 6 decimal places");
  await context.close();
});

test("bad text in a field is said next to it even while its section waits for another field", async () => {
  // With no days elapsed, the remaining-budget section stops early; NaN used to pass unsaid.
  const { context, page } = await openApp(browser, server.url);
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "NaN");
  assert.equal(await page.inputValue("#elapsed-days"), "");
  assert.match(await text(page, "#so-far-availability-error"), /^Not a number/);
  await page.fill("#so-far-availability", "99.9");
  assert.equal(await text(page, "#so-far-availability-error"), "");
  await context.close();
});

test("incident impact on the budget", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.fill("#incident-minutes", "30");
  assert.equal(await text(page, "#incident-consumed"), "≈69.44%");
  assert.equal(await text(page, "#incident-downtime"), "30m 0s");
  await page.fill("#incident-affected", "10");
  assert.equal(await text(page, "#incident-consumed"), "≈6.94%");
  assert.equal(await text(page, "#incident-downtime"), "3m 0s");
  await page.fill("#incident-affected", "120");
  assert.match(await text(page, "#incident-affected-error"), /above 100%/);
  // Longer than the 30-day window: said, as for an observed burn.
  await page.fill("#incident-affected", "100");
  assert.equal(await page.isVisible("#incident-minutes-warning"), false);
  await page.fill("#incident-minutes", "43201");
  assert.equal(
    await page.innerText("#incident-minutes-warning"),
    "Longer than the window (30 days): the budget used is counted against one window's budget, so it can pass 100% while every window meets the SLO.",
  );
  await page.fill("#incident-minutes", "43200");
  assert.equal(await page.isVisible("#incident-minutes-warning"), false);
  await context.close();
});

test("calendar windows use the real length of the period", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.selectOption("#window-kind", "month");
  await page.fill("#calendar-date", "2026-02-14");
  assert.match(await text(page, "#budget-results .headline"), /calendar month from 2026-02-01 \(28 days\)/);
  assert.equal(await text(page, "#window-downtime"), "40m 19.2s");
  await page.fill("#calendar-date", "2024-02-14");
  assert.equal(await text(page, "#window-downtime"), "41m 45.6s");
  await page.fill("#calendar-date", "2026-02-30");
  assert.match(await text(page, "#calendar-date-error"), /does not exist/);
  await page.selectOption("#window-kind", "quarter");
  await page.fill("#calendar-date", "2026-05-01");
  assert.match(await text(page, "#budget-results .headline"), /91 days/);
  // Only the month matters: YYYY-MM is read as its first day, and kept as typed.
  await page.fill("#calendar-date", "2026-05");
  assert.equal(await text(page, "#calendar-date-error"), "");
  assert.match(await text(page, "#budget-results .headline"), /91 days/);
  await page.selectOption("#window-kind", "month");
  await page.fill("#calendar-date", "2026-02");
  assert.match(await text(page, "#budget-results .headline"), /calendar month from 2026-02-01 \(28 days\)/);
  await page.fill("#calendar-date", "2026-2");
  assert.equal(
    await text(page, "#calendar-date-error"),
    "Not a date: use YYYY-MM-DD or YYYY-MM, for example 2026-12-01 or 2026-12",
  );
  await page.fill("#calendar-date", "2026-13");
  assert.equal(await text(page, "#calendar-date-error"), "That month does not exist in the calendar");
  // A year alone is enough for a year window (it was "Not a date"); a month window says what it
  // takes, and the help follows the kind.
  await page.fill("#calendar-date", "2024");
  assert.match(await text(page, "#calendar-date-error"), /^A year alone is enough only for a year window: for a month window use YYYY-MM-DD or YYYY-MM/);
  await page.selectOption("#window-kind", "year");
  assert.equal(await text(page, "#calendar-date-error"), "");
  assert.match(await text(page, "#budget-results .headline"), /366 days/);
  assert.equal(await page.inputValue("#calendar-date"), "2024");
  assert.match(await text(page, "#calendar-date-help"), /or YYYY for the year's first day/);
  await page.selectOption("#window-kind", "month");
  await page.fill("#calendar-date", "2026-02");
  await page.waitForFunction(() => localStorage.getItem("headroom.budget")?.includes('"2026-02"'));
  await page.reload();
  await page.waitForSelector("#calendar-date");
  assert.equal(await page.inputValue("#calendar-date"), "2026-02");
  assert.match(await text(page, "#budget-results .headline"), /calendar month from 2026-02-01 \(28 days\)/);
  await context.close();
});

test("a calendar window's time elapsed runs from midnight on its first day to now", async () => {
  const context = await browser.newContext({
    timezoneId: "Europe/Berlin",
    viewport: { width: 1280, height: 900 },
  });
  // 23:00 on 5 December in Berlin.
  await context.clock.setFixedTime(new Date("2026-12-05T22:00:00Z"));
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForApp(page);
  await page.selectOption("#window-kind", "month");
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.95");
  assert.equal(await text(page, "#elapsed"), "4d 23h 0m 0s of 31 days (from midnight on 2026-12-01 to now)");
  // 0.05% / 0.1% × 4.958333 / 31 days = 8% (4 whole days read 6.45%).
  assert.equal(await text(page, "#consumed"), "≈8%");
  // November is over: all of it.
  await page.fill("#calendar-date", "2026-11-10");
  assert.equal(await text(page, "#elapsed"), "30 of 30 days (the whole period, from the calendar)");
  await page.fill("#elapsed-days", "2.5");
  assert.equal(await text(page, "#elapsed"), "2.5 of 30 days");
  await context.close();
});

test("fields shown together for one choice take a grid cell each, side by side at 1280 px", async () => {
  // They used to share one cell, stacked in the third column under each other.
  const { context, page } = await openApp(browser, server.url);
  await page.selectOption("#so-far-mode", "counts");
  const boxes = await page.$$eval(["#so-far-bad", "#so-far-total", "#observed-bad", "#observed-total"].join(","), (inputs) =>
    Object.fromEntries(inputs.map((input) => [input.id, input.getBoundingClientRect()])),
  );
  assert.equal(boxes["so-far-total"].top, boxes["so-far-bad"].top, JSON.stringify(boxes));
  assert.ok(boxes["so-far-total"].left > boxes["so-far-bad"].right);
  assert.equal(boxes["observed-total"].top, boxes["observed-bad"].top, JSON.stringify(boxes));
  // Hidden ones still take no place: in availability mode the counts are gone.
  await page.selectOption("#so-far-mode", "availability");
  assert.ok(!(await page.isVisible("#so-far-bad")));
  assert.ok(await page.isVisible("#so-far-availability"));
  await context.close();
});

test("month convention and time-based SLIs", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.selectOption("#month-convention", "gregorian");
  // A 30-day window is none of the periods now, so it leads the table as "This window".
  const [window, , , month] = await page.$$eval(".periods tbody tr", (rows) => rows.map((r) => r.textContent));
  assert.match(window, /^This window30 days \(rolling\)43m 12s$/);
  assert.match(month, /30\.436875 days \(365\.2425 \/ 12\)43m 49\.7s/);
  await page.selectOption("#sli-kind", "timeslices");
  assert.match(await text(page, "#allowed-bad"), /^8 bad timeslices of 5m 0s/);
  await page.fill("#observed-bad", "3");
  assert.equal(await text(page, "#error-ratio"), "25%");
  // The timeslice rule is stated where slices are counted, and only there.
  assert.match(await text(page, "#burn-results"), /bad slices ÷ the whole slices in the observation/);
  await page.selectOption("#sli-kind", "minutes");
  await page.fill("#observed-bad", "6");
  assert.equal(await text(page, "#burn-rate"), "100×");
  assert.doesNotMatch(await text(page, "#burn-results"), /timeslices|whole slices/);
  assert.equal(await page.textContent("label[for=observed-bad]"), "Bad minutes observed");
  await context.close();
});

test("every input of the tab survives a reload", async () => {
  const { context, page } = await openApp(browser, server.url);
  const values = {
    "#slo-target": "99.95",
    "#window-days": "28",
    "#expected-requests": "5000000",
    "#observed-bad": "12",
    "#observed-total": "1000",
    "#observed-hours": "2",
    "#elapsed-days": "3",
    "#so-far-bad": "5",
    "#so-far-total": "90000",
    "#freeze-below": "25",
    "#warn-below": "55",
    "#incident-minutes": "7",
    "#incident-affected": "40",
  };
  for (const [selector, value] of Object.entries(values)) await page.fill(selector, value);
  await page.selectOption("#month-convention", "28d");
  await page.selectOption("#sli-kind", "requests");
  await page.reload();
  await waitForApp(page);
  for (const [selector, value] of Object.entries(values)) {
    assert.equal(await page.inputValue(selector), value, selector);
  }
  assert.equal(await page.inputValue("#month-convention"), "28d");
  await page.selectOption("#window-kind", "year");
  await page.fill("#calendar-date", "2024-06-01");
  await page.selectOption("#so-far-mode", "availability");
  await page.fill("#so-far-availability", "99.99");
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.inputValue("#window-kind"), "year");
  assert.equal(await page.inputValue("#calendar-date"), "2024-06-01");
  assert.equal(await page.inputValue("#so-far-mode"), "availability");
  assert.equal(await page.inputValue("#so-far-availability"), "99.99");
  assert.match(await text(page, "#budget-results .headline"), /366 days/);
  await context.close();
});

test("a reason kept while a field is wrong is marked stale; a decimal comma is answered; rounded shares carry ≈", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await page.fill("#observed-bad", "0");
  await page.fill("#observed-total", "0");
  await page.press("#observed-total", "Tab");
  assert.equal(await text(page, "#burn-results p.undefined"), "No traffic: with zero total events the burn rate is not defined");
  assert.doesNotMatch(await page.getAttribute("#burn-results", "class"), /\bstale\b/);
  // Bad more than total: the kept reason is marked as kept (it read as the answer to 5 of 3).
  await page.fill("#observed-bad", "5");
  await page.fill("#observed-total", "3");
  assert.equal(await text(page, "#observed-bad-error"), "Bad cannot be more than total");
  assert.match(await page.getAttribute("#burn-results", "class"), /\bstale\b/);
  assert.match(await text(page, "#burn-results p.stale-note"), /^Not updated: these results are for the last valid input/);
  assert.equal(await text(page, "#burn-results p.undefined"), "No traffic: with zero total events the burn rate is not defined");

  // A rounded share is marked ≈ as a rounded burn rate is; an exact one is not.
  await page.fill("#observed-bad", "1");
  await page.fill("#observed-total", "3000");
  assert.equal(await text(page, "#error-ratio"), "≈0.0333%");
  await page.fill("#observed-total", "8");
  assert.equal(await text(page, "#error-ratio"), "12.5%");
  // With a wrong window the kept results stay on show under the note (they went blank).
  await page.fill("#window-days", "abc");
  assert.equal(await text(page, "#error-ratio"), "12.5%");
  assert.match(await text(page, "#burn-results p.stale-note"), /^Not updated/);
  await page.fill("#window-days", "30");

  // A decimal comma gets what to type.
  await page.fill("#slo-target", "99,95");
  assert.equal(await text(page, "#slo-target-error"), "Use a point for decimals: 99.95");
  await page.fill("#slo-target", "99.9");
  assert.equal(await text(page, "#slo-target-error"), "");

  // The period table leads with the chosen window when it is none of its periods.
  await page.selectOption("#window-kind", "month");
  await page.fill("#calendar-date", "2026-12-04");
  const first = await page.$$eval(".periods tbody tr:first-child > *", (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(first, ["This window", "31 days (calendar month from 2026-12-01)", "44m 38.4s"]);
  assert.deepEqual(problems, []);
  await context.close();
});
