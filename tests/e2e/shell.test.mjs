// The app shell in the real built page: loading, tabs in the URL, requests, screenshots.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, screenshot, startServer, waitForApp, waitForTab } from "./support.mjs";

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

test("the page loads with no console error or warning and requests only its own files", async () => {
  const warnings = [];
  const { context, page, problems, requests } = await openApp(browser, server.url, {
    before: (c) =>
      c.on("console", (message) => {
        if (message.type() === "warning") warnings.push(message.text());
      }),
  });
  await page.waitForSelector("#window-downtime");
  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
  }
  assert.deepEqual(problems, []);
  // Such as Chromium's about an integrity attribute it ignores on a preload.
  assert.deepEqual(warnings, []);
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], "requests to other origins");
  assert.ok(requests.some((url) => url.endsWith(".wasm")), "the wasm module was loaded");
  await context.close();
});

test("each tab has its own link, and back and forward move between tabs", async () => {
  const { context, page } = await openApp(browser, `${server.url}#/alerts`);
  assert.equal(await page.getAttribute("#tab-alerts", "aria-current"), "page");
  await page.waitForSelector("#alerts-figures");

  await page.click("#tab-toil");
  await page.waitForSelector('#tab-toil[aria-current="page"]');
  assert.ok(page.url().endsWith("#/toil"), page.url());
  await page.goBack();
  await page.waitForSelector('#tab-alerts[aria-current="page"]');
  await page.goForward();
  await page.waitForSelector('#tab-toil[aria-current="page"]');
  await page.click("#tab-budget");
  await page.waitForSelector("#window-downtime");
  await context.close();
});

test("a link to an unknown tab shows the Budget tab and says so", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/nonsense`);
  await page.waitForSelector("#window-downtime");
  assert.match(await page.textContent(".notices"), /names no tab/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("screenshots of every tab, in light and dark schemes", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, problems } = await openApp(browser, server.url, { colorScheme });
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
      await waitForTab(page);
      await screenshot(page, `${tab}-${colorScheme}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("a phone-sized screen shows the tabs and fields without sideways scrolling", async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForApp(page);
  await page.waitForSelector("#window-downtime");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone screen`);
  await screenshot(page, "budget-phone");
  await context.close();
});

test("charts are drawn for a phone's width, so their text stays readable, and follow a resize", async () => {
  const { context, page } = await openApp(browser, server.url); // 1280 px wide
  await page.waitForSelector("#downtime-chart svg");
  // The drawn width, and the height on screen of the chart's tick labels in CSS pixels.
  const drawn = () =>
    page.$eval("#downtime-chart svg", (svg) => {
      const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
      const size = parseFloat(svg.querySelector("text").getAttribute("font-size"));
      return { width: svg.getAttribute("width"), textPx: Math.round(size * scale * 10) / 10 };
    });
  // Shown at the card's width up to 56 rem (896 px): 11.29 px labels × 896 / 640.
  assert.deepEqual(await drawn(), { width: "640", textPx: 15.8 });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForFunction(() => document.querySelector("#downtime-chart svg").getAttribute("width") === "400");
  const phone = await drawn();
  // Drawn 640 px wide, the labels were 5.3 px high on this screen.
  assert.ok(phone.textPx >= 8, `labels ${phone.textPx} px high on a phone`);
  // Between a phone and a desktop the labels stay between 8.5 and 13 px high. At 600 to 639 px
  // the 400 px drawing was stretched to about 580 px: labels 16 px high.
  for (const width of [639, 620, 600, 570, 567, 540, 500, 420]) {
    await page.setViewportSize({ width, height: 800 });
    const expected = width < 568 ? "400" : "640";
    await page.waitForFunction(
      (w) => document.querySelector("#downtime-chart svg").getAttribute("width") === w,
      expected,
    );
    const shown = await drawn();
    assert.ok(shown.textPx >= 8.5 && shown.textPx <= 13, `labels ${shown.textPx} px high at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => document.querySelector("#downtime-chart svg").getAttribute("width") === "640");
  await context.close();
});

test("the built page works under a subpath", async () => {
  const sub = await startServer({ base: "/tools/headroom/" });
  try {
    const { context, page, problems } = await openApp(browser, `${sub.url}#/capacity`);
    assert.equal(await page.getAttribute("#tab-capacity", "aria-current"), "page");
    await page.click("#tab-budget");
    assert.equal(await page.textContent("#window-downtime"), "43m 12s");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    sub.close();
  }
});
