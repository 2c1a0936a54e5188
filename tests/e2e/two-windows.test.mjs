// Two windows of one browser editing the same tab at once: another window's write takes only
// what that window changed, so what is being typed here is neither undone nor moved elsewhere.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, startServer, waitForApp } from "./support.mjs";

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

/** Two windows of one context (so one localStorage), both open at `hash`. */
async function twoWindows(hash) {
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < 2; i++) {
    const page = await context.newPage();
    await page.goto(`${server.url}${hash}`);
    await waitForApp(page);
    pages.push(page);
  }
  return { context, pages };
}

/** Waits until every page's value of `selector` is `value`. */
async function settle(pages, selector, value) {
  for (const page of pages) {
    await page.waitForFunction(([s, v]) => document.querySelector(s)?.value === v, [selector, value], {
      timeout: 5000,
    });
  }
}

test("the same field typed in two windows ends with the later edit in both", async () => {
  const { context, pages } = await twoWindows("#/budget");
  const [one, two] = pages;
  await one.fill("#slo-target", "99.95");
  await one.waitForTimeout(100);
  // Typed after window one's edit, and written after it.
  await two.fill("#slo-target", "99.5");
  await one.waitForTimeout(1000);
  await settle(pages, "#slo-target", "99.5");
  await context.close();
});

test("Toil: another window's change keeps the task name being typed, and its focus", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const row = (n) => `#toil-tasks tbody tr:nth-child(${n})`;
  await two.fill(`${row(2)} .task-name`, "");
  await two.waitForTimeout(500);
  const typing = two.type(`${row(2)} .task-name`, "Rotate the database passwords", { delay: 60 });
  await one.waitForTimeout(600);
  // Window one changes other fields while window two types.
  await one.fill("#toil-engineers", "9");
  await one.fill("#toil-hourly-cost", "120");
  await typing;
  await settle(pages, `${row(2)} .task-name`, "Rotate the database passwords");
  await settle(pages, "#toil-engineers", "9");
  await settle(pages, "#toil-hourly-cost", "120");
  assert.match(await two.evaluate(() => document.activeElement?.className), /task-name/);
  await context.close();
});

test("Toil: a row moved in one window while another types in it is never joined to another row", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const rows = (page) =>
    page.$$eval("#toil-tasks tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("input, select")].slice(0, 4).map((i) => i.value).join("/")),
    );
  const before = await rows(one);
  await two.click("#toil-tasks tbody tr:nth-child(1) .task-name");
  await two.press("#toil-tasks tbody tr:nth-child(1) .task-name", "End");
  const typing = two.keyboard.type(" EDITED", { delay: 40 });
  await one.waitForTimeout(100);
  await one.click("#toil-tasks tbody tr:nth-child(1) .task-down");
  await typing;
  await one.waitForTimeout(2000);
  const [a, b] = [await rows(one), await rows(two)];
  assert.deepEqual(a, b, "both windows agree");
  // Every row is one of the rows before, whole, except the edited name of the first.
  const [first, ...rest] = before;
  const edited = first.replace(/^([^/]*)/, "$1 EDITED");
  assert.deepEqual([...a].sort(), [edited, ...rest].sort());
  await context.close();
});

test("Toil: two windows typing in different rows at once keep both rows' edits", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const name = (n) => `#toil-tasks tbody tr:nth-child(${n}) .task-name`;
  const [first, second] = [await one.inputValue(name(1)), await one.inputValue(name(2))];
  await one.click(name(1));
  await one.press(name(1), "End");
  await two.click(name(2));
  await two.press(name(2), "End");
  // Both type at once, each write landing while the other window still has unwritten text.
  await Promise.all([
    one.keyboard.type(" ONE", { delay: 90 }),
    two.keyboard.type(" TWO", { delay: 110 }),
  ]);
  await one.waitForTimeout(1500);
  await settle(pages, name(1), `${first} ONE`);
  await settle(pages, name(2), `${second} TWO`);
  await context.close();
});

test("Toil: a name typed in one window and a number and a choice in the same row in another are all kept", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const row = "#toil-tasks tbody tr:nth-child(2)";
  const retype = async (page, selector, text, delay) => {
    await page.click(selector, { clickCount: 3 });
    await page.keyboard.press("Control+a");
    await page.keyboard.type(text, { delay });
  };
  await Promise.all([
    retype(one, `${row} .task-name`, "Renew certs by hand", 60),
    (async () => {
      await two.waitForTimeout(50);
      await retype(two, `${row} .task-minutes`, "45", 60);
      // Picked before window two's write: the minutes and the choice go out in one write.
      await two.selectOption(`${row} .task-per`, "week");
    })(),
  ]);
  await one.waitForTimeout(2000);
  for (const page of pages) {
    assert.equal(await page.inputValue(`${row} .task-name`), "Renew certs by hand");
    assert.equal(await page.inputValue(`${row} .task-minutes`), "45");
    assert.equal(await page.inputValue(`${row} .task-per`), "week");
  }
  await context.close();
});

test("Toil: a row put back by Undo while another window types in the row after it is never joined to it", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const rows = (page) =>
    page.$$eval("#toil-tasks tbody tr", (trs) =>
      trs.map((tr) => [...tr.querySelectorAll("input, select")].slice(0, 7).map((i) => i.value).join("/")),
    );
  const before = await rows(one);
  const n = before.length;
  await one.click(`#toil-tasks tbody tr:nth-child(${n - 1}) .task-remove`);
  await two.waitForFunction((count) => document.querySelectorAll("#toil-tasks tbody tr").length === count, n - 1);
  const last = `#toil-tasks tbody tr:nth-child(${n - 1}) .task-name`;
  await two.click(last);
  await two.press(last, "End");
  const typing = two.keyboard.type(" EDITED", { delay: 80 });
  await one.waitForTimeout(150);
  await one.click("#toil-undo-remove");
  await typing;
  await one.waitForTimeout(2500);
  const [a, b] = [await rows(one), await rows(two)];
  assert.deepEqual(a, b, "both windows agree");
  // Each row is a row from before, whole, or the last row with the typed name; none repeats.
  const edited = before[n - 1].replace(/^([^/]*)/, "$1 EDITED");
  for (const row of a) assert.ok(before.includes(row) || row === edited, `unexpected row ${row}`);
  assert.equal(new Set(a).size, a.length, "no row repeats");
  await context.close();
});

test("Incidents: an incident declared in one window leaves the other's edit and choice alone", async () => {
  const { context, pages } = await twoWindows("#/incidents");
  const [one, two] = pages;
  await one.click("#incidents-declare");
  await one.waitForFunction(() => document.activeElement?.id === "incidents-title");
  await one.keyboard.type("first");
  await two.waitForFunction(() => document.querySelector("#incidents-title")?.value === "first", null, {
    timeout: 5000,
  });
  await two.press("#incidents-title", "End");
  const typing = two.keyboard.type(" failover", { delay: 80 });
  await one.waitForTimeout(300);
  await one.click("#incidents-declare");
  await one.waitForFunction(() => document.activeElement?.id === "incidents-title");
  await one.keyboard.type("second");
  await typing;
  await two.waitForTimeout(1500);
  // Window two still shows and edits the first incident; window one shows the second.
  assert.equal(await two.inputValue("#incidents-title"), "first failover");
  assert.equal(await one.inputValue("#incidents-title"), "second");
  const titles = (page) =>
    page.evaluate(() =>
      JSON.parse(localStorage.getItem("headroom.incidents")).value.incidents.map((i) => i.title),
    );
  assert.deepEqual((await titles(one)).sort(), ["first failover", "second"]);
  await context.close();
});

test("Incidents: an incident deleted in one window leaves the other showing the one it chose", async () => {
  const { context, pages } = await twoWindows("#/incidents");
  const [one, two] = pages;
  for (const title of ["one", "two", "three"]) {
    await one.click("#incidents-declare");
    await one.waitForFunction(() => document.activeElement?.id === "incidents-title");
    await one.keyboard.type(title);
    // Declared a second apart, so each gets its own start.
    await one.waitForTimeout(1100);
  }
  await two.waitForFunction(() => document.querySelectorAll("#incidents-list tbody tr").length === 3, null, {
    timeout: 5000,
  });
  await two.click("#incidents-list tbody tr:has-text('two') .incident-open");
  assert.equal(await two.inputValue("#incidents-title"), "two");
  await one.click("#incidents-list tbody tr:has-text('one') .incident-open");
  one.once("dialog", (dialog) => dialog.accept());
  await one.click("#incidents-delete");
  await two.waitForFunction(() => document.querySelectorAll("#incidents-list tbody tr").length === 2, null, {
    timeout: 5000,
  });
  assert.equal(await two.inputValue("#incidents-title"), "two");
  await context.close();
});

test("a value another window wrote that cannot be read is reported here too", async () => {
  const { context, pages } = await twoWindows("#/budget");
  const [one, two] = pages;
  await one.evaluate(() => localStorage.setItem("headroom.budget", "{oops"));
  await two.waitForFunction(() => /could not be read|not in Headroom's format/.test(document.querySelector(".notices")?.textContent), null, {
    timeout: 5000,
  });
  const backups = await two.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("headroom.backup.budget")));
  assert.equal(backups.length, 1);
  await context.close();
});
