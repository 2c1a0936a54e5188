// Zero network and text-only user input, checked in the real page: every request made while a
// person goes through every tab, imports files, saves, exports and opens a share link goes to
// the page's own origin; hostile strings typed into every text field of every tab are shown as
// text and never run or become markup.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { launchBrowser, openApp, startServer } from "./support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TABS = ["budget", "alerts", "capacity", "toil", "incidents", "scenarios"];

/** Strings that would run or turn into markup if text ever reached the page as HTML. */
const HOSTILE = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned='img'">`,
  `"><svg onload="window.__pwned='svg'">`,
  `</textarea><b id="pwned-bold">bold</b>`,
  `javascript:window.__pwned='url'`,
  `{{7*7}} \${window.__pwned='template'}`,
  `' OR 1=1 -- ; DROP TABLE tasks`,
  `\u202eevil\u202c ✓ 🚀 ﷽`,
  `&lt;b&gt;entity&lt;/b&gt; &amp; &#60;i&#62;`,
  "x".repeat(1_500),
];

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

/** Markup that a hostile string would have made, and whether any of it ran. */
function injected(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    nodes: [
      ...document.querySelectorAll(
        "main script, main img[src='x'], main svg[onload], #pwned-bold, [onerror], [onload]",
      ),
    ].map((e) => e.outerHTML.slice(0, 80)),
  }));
}

test("hostile text in every text field of every tab is kept as text", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  let filled = 0;
  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
    if (tab === "incidents") {
      // An incident and a timeline entry being edited, so that their fields are there to fill
      // (each button moves the focus on the next frame; wait for it before typing).
      await page.click("#incidents-declare");
      await page.waitForFunction(() => document.activeElement?.id === "incidents-title");
      await page.click("#incidents-add-entry");
      await page.waitForFunction(() => document.activeElement?.classList.contains("entry-message"));
    }
    const fields = await page.$$(
      "main input[type=text]:not([disabled]), main input:not([type]):not([disabled]), main textarea:not([readonly])",
    );
    for (const [i, field] of fields.entries()) {
      if (!(await field.isVisible())) continue;
      const text = HOSTILE[(i + filled) % HOSTILE.length];
      await field.fill(text);
      filled += 1;
      assert.equal(await field.inputValue(), text, `${tab}: a field keeps the text as typed`);
    }
    await page.waitForTimeout(400);
    assert.deepEqual(await injected(page), { pwned: null, nodes: [] }, `${tab}: nothing ran`);
  }
  assert.ok(filled >= 30, `only ${filled} fields were filled`);

  // A scenario named with markup, listed, compared and offered as a link.
  await page.click("#tab-scenarios");
  await page.fill("#scenario-name", HOSTILE[1]);
  await page.click("#save-as");
  await page.waitForSelector("#scenario-list .scenario-name");
  assert.equal(await page.textContent("#scenario-list .scenario-name"), HOSTILE[1]);

  // The Toil chart draws task names: as SVG text, escaped.
  await page.click("#tab-toil");
  await page.fill("#toil-tasks tbody tr:nth-child(1) .task-name", HOSTILE[2]);
  await page.fill("#toil-engineers", "6");
  await page.fill("#toil-hours-per-week", "40");
  await page.fill("#toil-working-days", "260");
  await page.waitForTimeout(400);
  assert.deepEqual(await injected(page), { pwned: null, nodes: [] });

  assert.deepEqual(dialogs, [], "no dialog opened");
  const violations = problems.filter((p) => /Content Security Policy/.test(p));
  assert.deepEqual(violations, [], "nothing even tried to run");
  await context.close();
});

test("going through every tab, importing, saving, exporting and sharing stays on the page's origin", async () => {
  const origin = new URL(server.url).origin;
  const requests = [];
  const { context, page, problems } = await openApp(browser, server.url, {
    before: async (context) => {
      context.on("request", (request) => requests.push(request.url()));
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    },
  });

  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
  }

  // Imports: a toil inventory and a metric export.
  await page.click("#tab-toil");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#toil-export")]);
  await page.setInputFiles("#toil-import", await csv.path());
  await page.click("#tab-capacity");
  await page.setInputFiles("#capacity-file", join(ROOT, "public/capacity-sample.csv"));
  await page.waitForSelector("#capacity-fit");

  // Save, export, share, and open the link in a new page of the same browser.
  await page.click("#tab-scenarios");
  await page.fill("#scenario-name", "Network check");
  await page.click("#save-as");
  await page.waitForSelector(`#scenario-list .scenario-name:text-is("Network check")`);
  const [exported] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#export-all"),
  ]);
  assert.match(await readFile(await exported.path(), "utf8"), /"headroom-scenarios"/);
  await page.click("#share-current");
  await page.waitForSelector("#share-link");
  const link = await page.inputValue("#share-link");
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForSelector("#link-banner");
  await other.close();

  assert.ok(requests.length > 5, "requests were recorded");
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], "every request goes to the page's own origin");
  assert.deepEqual(problems, []);
  await context.close();
});
