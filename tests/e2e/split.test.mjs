// Code splitting in the built page: the first load (the Budget tab) fetches only the main module;
// every other tab's code is a wasm chunk fetched the first time the tab opens, with a "Loading…"
// status while it comes, at the root and under a subpath.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, startServer } from "./support.mjs";

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Each lazy tab, an element its view always shows, and its `#[lazy]` function (src/app/mod.rs). */
const LAZY_TABS = [
  { tab: "alerts", shows: "#alerts-figures", chunk: "alerts_tab" },
  { tab: "capacity", shows: "#capacity-import", chunk: "capacity_tab" },
  { tab: "toil", shows: "#toil-total-hours", chunk: "toil_tab" },
  { tab: "incidents", shows: "#incidents-log-title", chunk: "incidents_tab" },
  { tab: "scenarios", shows: "#scenario-name", chunk: "scenarios_tab" },
];

const wasmFiles = (requests) =>
  requests.map((url) => new URL(url).pathname.split("/").pop()).filter((f) => f.endsWith(".wasm"));

for (const base of ["/", "/tools/headroom/"]) {
  test(`the Budget tab loads without the other tabs' code, which comes when a tab opens (${base})`, async () => {
    const server = await startServer({ base });
    try {
      const { context, page, problems, requests } = await openApp(browser, server.url);
      await page.waitForSelector("#window-downtime");
      await page.waitForLoadState("networkidle");
      const first = wasmFiles(requests);
      assert.equal(first.length, 1, `the first load fetches one wasm module: ${first}`);
      assert.match(first[0], /^headroom-[0-9a-f]{16}_bg\.wasm$/);

      for (const { tab, shows, chunk } of LAZY_TABS) {
        const before = requests.length;
        await page.click(`#tab-${tab}`);
        await page.waitForSelector(shows, { timeout: 15_000 });
        const fetched = wasmFiles(requests.slice(before));
        assert.ok(
          fetched.some((f) => new RegExp(`^split_${chunk}[-_.]`).test(f)),
          `opening ${tab} fetched its chunk: ${fetched}`,
        );
        assert.equal(await page.$("main .loading"), null, `${tab}: no "Loading…" left`);
      }

      // Opened once, a tab's code stays: going back to each tab fetches nothing more.
      const loaded = requests.length;
      for (const { tab, shows } of [{ tab: "budget", shows: "#window-downtime" }, ...LAZY_TABS]) {
        await page.click(`#tab-${tab}`);
        await page.waitForSelector(shows);
      }
      assert.deepEqual(wasmFiles(requests.slice(loaded)), []);
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      server.close();
    }
  });
}

test("a tab whose code is still on its way says it is loading, politely", async () => {
  const server = await startServer();
  try {
    // Without the service worker: it would serve the chunk from its copy, past page.route.
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector("#window-downtime");
    // Hold the Toil tab's chunk back until the fallback has been seen.
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route(/\/split_toil_tab[^/]*\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.click("#tab-toil");
    const status = await page.waitForSelector("main .loading[role=status]");
    assert.equal(await status.textContent(), "Loading…");
    release();
    await page.waitForSelector("#toil-total-hours", { timeout: 15_000 });
    assert.equal(await page.$("main .loading"), null);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    server.close();
  }
});

/** A page with the service worker blocked, recording uncaught errors and console errors. */
async function openWithoutWorker(url) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  // A refused chunk is logged by the browser (a failed resource load) and by the splitter's
  // loader (the fetch's TypeError); anything else counts.
  page.on("console", (m) => {
    if (m.type() === "error" && !/^(Failed to load resource|TypeError: Failed to fetch)/.test(m.text())) {
      problems.push(m.text());
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(url);
  return { context, page, problems };
}

test("a tab whose code cannot be fetched says so, keeps the page working, and loads on Try again", async () => {
  const server = await startServer();
  try {
    const { context, page, problems } = await openWithoutWorker(server.url);
    await page.waitForSelector("#window-downtime");
    const chunk = /\/split_toil_tab[^/]*\.wasm$/;
    await page.route(chunk, (route) => route.abort());
    await page.click("#tab-toil");
    const failed = await page.waitForSelector("main .load-failed[role=alert]", { timeout: 15_000 });
    assert.match(await failed.textContent(), /could not be loaded.*Your inputs are kept/s);

    await page.unroute(chunk);
    await page.click("main .load-retry");
    await page.waitForSelector("#toil-total-hours", { timeout: 15_000 });
    assert.equal(await page.$("main .load-failed"), null);
    await page.click("#tab-budget");
    assert.equal(await page.textContent("#window-downtime"), "43m 12s", "the page still runs");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    server.close();
  }
});

test("a share link whose decoder cannot be fetched shows the person's own work and says why", async () => {
  const server = await startServer();
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    await context.route(/\/split_open_link[^/]*\.wasm$/, (route) => route.abort());
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    await page.goto(`${server.url}#/scenarios?link=AAAA`);
    await page.waitForSelector("#window-downtime", { timeout: 15_000 });
    assert.match(await page.textContent(".notices"), /could not be opened: the page's code for links/);
    assert.equal(await page.$("#link-banner"), null);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    server.close();
  }
});

test("saving a shared scenario whose code cannot be fetched says so and saves nothing", async () => {
  const server = await startServer();
  try {
    const sender = await openApp(browser, server.url);
    await sender.page.fill("#slo-target", "99.97");
    await sender.page.click("#tab-scenarios");
    await sender.page.click("#share-current");
    await sender.page.waitForSelector("#share-link");
    const link = await sender.page.inputValue("#share-link");
    await sender.context.close();

    const context = await browser.newContext({ serviceWorkers: "block" });
    let blocked = 0;
    await context.route(/\/split_save_link_copy[^/]*\.wasm$/, (route) => {
      blocked += 1;
      return route.abort();
    });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    await page.goto(link);
    await page.waitForSelector("#link-banner", { timeout: 15_000 });
    assert.equal(await page.inputValue("#slo-target"), "99.97");
    await page.click("#link-save-copy");
    await page.waitForFunction(() => /Not saved: the page's code for saving/.test(document.querySelector(".notices").textContent));
    assert.ok(blocked > 0, "the save's chunk was asked for");
    assert.equal(await page.$("#link-saved"), null);
    const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("headroom.scenario.")));
    assert.deepEqual(saved, [], "no scenario was saved");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    server.close();
  }
});
