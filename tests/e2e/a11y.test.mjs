// Accessibility: axe-core (npm) runs in the real page on every tab, in light and dark schemes,
// and finds no serious or critical violation; the page works by keyboard with a visible focus,
// and a field's error is tied to the field for screen readers.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, startServer, typeInto, waitForTab } from "./support.mjs";

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TABS = ["budget", "alerts", "capacity", "toil", "incidents", "scenarios"];

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

/** Serious and critical axe violations on the page, one line each. */
async function violations(page) {
  // Evaluated through the browser's debugging protocol, which the page's CSP does not govern;
  // the page itself cannot load scripts from anywhere but its own files.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  });
  return found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.join(", ")}`);
}

for (const colorScheme of ["light", "dark"]) {
  test(`no serious or critical axe violations on any tab (${colorScheme})`, async () => {
    const { context, page, problems } = await openApp(browser, server.url, { colorScheme });
    const found = [];
    for (const tab of TABS) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
      await waitForTab(page);
      await page.waitForTimeout(200);
      for (const line of await violations(page)) found.push(`${tab}: ${line}`);
    }
    // A field showing its error, too.
    await page.click("#tab-budget");
    await typeInto(page, "#slo-target", "abc");
    for (const line of await violations(page)) found.push(`budget with an error: ${line}`);
    await page.click("#tab-toil");
    await typeInto(page, "#toil-engineers", "none");
    for (const line of await violations(page)) found.push(`toil with an error: ${line}`);
    await page.click("#tab-alerts");
    await typeInto(page, "#alerts-table tbody tr:nth-child(1) .alert-long", "1.5h");
    for (const line of await violations(page)) found.push(`alerts with an error: ${line}`);
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the tabs and fields are reached by keyboard, with a visible focus", async () => {
  const { context, page } = await openApp(browser, server.url);
  await page.keyboard.press("Tab"); // the skip link
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  const seen = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    seen.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.ok(seen.includes("tab-toil"), `tab links in the focus order: ${seen}`);
  assert.ok(seen.includes("slo-target"), `fields in the focus order: ${seen}`);

  // The skip link takes the focus to the content: the next Tab is past the tab bar.
  await page.reload();
  await page.waitForSelector("#window-downtime");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => document.activeElement.id);
  assert.ok(!next.startsWith("tab-"), `after the skip link, Tab goes into the content, not to ${next}`);

  await page.focus("#tab-toil");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#toil-total-hours");
  assert.match(page.url(), /#\/toil$/);
  await context.close();
});

test("a field's error is announced and tied to the field", async () => {
  const { context, page } = await openApp(browser, server.url);
  await typeInto(page, "#slo-target", "100");
  assert.equal(await page.getAttribute("#slo-target", "aria-invalid"), "true");
  const describedBy = (await page.getAttribute("#slo-target", "aria-describedby")).split(" ");
  const texts = await Promise.all(describedBy.map((id) => page.textContent(`#${id}`)));
  assert.ok(texts.some((t) => /100%/.test(t)), `the message is one of ${texts}`);
  const live = await page.getAttribute(`#${describedBy.at(-1)}`, "aria-live");
  assert.equal(live, "polite");
  await context.close();
});

test("every tab fits a 320 px wide screen, even with a long unbroken task name", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${server.url}#/toil`);
  await page.waitForSelector("#toil-total-hours");
  await typeInto(page, "#toil-tasks tbody tr:nth-child(1) .task-name", "x".repeat(300));
  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `the ${tab} tab is ${overflow}px wider than the screen`);
  }
  await context.close();
});
