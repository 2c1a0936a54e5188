// The Scenarios tab with the browser's real localStorage: save, open, rename, duplicate,
// delete and undo, compare, export and import, share links, two windows, full storage.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { deflateRawSync } from "node:zlib";
import { followLink, launchBrowser, openApp, startServer, typeInto, waitForApp } from "./support.mjs";

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

const scenariosUrl = () => `${server.url}#/scenarios`;

async function saveAs(page, name) {
  await page.click("#tab-scenarios");
  await page.fill("#scenario-name", name);
  await page.click("#save-as");
  // The list shows a control of direction in a name as <U+202E>, as the pickers do.
  const shown = name.replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, (c) => `<U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  await page.waitForSelector(`#scenario-list .scenario-name:text-is("${shown}")`);
}

/** Fills what is left of the page's localStorage quota, in smaller and smaller pieces. */
async function fillStorage(page) {
  await page.evaluate(() => {
    let i = 0;
    for (let size = 1_000_000; size >= 1; size = Math.floor(size / 10)) {
      const chunk = "x".repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler.${i++}`, chunk);
        } catch {
          break;
        }
      }
    }
  });
}

async function setTarget(page, value) {
  await page.click("#tab-budget");
  await page.fill("#slo-target", value);
}

const names = (page) => page.$$eval("#scenario-list .scenario-name", (els) => els.map((e) => e.textContent));

test("save as, reload, unsaved marker, save changes, open", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await setTarget(page, "99.95");
  await saveAs(page, "Promise 99.95");
  assert.match(await page.textContent("#workspace-status"), /Same as the saved scenario “Promise 99.95”/);
  assert.match(await page.textContent("#scenario-list"), /99\.95% over 30 days: 21m 36s allowed/);

  await page.reload();
  await waitForApp(page);
  assert.deepEqual(await names(page), ["Promise 99.95"]);

  await setTarget(page, "99.99");
  await page.click("#tab-scenarios");
  assert.match(await page.textContent("#workspace-status"), /unsaved changes/);
  await page.click("#save-current");
  assert.match(await page.textContent("#workspace-status"), /Same as the saved scenario/);
  assert.match(await page.textContent("#scenario-list"), /99\.99% over 30 days: 4m 19\.2s allowed/);

  await saveAs(page, "Loose");
  await setTarget(page, "95");
  await page.click("#tab-scenarios");
  page.once("dialog", (dialog) => dialog.accept());
  const row = page.locator(".scenario", { hasText: "Promise 99.95" });
  await row.locator("button", { hasText: "Open" }).click();
  await page.click("#tab-budget");
  assert.equal(await page.inputValue("#slo-target"), "99.99");
  assert.deepEqual(problems, []);
  await context.close();
});

test("what an opened scenario puts on every tab outlives the Scenarios tab", async () => {
  // Regression: the Toil rows made while the Scenarios tab opened a scenario were disposed with
  // that tab, and the next tab change panicked the page.
  const { context, page, problems } = await openApp(browser, `${server.url}#/toil`);
  await typeInto(page, "#toil-tasks tbody tr:nth-child(1) .task-name", "Rotate certificates");
  await saveAs(page, "With tasks");
  await page.click("#tab-toil");
  await typeInto(page, "#toil-tasks tbody tr:nth-child(1) .task-name", "Changed");
  await page.click("#tab-scenarios");
  page.once("dialog", (dialog) => dialog.accept());
  await page.locator(".scenario", { hasText: "With tasks" }).locator("button", { hasText: "Open" }).click();
  for (const tab of ["budget", "scenarios", "toil", "alerts", "capacity", "incidents", "scenarios", "toil"]) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#tab-${tab}[aria-current="page"]`);
  }
  assert.equal(await page.inputValue("#toil-tasks tbody tr:nth-child(1) .task-name"), "Rotate certificates");
  await typeInto(page, "#toil-tasks tbody tr:nth-child(1) .task-name", "Renew certificates");
  await page.click("#tab-scenarios");
  assert.match(await page.textContent("#workspace-status"), /unsaved changes/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A small hourly series as a CSV file for the Capacity tab's file input. */
const hourlyCsv = (name, base) => {
  const hours = Array.from({ length: 48 }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1, i)).toISOString().slice(0, 19).replace("T", " ");
    return `${at},${base + i}`;
  });
  return { name, mimeType: "text/csv", buffer: Buffer.from(["timestamp,value", ...hours].join("\n")) };
};

const savedSeries = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("headroom.capacity"))?.value?.series?.id);

/** Imports `file` on the Capacity tab and waits until the saved inputs refer to a new series. */
async function importSeries(page, file) {
  const before = await savedSeries(page);
  await page.click("#tab-capacity");
  await page.setInputFiles("#capacity-file", file);
  await page.waitForFunction(
    (id) => {
      const now = JSON.parse(localStorage.getItem("headroom.capacity"))?.value?.series?.id;
      return now && now !== id && localStorage.getItem(`headroom.series.${now}`);
    },
    before,
  );
  return savedSeries(page);
}

test("Enter in the name saves as a new scenario, with the button's checks", async () => {
  const { context, page, problems } = await openApp(browser, scenariosUrl());
  await page.waitForSelector("#scenario-name");
  await page.fill("#scenario-name", "Q3 plan");
  await page.press("#scenario-name", "Enter");
  await page.waitForSelector('#scenario-list .scenario-name:text-is("Q3 plan")');
  assert.equal(await page.textContent("#scenario-message"), "Saved “Q3 plan”.");
  assert.equal(await page.inputValue("#scenario-name"), "");
  await page.press("#scenario-name", "Enter");
  await page.waitForSelector("#scenario-name-error:text-is('a scenario needs a name')");
  await page.fill("#scenario-name", "Q3 plan");
  let asked;
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    dialog.dismiss();
  });
  await page.press("#scenario-name", "Enter");
  assert.equal(asked, "A scenario named “Q3 plan” exists. Replace it?");
  assert.deepEqual(await names(page), ["Q3 plan"]);
  // No page load: the form's submit stays in the page (the page allows no form action).
  assert.ok(page.url().endsWith("#/scenarios"), page.url());
  assert.deepEqual(problems, []);
  await context.close();
});

async function openScenario(page, name) {
  await page.click("#tab-scenarios");
  page.once("dialog", (dialog) => dialog.accept());
  await page.locator(".scenario", { hasText: name }).locator("button", { hasText: "Open" }).click();
}

/**
 * Saves the scenario `name` with a series of its own (the file `file`), imports another series
 * over it and removes the scenario's series from storage. Returns that series' content id.
 */
async function saveThenDropSeries(page, name, file) {
  const id = await importSeries(page, hourlyCsv(file, 10));
  await saveAs(page, name);
  await importSeries(page, hourlyCsv("other.csv", 500));
  await page.evaluate((key) => localStorage.removeItem(`headroom.series.${key}`), id);
  return id;
}

/**
 * Saves a scenario with the series gone.csv, imports another series, removes gone.csv from
 * storage (as when it was left out of a file or a link), reloads (so the page no longer holds it
 * either), opens the scenario and shows the Capacity tab. Returns gone.csv's content id.
 */
async function openScenarioWithMissingSeries(page) {
  const gone = await saveThenDropSeries(page, "Gone series", "gone.csv");
  await page.reload();
  await waitForApp(page);
  await openScenario(page, "Gone series");
  await page.click("#tab-capacity");
  return gone;
}

test("opening a scenario whose capacity series is missing refers to that series, not the one shown before", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`);
  const gone = await openScenarioWithMissingSeries(page);
  const missing = /The series “gone\.csv” \(48 samples\) is not in this browser's storage/;
  assert.match(await page.textContent("#capacity-series-note"), missing);
  await page.waitForFunction((id) => JSON.parse(localStorage.getItem("headroom.capacity")).value.series?.id === id, gone);
  // After a reload the tab says the same, and shows no forecast of the series shown before.
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#capacity-series-note");
  assert.match(await page.textContent("#capacity-series-note"), missing);
  assert.equal(await page.$("#capacity-at-end"), null);
  assert.equal(await savedSeries(page), gone);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a series that cannot be stored promises no comeback of a series storage does not hold", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`);
  await openScenarioWithMissingSeries(page);
  await page.waitForSelector("#capacity-series-note");
  await fillStorage(page);
  await page.setInputFiles("#capacity-file", hourlyCsv("full.csv", 900));
  await page.waitForFunction(() => /could not be kept/.test(document.querySelector("#capacity-series-note")?.textContent));
  assert.doesNotMatch(await page.textContent("#capacity-series-note"), /comes back/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a series still on the page is stored again when its stored copy is gone or damaged", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`);
  // Gone while this page still has it: opening the scenario stores it again and refers to it.
  const first = await saveThenDropSeries(page, "First", "first.csv");
  await openScenario(page, "First");
  await page.waitForFunction(
    (id) =>
      localStorage.getItem(`headroom.series.${id}`) &&
      JSON.parse(localStorage.getItem("headroom.capacity")).value.series?.id === id,
    first,
  );
  await page.click("#tab-capacity");
  await page.waitForSelector("#capacity-at-end");
  assert.equal(await page.$("#capacity-series-note"), null);

  // Damaged in storage: after a reload the tab says so; importing the same file again replaces
  // the damaged copy (which was backed up), so the next reload reads it.
  await page.evaluate((id) => localStorage.setItem(`headroom.series.${id}`, "{not json"), first);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#capacity-series-note");
  assert.match(await page.textContent("#capacity-series-note"), /could not be read/);
  assert.ok(await page.evaluate(() => Object.values(localStorage).includes("{not json")), "backed up");
  await page.setInputFiles("#capacity-file", hourlyCsv("first.csv", 10));
  await page.waitForFunction((id) => {
    try {
      return typeof JSON.parse(localStorage.getItem(`headroom.series.${id}`)).value === "string";
    } catch {
      return false;
    }
  }, first);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector("#capacity-at-end");
  assert.equal(await page.$("#capacity-series-note"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a stored series that does not unpack is left out of a file and a link, which say why, and is backed up", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`);
  const id = await importSeries(page, hourlyCsv("damaged.csv", 10));
  await saveAs(page, "Damaged series");
  // Its stored text still reads, but no longer unpacks; reloaded, the page no longer holds it.
  const damaged = await page.evaluate((key) => {
    const envelope = JSON.parse(localStorage.getItem(key));
    envelope.value = "not a packed series";
    localStorage.setItem(key, JSON.stringify(envelope));
    return localStorage.getItem(key);
  }, `headroom.series.${id}`);
  await page.reload();
  await waitForApp(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-all")]);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(file.series, undefined, "no series in the file");
  assert.equal(file.scenarios[0].inputs.capacity.series.id, id, "the reference stays");
  // The reason was "too large for a file, or not in this browser", neither of which was true.
  assert.equal(
    await page.textContent("#scenario-message"),
    "Exported. The capacity series “damaged.csv” (its saved copy in this browser is damaged; the " +
      "Capacity tab offers it for download) could not be included; the capacity settings are included.",
  );
  await page.click("#share-current");
  await page.waitForSelector("#share-link");
  await page.waitForFunction(() => /left out/.test(document.querySelector("#scenario-message")?.textContent));
  assert.match(
    await page.textContent("#scenario-message"),
    /The capacity series was left out: its saved copy in this browser is damaged \(the Capacity tab offers it for download\); the link says so\.$/,
  );
  // Its exact text is kept under a backup key, beside the original.
  const copies = await page.evaluate(
    (text) => Object.keys(localStorage).filter((key) => key.startsWith("headroom.backup.") && localStorage.getItem(key) === text),
    damaged,
  );
  assert.deepEqual(copies, [`headroom.backup.series.${id}.1`]);
  // The Capacity tab offers that copy.
  await page.click("#tab-capacity");
  await page.waitForFunction(() => /could not be read|damaged/.test(document.querySelector("#capacity-series-note")?.textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a window that found a series missing shows it once another window has stored it again", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`);
  const first = await saveThenDropSeries(page, "First", "first.csv");
  // A second window, which never had first.csv, opens the scenario: the series is missing there,
  // while the first window still holds it and stores it again.
  const other = await context.newPage();
  other.on("pageerror", (error) => problems.push(`other window: ${error.message}`));
  await other.goto(`${server.url}#/scenarios`);
  await waitForApp(other);
  await openScenario(other, "First");
  await other.click("#tab-capacity");
  await page.waitForFunction((id) => localStorage.getItem(`headroom.series.${id}`), first);
  await other.waitForSelector("#capacity-at-end");
  assert.equal(await other.$("#capacity-series-note"), null);
  assert.equal(await savedSeries(other), first);
  assert.deepEqual(problems, []);
  await context.close();
});

test("undoing a deletion brings back the scenario's series, even if another window cleaned it up", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`);
  const first = await importSeries(page, hourlyCsv("kept.csv", 10));
  await saveAs(page, "Kept");
  await importSeries(page, hourlyCsv("newer.csv", 500));
  await page.click("#tab-scenarios");
  await page.locator(".scenario", { hasText: "Kept" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForSelector("#undo-delete-button");
  // A second window opens the Capacity tab: nothing stored refers to the series any more.
  const other = await context.newPage();
  await other.goto(`${server.url}#/capacity`);
  await other.waitForSelector("#capacity-import");
  await page.waitForFunction((id) => !localStorage.getItem(`headroom.series.${id}`), first);
  await other.close();
  await page.click("#undo-delete-button");
  assert.equal(await page.textContent("#scenario-message"), "Brought back “Kept”.");
  assert.ok(await page.evaluate((id) => localStorage.getItem(`headroom.series.${id}`), first));
  await page.reload();
  await waitForApp(page);
  await openScenario(page, "Kept");
  await page.click("#tab-capacity");
  await page.waitForSelector("#capacity-at-end");
  assert.equal(await page.$("#capacity-series-note"), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("opening a scenario without a capacity series leaves none saved on the Capacity tab", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await saveAs(page, "No series");
  await page.click("#tab-capacity");
  await page.click("#capacity-sample");
  await page.waitForSelector("#capacity-trend-date", { timeout: 30_000 });
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("headroom.series.")));
  await saveAs(page, "With series");
  await page.locator(".scenario", { hasText: "No series" }).locator("button", { hasText: "Open" }).click();
  assert.match(await page.textContent("#workspace-status"), /Same as the saved scenario “No series”/);
  await page.waitForFunction(() => !JSON.parse(localStorage.getItem("headroom.capacity")).value.series);
  await page.goto(`${server.url}#/budget`);
  await page.reload();
  await waitForApp(page);
  await page.click("#tab-scenarios");
  await page.waitForSelector("#workspace-status");
  assert.match(await page.textContent("#workspace-status"), /Same as the saved scenario “No series”/);
  await page.click("#tab-capacity");
  await page.waitForSelector("#capacity-import");
  assert.equal(await page.$("#capacity-trend-date"), null, "no series came back");
  assert.deepEqual(problems, []);
  await context.close();
});

test("opening a scenario over the untouched defaults asks nothing", async () => {
  const { context, page, problems } = await openApp(browser, scenariosUrl());
  await page.waitForSelector("#scenario-name");
  const file = {
    format: "headroom-scenarios",
    version: 1,
    scenarios: [{ id: "imported", name: "Imported plan", created_ms: 1, updated_ms: 2, inputs: { budget: { target_percent: "99.5" } } }],
  };
  const dir = mkdtempSync(join(tmpdir(), "headroom-"));
  const path = join(dir, "plan.json");
  writeFileSync(path, JSON.stringify(file));
  await page.setInputFiles("#import-file", path);
  await page.waitForSelector('.scenario-name:text-is("Imported plan")');
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    dialog.dismiss();
  });
  await page.click("#scenario-open-imported");
  await page.waitForFunction(() => /Opened “Imported plan”/.test(document.querySelector("#scenario-message")?.textContent));
  assert.equal(dialogs, 0, "nothing to lose, so nothing to ask");
  await page.click("#tab-budget");
  assert.equal(await page.inputValue("#slo-target"), "99.5");
  assert.deepEqual(problems, []);
  await context.close();
});

test("opening a scenario over unsaved work asks first, and cancel keeps the work", async () => {
  const { context, page } = await openApp(browser, server.url);
  await saveAs(page, "Base");
  await setTarget(page, "97");
  await page.click("#tab-scenarios");
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.locator(".scenario", { hasText: "Base" }).locator("button", { hasText: "Open" }).click();
  await page.click("#tab-budget");
  assert.equal(await page.inputValue("#slo-target"), "97");
  await context.close();
});

test("rename, duplicate, delete and undo", async () => {
  const { context, page } = await openApp(browser, scenariosUrl());
  await saveAs(page, "Draft");
  await saveAs(page, "Other");
  // Renaming happens in the row: a name field, its message next to it, Escape to cancel.
  const renameDraft = () =>
    page.locator(".scenario", { hasText: "Draft" }).locator("button", { hasText: "Rename" }).click();
  await renameDraft();
  await page.waitForFunction(() => document.activeElement?.id === "scenario-rename");
  assert.equal(await page.inputValue("#scenario-rename"), "Draft");
  assert.equal(await page.textContent('label[for="scenario-rename"]'), "New name for “Draft”");
  await page.fill("#scenario-rename", "   ");
  await page.press("#scenario-rename", "Enter");
  await page.waitForSelector("#scenario-rename-error:text-is('a scenario needs a name')");
  assert.equal(await page.getAttribute("#scenario-rename", "aria-invalid"), "true");
  await page.fill("#scenario-rename", "Other");
  await page.click("#scenario-rename-save");
  await page.waitForSelector("#scenario-rename-error:text-is('a scenario named “Other” exists: pick another name')");
  await page.press("#scenario-rename", "Escape");
  await page.waitForSelector("#scenario-rename", { state: "detached" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Rename “Draft”");
  assert.deepEqual((await names(page)).sort(), ["Draft", "Other"]);
  // Enter saves the new name; the focus goes back to the row's Rename.
  await renameDraft();
  await page.fill("#scenario-rename", "  Final plan ");
  await page.press("#scenario-rename", "Enter");
  await page.waitForSelector('.scenario-name:text-is("Final plan")');
  await page.waitForSelector("#scenario-message:text-is('Renamed “Draft” to “Final plan”.')");
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Rename “Final plan”");
  await page.locator(".scenario", { hasText: "Other" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForSelector("#undo-delete");
  await page.locator(".scenario", { hasText: "Final plan" }).locator("button", { hasText: "Duplicate" }).click();
  await page.waitForSelector('.scenario-name:text-is("Final plan (copy)")');
  // Each row's buttons say which scenario they act on.
  assert.equal(
    await page.locator(".scenario", { hasText: "Final plan (copy)" }).locator("button", { hasText: "Delete" }).getAttribute("aria-label"),
    "Delete “Final plan (copy)”",
  );
  await page.locator(".scenario", { hasText: "Final plan (copy)" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForSelector("#undo-delete");
  assert.deepEqual(await names(page), ["Final plan"]);
  // The focus goes to Undo (not to another row's Delete), and back to the scenario after it.
  await page.waitForFunction(() => document.activeElement?.id === "undo-delete-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector('.scenario-name:text-is("Final plan (copy)")');
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Open “Final plan (copy)”");
  await page.reload();
  await waitForApp(page);
  assert.deepEqual((await names(page)).sort(), ["Final plan", "Final plan (copy)"]);

  // The Undo outlives a visit to another tab.
  await page.locator(".scenario", { hasText: "Final plan (copy)" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForSelector("#undo-delete");
  await page.click("#tab-budget");
  await page.waitForSelector("#slo-target");
  await page.click("#tab-scenarios");
  await page.click("#undo-delete-button");
  await page.waitForSelector('.scenario-name:text-is("Final plan (copy)")');
  assert.equal(await page.$("#undo-delete"), null);

  // No timer takes the Undo away (it went after 30 seconds, the scenario gone for good): it
  // stays until the next deletion replaces it.
  await page.clock.install();
  await page.locator(".scenario", { hasText: "Final plan (copy)" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForSelector("#undo-delete");
  await page.clock.runFor(10 * 60_000);
  assert.equal(await page.textContent("#undo-delete"), "“Final plan (copy)” was deleted. Undo");
  await page.locator(".scenario", { hasText: "Final plan" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForFunction(() => /^“Final plan” was deleted/.test(document.querySelector("#undo-delete")?.textContent));
  await page.click("#undo-delete-button");
  await page.waitForSelector('.scenario-name:text-is("Final plan")');
  assert.deepEqual(await names(page), ["Final plan"]);

  // A name saved again since the deletion is not repeated (the list read "Final plan" twice):
  // the deleted one comes back under a free name, and says so.
  await page.locator(".scenario", { hasText: "Final plan" }).locator("button", { hasText: "Delete" }).click();
  await page.waitForSelector("#undo-delete");
  await saveAs(page, "Final plan");
  await page.click("#undo-delete-button");
  await page.waitForSelector('.scenario-name:text-is("Final plan (2)")');
  assert.deepEqual((await names(page)).sort(), ["Final plan", "Final plan (2)"]);
  assert.equal(
    await page.textContent("#scenario-message"),
    "Brought back “Final plan” as “Final plan (2)”, as a scenario named “Final plan” was saved since.",
  );
  await context.close();
});

test("compare two scenarios side by side", async () => {
  const { context, page } = await openApp(browser, server.url);
  await setTarget(page, "99.9");
  await saveAs(page, "Three nines");
  await setTarget(page, "99.95");
  await saveAs(page, "Three and a half");
  const ids = await page.$$eval("#compare-a option", (os) => os.map((o) => [o.value, o.textContent]));
  const id = (name) => ids.find(([, text]) => text === name)[0];
  await page.selectOption("#compare-a", id("Three nines"));
  await page.selectOption("#compare-b", id("Three and a half"));
  const rows = await page.$$eval("#comparison tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)),
  );
  assert.deepEqual(rows[0], ["SLO target", "99.9%", "99.95%", "+0.05 points"]);
  assert.deepEqual(rows[2], ["Allowed downtime", "43m 12s", "21m 36s", "−21m 36s"]);
  // On a phone (375 px, and 320 px) the comparison, differences included, fits without scrolling
  // sideways, and its cells wrap between words only: "no series imported" was cut as
  // "import/ed", and a figure of ten characters or more broke inside itself.
  // (The column headings are out of sight where the rows are cards, each value labelled instead.)
  const brokenWords = () =>
    page.$$eval("#comparison tbody th, #comparison tbody td", (cells) =>
      cells.flatMap((cell) => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const split = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = [...range.getClientRects()].filter((r) => r.width > 0).length;
            if (lines > 1) split.push(word[0]);
          }
        }
        return split;
      }),
    );
  const fitsAt = async (width) => {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForFunction((w) => document.documentElement.scrollWidth <= w, width);
    const overflow = await page.$eval("#comparison", (t) => t.parentElement.scrollWidth - t.parentElement.clientWidth);
    assert.equal(overflow, 0, `the comparison does not scroll sideways at ${width} px`);
    assert.deepEqual(await brokenWords(), [], `no word is broken across lines at ${width} px`);
  };
  await fitsAt(375);
  await fitsAt(320);
  assert.ok(
    (await page.$$eval("#comparison td", (tds) => tds.map((td) => td.textContent))).includes("no series imported"),
  );
  // Each value is labelled with its scenario's name where the rows are cards.
  assert.equal(
    await page.$eval("#comparison tbody tr:first-child td", (td) => getComputedStyle(td, "::before").content),
    '"Three nines: "',
  );
  // A target with six decimals, the longest figure a comparison shows, stays whole too.
  await page.setViewportSize({ width: 1280, height: 900 });
  await setTarget(page, "99.123456");
  await saveAs(page, "Six decimals");
  // The picks outlived the visit to the Budget tab and the list drawn again with a third name.
  assert.deepEqual(
    [await page.inputValue("#compare-a"), await page.inputValue("#compare-b")],
    [id("Three nines"), id("Three and a half")],
  );
  assert.equal(await page.$$eval("#comparison tbody tr", (trs) => trs.length), rows.length);
  const withSix = await page.$$eval("#compare-b option", (os) => os.map((o) => [o.value, o.textContent]));
  await page.selectOption("#compare-b", withSix.find(([, text]) => text === "Six decimals")[0]);
  await page.waitForSelector('#comparison td:text-is("99.123456%")');
  await fitsAt(375);
  await fitsAt(320);
  await page.selectOption("#compare-b", id("Three and a half"));
  await page.waitForSelector('#comparison td:text-is("99.95%")');
  await page.setViewportSize({ width: 1280, height: 900 });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("#scenarios-download-summary"),
  ]);
  const md = await readFile(await download.path(), "utf8");
  assert.match(md, /^## Scenarios compared: Three nines and Three and a half/);
  assert.match(md, /\| SLO target \| 99\.9% \| 99\.95% \| \+0\.05 points \|/);
  assert.match(md, /\| Allowed downtime \| 43m 12s \| 21m 36s \| −21m 36s \|/);
  await context.close();
});

test("export all, then import into another browser profile, with a name clash", async () => {
  const first = await openApp(browser, server.url);
  await setTarget(first.page, "99.5");
  await saveAs(first.page, "Exported one");
  const [download] = await Promise.all([
    first.page.waitForEvent("download"),
    first.page.click("#export-all"),
  ]);
  const text = readFileSync(await download.path(), "utf8");
  const file = JSON.parse(text);
  assert.equal(file.format, "headroom-scenarios");
  assert.equal(file.version, 1);
  assert.equal(file.scenarios[0].inputs.budget.target_percent, "99.5");
  await first.context.close();

  const dir = mkdtempSync(join(tmpdir(), "headroom-"));
  const path = join(dir, "scenarios.json");
  writeFileSync(path, text);
  const second = await openApp(browser, scenariosUrl());
  await second.page.setInputFiles("#import-file", path);
  await second.page.waitForSelector('.scenario-name:text-is("Exported one")');
  await second.page.setInputFiles("#import-file", path);
  await second.page.waitForSelector("#import-clashes");
  assert.match(await second.page.textContent("#import-clashes"), /^scenarios\.json has scenarios whose names are taken: “Exported one”\./);
  // Cancel says the import was cancelled (it said nothing at all), and changes nothing.
  await second.page.click("#clash-cancel");
  await second.page.waitForFunction(() => /^Import cancelled/.test(document.querySelector("#scenario-message")?.textContent));
  assert.equal(await second.page.textContent("#scenario-message"), "Import cancelled: your scenarios are unchanged.");
  assert.deepEqual(await names(second.page), ["Exported one"]);
  await second.page.setInputFiles("#import-file", path);
  await second.page.waitForSelector("#import-clashes");
  await second.page.click("#clash-keep");
  await second.page.waitForSelector('.scenario-name:text-is("Exported one (2)")');
  await second.context.close();
});

test("a scenario holding a text longer than a file may hold is neither exported nor shared, and says which", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/toil`);
  const name = "n".repeat(2001);
  // Filled at once (typing 2001 keys is slow); the field saves it as typed.
  await page.fill("#toil-tasks tbody tr:nth-child(1) .task-name", name);
  // The field says the name is too long for a task (it is kept as typed all the same).
  assert.equal(await page.textContent("#toil-tasks tbody tr:nth-child(1) .cell-error"), "Too long: at most 200 characters");
  await saveAs(page, "Long name");
  let downloaded = false;
  page.on("download", () => {
    downloaded = true;
  });
  const refused = (scenario) =>
    `Headroom could not open it again (“${scenario}”, Toil tab, task 1, name: text longer than ` +
    "2000 characters). Shorten or remove what is named, then try again.";
  await page.click("#export-all");
  await page.waitForFunction(() => /^Not exported:/.test(document.querySelector("#scenario-message")?.textContent));
  assert.equal(await page.textContent("#scenario-message"), `Not exported: ${refused("Long name")}`);
  await page.click("#share-current");
  await page.waitForFunction(() => /^Not shared:/.test(document.querySelector("#scenario-message")?.textContent));
  // Refused before its size is weighed: a file would not hold it either.
  assert.equal(await page.textContent("#scenario-message"), `Not shared: ${refused("Long name")}`);
  assert.equal(await page.locator("#share-link").count(), 0);
  assert.equal(downloaded, false);
  // On a phone the message wraps instead of widening the page.
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "the page scrolls sideways");
  await page.setViewportSize({ width: 1280, height: 900 });
  // Shortened to the limit, it is shared.
  await page.click("#tab-toil");
  await page.fill("#toil-tasks tbody tr:nth-child(1) .task-name", name.slice(0, 2000));
  await page.click("#tab-scenarios");
  await page.click("#share-current");
  await page.waitForSelector("#share-link");
  assert.doesNotMatch(await page.textContent("#scenario-message"), /^Not shared/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an invalid import file applies nothing and says what is wrong where", async () => {
  const { context, page } = await openApp(browser, scenariosUrl());
  await saveAs(page, "Mine");
  const dir = mkdtempSync(join(tmpdir(), "headroom-"));
  const bad = {
    format: "headroom-scenarios",
    version: 1,
    scenarios: [
      { id: "a", name: "Good", created_ms: 1, updated_ms: 2, inputs: {} },
      { id: "b", name: 42, created_ms: 1, updated_ms: 2, inputs: {} },
    ],
  };
  const path = join(dir, "bad.json");
  writeFileSync(path, JSON.stringify(bad));
  await page.setInputFiles("#import-file", path);
  await page.waitForSelector("#import-problems");
  assert.match(await page.textContent("#import-problems"), /scenarios\[1\]\.name: is the number 42, but must be text in double quotes/);
  assert.match(await page.textContent("#scenario-message"), /Nothing was imported/);
  assert.deepEqual(await names(page), ["Mine"]);

  writeFileSync(path, JSON.stringify({ ...bad, version: 9 }));
  await page.setInputFiles("#import-file", path);
  await page.waitForFunction(() => /newer/.test(document.querySelector("#import-problems")?.textContent));
  writeFileSync(path, "{not json");
  await page.setInputFiles("#import-file", path);
  await page.waitForFunction(() => /not valid JSON/.test(document.querySelector("#import-problems")?.textContent));
  // A file saved as UTF-16 without a byte order mark is named, not called invalid JSON.
  writeFileSync(path, Buffer.from(JSON.stringify(bad), "utf16le"));
  await page.setInputFiles("#import-file", path);
  await page.waitForFunction(() => /UTF-16 text/.test(document.querySelector("#scenario-message")?.textContent));
  assert.match(await page.textContent("#scenario-message"), /^Nothing was imported from bad\.json: This file is UTF-16 text.*save it as UTF-8/);
  assert.deepEqual(await names(page), ["Mine"]);
  // A valid file with no scenarios is not an import of nothing reported as done.
  writeFileSync(path, JSON.stringify({ ...bad, scenarios: [] }));
  await page.setInputFiles("#import-file", path);
  await page.waitForFunction(() => /no scenarios in it/.test(document.querySelector("#scenario-message")?.textContent));
  assert.equal(
    await page.textContent("#scenario-message"),
    "Nothing was imported: bad.json is a scenario file with no scenarios in it.",
  );
  await context.close();
});

/** The share link another browser profile makes of a workspace with the SLO target `target`. */
async function linkWithTarget(target) {
  const sender = await openApp(browser, server.url);
  await setTarget(sender.page, target);
  await sender.page.click("#tab-scenarios");
  await sender.page.click("#share-current");
  await sender.page.waitForSelector("#share-link");
  const link = await sender.page.inputValue("#share-link");
  await sender.context.close();
  return link;
}

test("a share link opens the scenario as a preview and never overwrites the user's data", async () => {
  const link = await linkWithTarget("99.97");
  assert.match(link, /#\/scenarios\?link=[A-Za-z0-9_-]+$/);

  const receiver = await openApp(browser, server.url);
  await setTarget(receiver.page, "90");
  await followLink(receiver.page, link);
  await receiver.page.waitForSelector("#link-banner");
  assert.equal(await receiver.page.inputValue("#slo-target"), "99.97");
  assert.ok(receiver.page.url().endsWith("#/budget"), receiver.page.url());
  await receiver.page.fill("#slo-target", "99.98");
  const own = await receiver.page.evaluate(() => JSON.parse(localStorage.getItem("headroom.budget")));
  assert.equal(own.value.target_percent, "90", "the user's own inputs are untouched");
  // A reload on another tab shows the preview again, on that tab, and says its changes went
  // (it showed the user's own work, with no word of the preview).
  await receiver.page.click("#tab-alerts");
  await receiver.page.waitForSelector("#alerts-table");
  await receiver.page.reload();
  await waitForApp(receiver.page);
  await receiver.page.waitForSelector("#link-banner");
  assert.ok(receiver.page.url().endsWith("#/alerts"), receiver.page.url());
  assert.equal(
    await receiver.page.textContent("#link-reopened"),
    "Shown again from its link after the page was reloaded: changes made in the preview before the reload are not kept.",
  );
  await receiver.page.click("#tab-budget");
  assert.equal(await receiver.page.inputValue("#slo-target"), "99.97");
  await receiver.page.fill("#slo-target", "99.98");

  // With the Scenarios tab already open in the preview, the copy saved from the banner joins
  // its list, and both the banner and the tab say where it is and what the page still shows.
  await receiver.page.click("#tab-scenarios");
  await receiver.page.waitForSelector("#scenario-name");
  // Save as is not offered in the preview, by its button or by Enter in the name.
  await receiver.page.fill("#scenario-name", "From the preview");
  await receiver.page.press("#scenario-name", "Enter");
  await receiver.page.waitForTimeout(300);
  assert.equal(await receiver.page.locator('.scenario-name:text-is("From the preview")').count(), 0);
  await receiver.page.fill("#scenario-name", "");
  await receiver.page.click("#link-save-copy");
  await receiver.page.waitForSelector("#link-saved");
  assert.match(
    await receiver.page.textContent("#link-saved"),
    /^Saved as “Shared scenario” in your scenarios\. This is still the link's preview: Back to my own work returns to your inputs/,
  );
  await receiver.page.waitForSelector('.scenario-name:text-is("Shared scenario")');
  // After a reload the banner still says where the copy is (a second copy was made unknowingly).
  await receiver.page.reload();
  await waitForApp(receiver.page);
  await receiver.page.waitForSelector("#link-saved");
  assert.match(await receiver.page.textContent("#link-saved"), /^Saved as “Shared scenario” in your scenarios\./);
  assert.match(
    await receiver.page.textContent("#workspace-status"),
    /^Showing “Shared scenario” from a link, a preview; a copy is saved as “Shared scenario” in the list below\./,
  );
  await receiver.page.click("#link-leave");
  await receiver.page.waitForSelector("#window-downtime");
  assert.equal(await receiver.page.inputValue("#slo-target"), "90");
  // Left, the preview is not shown again by a reload.
  await receiver.page.reload();
  await waitForApp(receiver.page);
  assert.equal(await receiver.page.locator("#link-banner").count(), 0);
  assert.equal(await receiver.page.inputValue("#slo-target"), "90");
  await receiver.page.click("#tab-scenarios");
  // The tab's code is loaded lazily: wait for its view rather than read the list at once.
  await receiver.page.waitForSelector("#scenario-name");
  assert.deepEqual(await names(receiver.page), ["Shared scenario"]);
  assert.deepEqual(receiver.problems, []);
  await receiver.context.close();
});

test("a previewed link that cannot be shown again after a reload is named as that, not as a link in the address", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // What a reload finds in the tab's sessionStorage (here planted, and damaged).
  await page.addInitScript(() => sessionStorage.setItem("headroom.preview-link", "garbage!!"));
  await page.goto(server.url);
  await waitForApp(page);
  await page.waitForFunction(() => /could not be opened/.test(document.querySelector(".notices")?.textContent));
  assert.match(
    await page.textContent(".notices"),
    /The share link this browser tab was previewing could not be opened: the link is damaged \(not base64url\)\. Your own work is shown instead\./,
  );
  assert.equal(await page.locator("#link-banner").count(), 0);
  assert.equal(await page.evaluate(() => sessionStorage.getItem("headroom.preview-link")), null, "forgotten");
  await context.close();
});

test("a share link followed from a page already open opens as a preview", async () => {
  const link = await linkWithTarget("95");

  const { context, page, problems } = await openApp(browser, `${server.url}#/toil`);
  await page.waitForSelector("#toil-total-hours");
  // Only the fragment changes: the browser does not load the page again, the page does.
  await Promise.all([
    page.waitForEvent("load"),
    page.evaluate((href) => {
      window.location.href = href;
    }, link),
  ]);
  await page.waitForSelector("#link-banner", { timeout: 15_000 });
  assert.equal(await page.inputValue("#slo-target"), "95");
  const own = await page.evaluate(() => localStorage.getItem("headroom.budget"));
  assert.ok(own === null || JSON.parse(own).value.target_percent !== "95", "the user's own inputs are untouched");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a direction control in a scenario's name cannot reverse the page's sentences", async () => {
  // U+202E (right-to-left override) in a name: the list shows it as the Compare pickers do and
  // the sentences that quote it, the control as <U+202E> (it showed the name reversed).
  const { context, page, problems } = await openApp(browser, scenariosUrl());
  const name = "plan \u202Enaps";
  await saveAs(page, name);
  assert.equal(await page.textContent("#scenario-message"), "Saved “plan <U+202E>naps”.");
  const row = page.locator(".scenario").first();
  assert.equal(await row.locator(".scenario-name").textContent(), "plan <U+202E>naps");
  assert.equal(await row.locator("button", { hasText: "Open" }).getAttribute("aria-label"), "Open “plan <U+202E>naps”");
  await row.locator("button", { hasText: "Delete" }).click();
  assert.equal(await page.textContent("#undo-delete"), "“plan <U+202E>naps” was deleted. Undo");
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile share links run nothing and get a clear message", async () => {
  // A valid link whose texts are markup and script.
  const maker = await openApp(browser, server.url);
  await maker.page.fill("#slo-target", "<img src=x onerror=alert(1)>");
  await maker.page.click("#tab-scenarios");
  await maker.page.fill("#scenario-name", "<script>alert('name')</script>");
  await maker.page.click("#save-as");
  const row = maker.page.locator(".scenario").first();
  await row.locator("button", { hasText: "Copy link" }).click();
  await maker.page.waitForSelector("#share-link");
  const hostile = await maker.page.inputValue("#share-link");
  await maker.context.close();

  const payloads = [
    hostile,
    `${server.url}#/scenarios?link=`,
    `${server.url}#/scenarios?link=%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
    `${server.url}#/scenarios?link=${"A".repeat(70000)}`,
    `${server.url}#/scenarios?link=${hostile.split("link=")[1].slice(0, 40)}`,
  ];
  for (const [i, url] of payloads.entries()) {
    const { context, page, problems } = await openApp(browser, server.url);
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      dialog.dismiss();
    });
    await followLink(page, url);
    assert.equal(await page.$$eval("img[src=x], body script:not([src])", (els) => els.length), 0);
    if (i === 0) {
      assert.equal(await page.textContent("#link-scenario-name"), "<script>alert('name')</script>");
      assert.equal(await page.inputValue("#slo-target"), "<img src=x onerror=alert(1)>");
      assert.match(await page.textContent("#slo-target-error"), /Not a number/);
    } else {
      assert.match(await page.textContent(".notices"), /share link could not be opened/);
    }
    assert.equal(dialogs, 0, `no script ran for link ${i}`);
    assert.deepEqual(problems, [], `link ${i}`);
    await context.close();
  }
});

test("a share link holding several scenarios shows the first and says so", async () => {
  // Headroom makes links of one scenario; this one is made by hand: raw deflate, base64url.
  const file = {
    format: "headroom-scenarios",
    version: 1,
    scenarios: [
      { id: "a", name: "First plan", created_ms: 1, updated_ms: 2, inputs: { budget: { target_percent: "99.5" } } },
      { id: "b", name: "Second plan", created_ms: 1, updated_ms: 2, inputs: {} },
    ],
  };
  const payload = deflateRawSync(Buffer.from(JSON.stringify(file))).toString("base64url");
  const { context, page, problems } = await openApp(browser, server.url);
  await followLink(page, `${server.url}#/scenarios?link=${payload}`);
  assert.equal(await page.textContent("#link-scenario-name"), "First plan");
  assert.match(await page.textContent(".notices"), /This share link holds 2 scenarios; the first, “First plan”, is shown\./);
  await page.click("#tab-budget");
  assert.equal(await page.inputValue("#slo-target"), "99.5");
  assert.deepEqual(problems, []);
  await context.close();
});

test("two windows: a change in one shows in the other, and a stale save asks", async () => {
  const context = await browser.newContext();
  const one = await context.newPage();
  const two = await context.newPage();
  await one.goto(server.url);
  await waitForApp(one);
  await saveAs(one, "Shared plan");
  await two.goto(scenariosUrl());
  await waitForApp(two);
  await one.click("#tab-budget");
  await one.fill("#slo-target", "99.8");
  await two.click("#tab-budget");
  await two.waitForFunction(() => document.querySelector("#slo-target")?.value === "99.8");
  // Window one saves its change to the scenario; window two, which loaded the older version,
  // then tries to save too.
  await one.click("#tab-scenarios");
  await one.click("#save-current");
  await one.waitForFunction(() => /Saved/.test(document.querySelector("#scenario-message")?.textContent));
  await two.click("#tab-scenarios");
  await two.click("#tab-budget");
  await two.fill("#slo-target", "99.7");
  await two.click("#tab-scenarios");
  let asked = "";
  two.once("dialog", (dialog) => {
    asked = dialog.message();
    dialog.dismiss();
  });
  await two.click("#save-current");
  assert.match(asked, /changed in another window/);
  assert.match(await two.textContent("#scenario-message"), /other window's version is kept/);
  await context.close();
});

test("storage already full when the page starts: saved work still loads, and the page says why", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await setTarget(page, "99.97");
  await saveAs(page, "Before full");
  await page.waitForFunction(() => localStorage.getItem("headroom.budget")?.includes("99.97"));
  await fillStorage(page);
  await page.reload();
  await waitForApp(page);
  assert.match(await page.textContent(".notices"), /Browser storage is full\. Your saved work is loaded/);
  assert.doesNotMatch(await page.textContent(".notices"), /unavailable/);
  await page.click("#tab-budget");
  assert.equal(await page.inputValue("#slo-target"), "99.97");
  await page.click("#tab-scenarios");
  await page.waitForSelector('#scenario-list .scenario-name:text-is("Before full")');
  assert.deepEqual(await names(page), ["Before full"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("full storage: saving says so and the previous copy stays intact", async () => {
  const { context, page } = await openApp(browser, server.url);
  await saveAs(page, "Kept");
  await fillStorage(page);
  // A change that makes the scenario larger than the space left.
  await setTarget(page, "99.1");
  await page.fill("#observed-bad", "1".repeat(500));
  await page.click("#tab-scenarios");
  await page.click("#save-current");
  assert.match(await page.textContent("#scenario-message"), /Not saved: the browser refused/);
  assert.match(await page.textContent("#workspace-status"), /unsaved changes/);
  const stored = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("headroom.scenario."))
      .map((k) => JSON.parse(localStorage.getItem(k)).value.inputs.budget.target_percent),
  );
  assert.deepEqual(stored, ["99.9"]);
  await context.close();
});

test("a file that names a scenario twice imports both, under distinct names, and counts true", async () => {
  const { context, page, problems } = await openApp(browser, scenariosUrl());
  await saveAs(page, "base");
  const scenario = (id, name, target) => ({
    id,
    name,
    created_ms: 1,
    updated_ms: 2,
    inputs: { budget: { target_percent: target } },
  });
  const file = {
    format: "headroom-scenarios",
    version: 1,
    scenarios: [scenario("f1", "base", "99.5"), scenario("f2", "base", "99.9"), scenario("f3", "other", "99")],
  };
  const dir = mkdtempSync(join(tmpdir(), "headroom-"));
  const path = join(dir, "scen_clash.json");
  writeFileSync(path, JSON.stringify(file));
  await page.setInputFiles("#import-file", path);
  await page.waitForSelector("#import-clashes");
  // It read “base”, “base”; Replace mine then left 2 of the 3 while saying 3 were imported.
  assert.match(await page.textContent("#import-clashes"), /^scen_clash\.json has scenarios whose names are taken: “base”\./);
  await page.click("#clash-replace");
  await page.waitForFunction(() => /Imported 3 scenarios/.test(document.querySelector("#scenario-message")?.textContent));
  assert.equal(
    await page.textContent("#scenario-message"),
    "Imported 3 scenarios from scen_clash.json, 1 of them in place of yours. The file names more than one scenario “base”: the later one is imported as “base (2)”.",
  );
  const names = await page.$$eval("#scenario-list .scenario-name", (els) => els.map((e) => e.textContent).sort());
  assert.deepEqual(names, ["base", "base (2)", "other"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a share link with one character changed is refused as damaged, not opened with other data", async () => {
  const link = await linkWithTarget("99.97");
  const [head, payload] = link.split("link=");
  const at = Math.floor(payload.length / 2);
  const changed = payload.slice(0, at) + (payload[at] === "A" ? "B" : "A") + payload.slice(at + 1);
  const { context, page, problems } = await openApp(browser, server.url);
  await followLink(page, `${head}link=${changed}`);
  await page.waitForFunction(() => /share link could not be opened/.test(document.querySelector(".notices")?.textContent));
  assert.match(await page.textContent(".notices"), /the link is damaged \(it was changed after it was made\)/);
  assert.equal(await page.$("#link-banner"), null);
  await page.click("#tab-budget");
  assert.equal(await page.inputValue("#slo-target"), "99.9", "the user's own work is shown");
  // The link as made opens, its parameter in capitals too; "?link" with nothing is said to be empty.
  await followLink(page, `${head.replace("#/scenarios?", "#/SCENARIOS?")}LINK=${payload}`);
  await page.waitForSelector("#link-banner");
  assert.equal(await page.inputValue("#slo-target"), "99.97");
  const empty = await openApp(browser, server.url);
  await followLink(empty.page, `${server.url}#/scenarios?link`);
  await empty.page.waitForFunction(() => /share link could not be opened/.test(document.querySelector(".notices")?.textContent));
  assert.match(await empty.page.textContent(".notices"), /the link holds no scenario/);
  assert.deepEqual(problems, []);
  assert.deepEqual(empty.problems, []);
  await empty.context.close();
  await context.close();
});
