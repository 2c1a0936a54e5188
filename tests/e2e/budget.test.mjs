// The Budget tab in the real built page: results, error messages, stale marking, persistence.

import assert from "node:assert/strict";
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

const downtime = (page) => page.textContent("#window-downtime");

test("defaults show 43m 12s for 99.9% over 30 days, with the period table", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  assert.equal(await downtime(page), "43m 12s");
  const rows = await page.$$eval(".periods tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent)),
  );
  assert.deepEqual(rows, [
    ["Day", "24 hours", "1m 26.4s"],
    ["Week", "7 days", "10m 4.8s"],
    ["Month", "30 days", "43m 12s"],
    ["Quarter", "90 days", "2h 9m 36s"],
    ["Year", "365 days", "8h 45m 36s"],
  ]);
  assert.equal(await page.getAttribute("#window-downtime", "title"), "43.2 min");
  assert.match(await page.textContent("#budget-results"), /rounded to the nearest 0\.1 s/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing a target and picking a window preset update the downtime and the chart", async () => {
  const { context, page } = await openApp(browser, server.url);
  await typeInto(page, "#slo-target", "99.99");
  assert.equal(await downtime(page), "4m 19.2s");
  assert.match(await page.innerHTML("#downtime-chart"), /99\.99%: 4m 19\.2s/);

  await page.click("button.preset:has-text('28 days')");
  assert.equal(await page.getAttribute("button.preset:has-text('28 days')", "aria-pressed"), "true");
  await typeInto(page, "#slo-target", "99.9");
  assert.equal(await downtime(page), "40m 19.2s");

  await typeInto(page, "#window-days", "7");
  await typeInto(page, "#slo-target", "99.99");
  assert.equal(await downtime(page), "1m 0.5s");
  assert.equal(await page.getAttribute("#window-downtime", "title"), "1.008 min");

  await typeInto(page, "#window-days", "365");
  await typeInto(page, "#slo-target", "99");
  assert.equal(await downtime(page), "3d 15h 36m 0s");
  await context.close();
});

test("allowed bad requests are rounded down to whole requests", async () => {
  const { context, page } = await openApp(browser, server.url);
  await typeInto(page, "#expected-requests", "1,000,000");
  assert.match(await page.textContent("#allowed-bad"), /^1,000 of 1,000,000 requests/);
  await typeInto(page, "#expected-requests", "1999");
  assert.match(await page.textContent("#allowed-bad"), /^1 of 1,999 requests/);
  await typeInto(page, "#expected-requests", "12.5");
  assert.match(await page.textContent("#expected-requests-error"), /Enter a whole number/);
  await context.close();
});

const INVALID = [
  ["#slo-target", "", /Enter the SLO target/],
  ["#slo-target", "abc", /Not a number/],
  ["#slo-target", "0", /above 0%/],
  ["#slo-target", "-5", /above 0%/],
  ["#slo-target", "100", /100% target leaves no error budget/],
  ["#slo-target", "101", /cannot be above 100%/],
  ["#slo-target", "99.12345678", /at most 6 decimal places/],
  ["#slo-target", "9.995e1", /Exponents such as 1e-3 are not read: write the number out in digits/],
  ["#window-days", "0", /longer than 0 days/],
  ["#window-days", "-1", /longer than 0 days/],
  ["#window-days", "", /Enter the window length/],
  ["#window-days", "a week", /Not a number/],
];

test("each invalid input gets its message next to the field and marks results stale", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  for (const [field, text, message] of INVALID) {
    // Filled at once: typed key by key, "101" passes through the valid targets 1 and 10.
    await page.fill(field, text);
    const errorId = (await page.getAttribute(field, "aria-describedby")).split(" ").pop();
    assert.match(await page.textContent(`#${errorId}`), message, `${field} = ${JSON.stringify(text)}`);
    assert.equal(await page.getAttribute(field, "aria-invalid"), "true");
    assert.equal(await downtime(page), "43m 12s", "the last valid result stays");
    assert.match(await page.getAttribute("#budget-results", "class"), /\bstale\b/);
    assert.match(await page.textContent("#budget-results .stale-note"), /last valid input/);
    assert.match(await page.textContent("#budget-results .headline"), /over 30 days at 99\.9%/);
    const body = await page.textContent("body");
    assert.ok(!/NaN|Infinity|undefined/.test(body), `non-finite text after ${text}`);
    await typeInto(page, field, field === "#slo-target" ? "99.9" : "30");
    assert.doesNotMatch(await page.getAttribute("#budget-results", "class"), /\bstale\b/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("two windows editing different fields at once both keep their edit", async () => {
  const context = await browser.newContext();
  const [one, two] = [await context.newPage(), await context.newPage()];
  for (const page of [one, two]) {
    await page.goto(server.url);
    await waitForApp(page);
  }
  // Both edits are typed within the autosave delay (0.3 s): window one's write reaches window
  // two while two's own edit is not written yet.
  await one.fill("#slo-target", "99.95");
  await one.waitForTimeout(100);
  await two.fill("#window-days", "28");
  const both = () =>
    document.querySelector("#slo-target")?.value === "99.95" &&
    document.querySelector("#window-days")?.value === "28";
  for (const page of [one, two]) {
    await page.waitForFunction(both, null, { timeout: 5000 });
  }
  await one.waitForTimeout(500);
  for (const page of [one, two]) {
    assert.ok(await page.evaluate(both), "an edit was undone by the other window's write");
    assert.equal(await downtime(page), "20m 9.6s");
  }
  const saved = JSON.parse(await one.evaluate(() => localStorage.getItem("headroom.budget")));
  assert.equal(saved.value.target_percent, "99.95");
  assert.equal(saved.value.window_days, "28");
  await context.close();
});

test("inputs survive a reload, even an invalid one", async () => {
  const { context, page } = await openApp(browser, server.url);
  await typeInto(page, "#slo-target", "99.95");
  await typeInto(page, "#window-days", "28");
  await typeInto(page, "#expected-requests", "5000000");
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.inputValue("#slo-target"), "99.95");
  assert.equal(await page.inputValue("#window-days"), "28");
  assert.equal(await page.inputValue("#expected-requests"), "5000000");
  assert.equal(await downtime(page), "20m 9.6s");

  await typeInto(page, "#slo-target", "100");
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.inputValue("#slo-target"), "100");
  assert.match(await page.textContent("#slo-target-error"), /no error budget/);
  assert.match(await page.textContent("#budget-results"), /Enter a valid target and window/);
  await context.close();
});
