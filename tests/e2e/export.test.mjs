// Taking results elsewhere: "Copy summary" (Markdown on the clipboard, or as a download), chart
// downloads as SVG and PNG, and the print view (one or two pages per tab, no controls).

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, startServer, typeInto } from "./support.mjs";

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

const TABS = ["budget", "alerts", "capacity", "toil", "incidents", "scenarios"];

/** Opens the page with the clipboard allowed, as a person who clicked "Allow" would. */
async function openWithClipboard(path) {
  const opened = await openApp(browser, `${server.url}${path}`, {
    before: (context) =>
      context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url }),
  });
  return opened;
}

const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

/** Fills every section of the Budget tab, so the summary and the print view have it all. */
async function fillBudget(page) {
  await typeInto(page, "#observed-bad", "100");
  await typeInto(page, "#observed-total", "100000");
  await typeInto(page, "#elapsed-days", "15");
  await typeInto(page, "#so-far-bad", "400");
  await typeInto(page, "#so-far-total", "1000000");
  await typeInto(page, "#incident-minutes", "30");
  await page.waitForSelector("#decision");
}

test("the Budget tab's summary is Markdown with its inputs, results and conventions", async () => {
  const { context, page, problems } = await openWithClipboard("#/budget");
  await fillBudget(page);
  await page.click("#budget-copy-summary");
  await page.waitForFunction(() =>
    document.querySelector("#budget-summary-status")?.textContent.startsWith("Copied"),
  );
  const md = await clipboard(page);
  assert.match(md, /^## Error budget: 99\.9% over 30 days/);
  assert.match(md, /\*\*Allowed downtime: 43m 12s\*\*/);
  assert.match(md, /\| Week \| 7 days \| 10m 4\.8s \|/);
  assert.match(md, /burn rate 1×/);
  assert.match(md, /### Remaining budget and deploy decision/);
  assert.match(md, /### Incident impact/);
  assert.match(md, /### Conventions/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#budget-download-summary"),
  ]);
  assert.equal(download.suggestedFilename(), "headroom-budget.md");
  assert.equal(await readFile(await download.path(), "utf8"), md);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an invalid input leaves nothing to copy", async () => {
  const { context, page } = await openWithClipboard("#/budget");
  await typeInto(page, "#slo-target", "100");
  assert.equal(await page.isDisabled("#budget-copy-summary"), true);
  await context.close();
});

test("the Alerts tab's summary has the alert table, its warnings and conventions", async () => {
  const { context, page, problems } = await openWithClipboard("#/alerts");
  await page.click("#alerts-copy-summary");
  await page.waitForFunction(() =>
    document.querySelector("#alerts-summary-status")?.textContent.startsWith("Copied"),
  );
  const md = await clipboard(page);
  assert.match(md, /^## Burn-rate alerts: 99\.9% over 30 days/);
  assert.match(md, /\| page 1h \/ 5m \| 2% \| 14\.4× \| 1\.44% \|/);
  assert.match(md, /\| 51\.84s \| within 5m \|/);
  assert.match(md, /### Conventions/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Capacity tab's summary gives the dates, the recommendation and the backtest", async () => {
  const { context, page, problems } = await openWithClipboard("#/capacity");
  await typeInto(page, "#capacity-limit", "18000");
  await page.setInputFiles("#capacity-file", new URL("../../public/capacity-sample.csv", import.meta.url).pathname);
  await page.waitForSelector("#capacity-trend-date");
  await page.click("#capacity-copy-summary");
  await page.waitForFunction(() =>
    document.querySelector("#capacity-summary-status")?.textContent.startsWith("Copied"),
  );
  const md = await clipboard(page);
  assert.match(md, /^## Capacity: capacity-sample\.csv \(2,?688 samples/);
  // The default follows the best model in the backtest, the trend + hour-of-week pattern.
  assert.match(md, /- The dates and the recommended capacity follow the trend \+ hour-of-week pattern, the best in the backtest/);
  assert.match(md, /\*\*the forecast with its hour-of-week pattern reaches it: 2014-10-27 17:00 \(18 hours after the last sample\)\*\*; the upper bound of its 95% interval reaches it: 2014-10-27 08:00/);
  assert.match(md, /plus 20% headroom/);
  assert.match(md, /Recommended capacity for the next 90 days: \*\*34,115\*\*/);
  assert.match(md, /\| Model \| Backtest MAE \| RMSE \|/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Capacity tab's summary states the horizon, and that an import fitted it to the history", async () => {
  const { context, page, problems } = await openWithClipboard("#/capacity");
  // 14 days of history and no horizon typed: the field is fitted to it, and says so.
  const csv = await readFile(new URL("../data/nab/ec2_cpu_utilization_5f5533.csv", import.meta.url), "utf8");
  await page.$eval(
    "#capacity-paste",
    (box, value) => {
      box.value = value;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    },
    csv,
  );
  await page.click("#capacity-paste-import");
  await page.waitForSelector("#capacity-fit");
  const note = await page.textContent("#capacity-horizon-note");
  const copied = async () => {
    await page.evaluate(() => navigator.clipboard.writeText(""));
    await page.click("#capacity-copy-summary");
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== "");
    return clipboard(page);
  };
  let md = await copied();
  assert.match(md, /^- Horizon: 41 days\. Set to 41 days, the longest horizon within 3 times the imported history, /m);
  // In the page's own words, less the instruction to type one.
  const fitted = note.replace(/ Type a horizon to choose your own\.$/, "");
  assert.notEqual(fitted, note);
  assert.ok(md.includes(`- Horizon: 41 days. ${fitted}`), md);
  // A typed horizon is stated alone.
  await typeInto(page, "#capacity-horizon", "30");
  md = await copied();
  assert.match(md, /^- Horizon: 30 days\.$/m);
  assert.doesNotMatch(md, /Set to/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Toil tab's summary names the tasks as text", async () => {
  const { context, page, problems } = await openWithClipboard("#/toil");
  await page.waitForSelector("#toil-total-hours");
  await typeInto(page, "#toil-tasks tbody tr:nth-child(1) .task-name", "<b>restart</b> | pods");
  await page.click("#toil-copy-summary");
  await page.waitForFunction(() =>
    document.querySelector("#toil-summary-status")?.textContent.startsWith("Copied"),
  );
  const md = await clipboard(page);
  assert.match(md, /^## Toil: /);
  assert.ok(md.includes("&lt;b\\>restart&lt;/b\\> \\| pods"), md);
  assert.match(md, /### Automation plan/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("charts download as SVG and as PNG", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/budget`);
  await page.waitForSelector("#downtime-chart svg");
  const figure = page.locator("figure", { has: page.locator("#downtime-chart") });

  const [svgFile] = await Promise.all([
    page.waitForEvent("download"),
    figure.locator(".chart-svg").click(),
  ]);
  assert.equal(svgFile.suggestedFilename(), "headroom-downtime.svg");
  const svg = await readFile(await svgFile.path(), "utf8");
  assert.match(svg, /^<\?xml[^>]*>\n<svg/);
  assert.match(svg, /<\/svg>\n$/);

  const [pngFile] = await Promise.all([
    page.waitForEvent("download"),
    figure.locator(".chart-png").click(),
  ]);
  assert.equal(pngFile.suggestedFilename(), "headroom-downtime.png");
  const png = await readFile(await pngFile.path());
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "a PNG file");
  const width = png.readUInt32BE(16);
  const declared = Number(/width="(\d+)"/.exec(svg)[1]);
  assert.equal(width, declared * 2, "drawn at twice the chart's size");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every tab prints on one or two pages without the tab bar or buttons", async () => {
  for (const tab of TABS) {
    const { context, page, problems } = await openApp(browser, `${server.url}#/${tab}`);
    if (tab === "budget") await fillBudget(page);
    if (tab === "capacity") {
      // With a series: its forecast, models and both pattern tables are on paper.
      await page.click("#capacity-sample");
      await page.waitForSelector("#capacity-weekday-table", { timeout: 30_000 });
    }
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("nav.tabs"), false, `${tab}: tab bar hidden`);
    const visibleButtons = await page.$$eval("main button", (all) =>
      all.filter((b) => b.offsetParent !== null).length,
    );
    assert.equal(visibleButtons, 0, `${tab}: no buttons on paper`);
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 2, `${tab} printed on ${pages} pages`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
