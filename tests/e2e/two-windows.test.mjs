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

/**
 * Two windows of one context (so one localStorage), both open at `hash`. With `keepable`, a
 * window drops the storage events it gets while its `window.__kept` is true, as a page kept in
 * the back-forward cache gets none (Playwright's Chromium runs with that cache off); the
 * listener is registered before the page's own.
 */
async function twoWindows(hash, { keepable = false } = {}) {
  const context = await browser.newContext();
  if (keepable) {
    await context.addInitScript(() => {
      window.addEventListener("storage", (event) => {
        if (window.__kept && event.isTrusted) event.stopImmediatePropagation();
      });
    });
  }
  const pages = [];
  for (let i = 0; i < 2; i++) {
    const page = await context.newPage();
    await page.goto(`${server.url}${hash}`);
    await waitForApp(page);
    pages.push(page);
  }
  return { context, pages };
}

/** Each row of `table`'s body as its first `fields` inputs' and choices' values (all by default), joined by "/". */
function rowValues(page, table, fields = 100) {
  return page.$$eval(
    `${table} tbody tr`,
    (trs, fields) =>
      trs.map((tr) => [...tr.querySelectorAll("input, select")].slice(0, fields).map((i) => i.value).join("/")),
    fields,
  );
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

test("Toil: a row moved in one window while another types in it keeps both the move and the typing", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const rows = (page) => rowValues(page, "#toil-tasks", 4);
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
  // The first row moved down, with its name edited; no row joined to another.
  const [first, second, ...rest] = before;
  const edited = first.replace(/^([^/]*)/, "$1 EDITED");
  assert.deepEqual(a, [second, edited, ...rest]);
  await context.close();
});

test("Toil: the row being typed in, moved by another window mid-word, keeps the focus and every keystroke", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const name = (n) => `#toil-tasks tbody tr:nth-child(${n}) .task-name`;
  const [first, second] = [await one.inputValue(name(1)), await one.inputValue(name(2))];
  await two.click(name(2));
  await two.press(name(2), "End");
  const typing = two.keyboard.type(" abcdefghij", { delay: 120 });
  await one.waitForTimeout(400);
  await one.click("#toil-tasks tbody tr:nth-child(2) .task-up");
  await typing;
  await one.waitForTimeout(1500);
  for (const page of pages) {
    assert.equal(await page.inputValue(name(1)), `${second} abcdefghij`);
    assert.equal(await page.inputValue(name(2)), first);
  }
  assert.equal(await two.evaluate(() => document.activeElement?.value), `${second} abcdefghij`);
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

test("Toil: a row put back by Undo while another window types in the row after it comes back whole, and the typing stays", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const rows = (page) => rowValues(page, "#toil-tasks", 7);
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
  // Every row in its place, the row put back whole and the last row with the typed name.
  const edited = before[n - 1].replace(/^([^/]*)/, "$1 EDITED");
  assert.deepEqual(a, [...before.slice(0, n - 1), edited]);
  await context.close();
});

test("Toil: a row removed in one window while another types in a later row: the row goes, the typing stays where it is", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const rows = (page) => rowValues(page, "#toil-tasks", 7);
  const before = await rows(one);
  const last = `#toil-tasks tbody tr:nth-child(${before.length}) .task-name`;
  await two.click(last);
  await two.press(last, "End");
  const typing = two.keyboard.type(" EDITED", { delay: 80 });
  await one.waitForTimeout(150);
  await one.click("#toil-tasks tbody tr:nth-child(1) .task-remove");
  await typing;
  await one.waitForTimeout(2500);
  const [a, b] = [await rows(one), await rows(two)];
  assert.deepEqual(a, b, "both windows agree");
  const edited = before.at(-1).replace(/^([^/]*)/, "$1 EDITED");
  assert.deepEqual(a, [...before.slice(1, -1), edited]);
  // Window two's focus stayed in the field it typed in, which still shows its row.
  assert.match(await two.evaluate(() => document.activeElement?.value), / EDITED$/);
  await context.close();
});

test("Toil: rows added in two windows at once each keep what was typed in them", async () => {
  const { context, pages } = await twoWindows("#/toil");
  const [one, two] = pages;
  const count = await one.$$eval("#toil-tasks tbody tr", (trs) => trs.length);
  const addAndType = async (page, text) => {
    await page.click("#toil-add-task");
    const name = `#toil-tasks tbody tr:nth-child(${count + 1}) .task-name`;
    await page.click(name);
    await page.keyboard.type(text, { delay: 70 });
  };
  await Promise.all([addAndType(one, "Rotate keys"), addAndType(two, "Prune old indices")]);
  await one.waitForTimeout(2500);
  const names = (page) => page.$$eval("#toil-tasks tbody .task-name", (inputs) => inputs.map((i) => i.value));
  const [a, b] = [await names(one), await names(two)];
  assert.deepEqual(a, b, "both windows agree");
  assert.equal(a.length, count + 2);
  assert.deepEqual(a.slice(count).sort(), ["Prune old indices", "Rotate keys"]);
  await context.close();
});

test("Alerts: an alert removed in one window while another types in a later one: both kept", async () => {
  const { context, pages } = await twoWindows("#/alerts");
  const [one, two] = pages;
  const rows = (page) => rowValues(page, "#alerts-table");
  const before = await rows(one);
  const long = "#alerts-table tbody tr:nth-child(3) .alert-long";
  await two.click(long, { clickCount: 3 });
  const typing = two.keyboard.type("36h", { delay: 90 });
  await one.waitForTimeout(100);
  await one.click("#alerts-table tbody tr:nth-child(1) .alert-remove");
  await typing;
  await one.waitForTimeout(2500);
  const [a, b] = [await rows(one), await rows(two)];
  assert.deepEqual(a, b, "both windows agree");
  const [, second, third, ...rest] = before;
  assert.deepEqual(a, [second, third.replace("/1d/", "/36h/"), ...rest]);
  assert.equal(await two.evaluate(() => document.activeElement?.value), "36h");
  await context.close();
});

test("Incidents: an entry deleted in one window while another edits a later entry leaves the editor on that entry", async () => {
  const { context, pages } = await twoWindows("#/incidents");
  const [one, two] = pages;
  await one.click("#incidents-declare");
  await one.waitForFunction(() => document.activeElement?.id === "incidents-title");
  await one.keyboard.type("db failover");
  for (const message of ["noticed", "paged"]) {
    await one.click("#incidents-add-entry");
    await one.waitForFunction(() => document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"));
    await one.keyboard.type(message);
    await one.click("#incidents-timeline tr.editing .entry-done");
  }
  const messages = (page) =>
    page.$$eval("#incidents-timeline .entry-message-text", (cells) => cells.map((c) => c.textContent));
  await two.waitForFunction(
    () => document.querySelectorAll("#incidents-timeline .entry-message-text").length === 2,
    null,
    { timeout: 5000 },
  );
  assert.deepEqual(await messages(two), ["noticed", "paged"]);
  // Window two edits the second entry; window one then deletes the first.
  await two.click("#incidents-timeline tbody tr:nth-child(2) .entry-edit");
  await two.waitForFunction(() => document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"));
  await two.press("#incidents-timeline tr.editing .entry-message", "End");
  await two.keyboard.type(" the on-call", { delay: 40 });
  await one.click("#incidents-timeline tbody tr:nth-child(1) .entry-delete");
  await two.waitForFunction(() => document.querySelectorAll("#incidents-timeline tbody tr").length === 1, null, {
    timeout: 5000,
  });
  // The editor in window two is still on its entry, now the first, with what was typed, and
  // its message field has the focus back: typing goes on there.
  assert.equal(await two.inputValue("#incidents-timeline tr.editing .entry-message"), "paged the on-call");
  await two.waitForFunction(() => document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"));
  await two.keyboard.type(" now");
  assert.equal(await two.inputValue("#incidents-timeline tr.editing .entry-message"), "paged the on-call now");
  await two.click("#incidents-timeline tr.editing .entry-done");
  await one.waitForTimeout(1500);
  assert.deepEqual(await messages(one), ["paged the on-call now"]);
  assert.deepEqual(await messages(two), ["paged the on-call now"]);
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

test("a window shown again from the back-forward cache takes what another window saved meanwhile", async () => {
  // A page kept in the back-forward cache gets no storage events: window one drops them while
  // "kept", then gets the pageshow event (persisted) a restored page gets.
  const { context, pages } = await twoWindows("#/budget", { keepable: true });
  const [one, two] = pages;
  await one.evaluate(() => (window.__kept = true));
  await two.fill("#window-days", "28");
  await two.waitForFunction(() => JSON.parse(localStorage.getItem("headroom.budget")).value.window_days === "28");
  await one.waitForTimeout(500);
  assert.equal(await one.inputValue("#window-days"), "30", "the kept window saw nothing");
  await one.evaluate(() => {
    window.__kept = false;
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
  });
  await settle([one], "#window-days", "28");
  // Its own edit after that is saved with the other window's, not over it (it wrote 30 back).
  await one.fill("#slo-target", "99.95");
  await one.waitForFunction(() => JSON.parse(localStorage.getItem("headroom.budget")).value.target_percent === "99.95");
  const saved = await one.evaluate(() => JSON.parse(localStorage.getItem("headroom.budget")).value);
  assert.deepEqual([saved.target_percent, saved.window_days], ["99.95", "28"]);
  await settle(pages, "#slo-target", "99.95");
  await settle(pages, "#window-days", "28");
  await context.close();
});

test("a window shown again from the back-forward cache lists a scenario another window saved meanwhile", async () => {
  // As above, window one drops the storage events while "kept". The scenario is saved under a
  // key window one never read, so no missed change names it; the list is read again on pageshow.
  const { context, pages } = await twoWindows("#/scenarios", { keepable: true });
  const [one, two] = pages;
  await one.evaluate(() => (window.__kept = true));
  await two.fill("#scenario-name", "saved while kept");
  await two.click("#save-as");
  await two.waitForSelector('#scenario-list .scenario-name:text-is("saved while kept")');
  await one.waitForTimeout(500);
  assert.equal(await one.locator('#scenario-list .scenario-name:text-is("saved while kept")').count(), 0, "the kept window saw nothing");
  await one.evaluate(() => {
    window.__kept = false;
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
  });
  await one.waitForSelector('#scenario-list .scenario-name:text-is("saved while kept")', { timeout: 5000 });
  await context.close();
});

test("Incidents: an incident deleted in another window while an entry of it is written here is kept in a notice, and can be restored", async () => {
  const { context, pages } = await twoWindows("#/incidents");
  const [one, two] = pages;
  const incidents = (page) =>
    page.evaluate(() => JSON.parse(localStorage.getItem("headroom.incidents")).value.incidents);
  for (const ending of ["restore", "dismiss"]) {
    await two.click("#incidents-declare");
    await two.waitForFunction(() => document.activeElement?.id === "incidents-title");
    await two.keyboard.type(`db failover ${ending}`);
    await two.click("#incidents-add-entry");
    await two.fill("#incidents-entry-0-message", "rolled back v2");
    // Saved (autosave) before the other window deletes it.
    await two.waitForFunction(
      () => localStorage.getItem("headroom.incidents")?.includes("rolled back v2"),
      null,
      { timeout: 5000 },
    );
    await two.waitForTimeout(400);
    await one.waitForFunction(
      (t) => [...document.querySelectorAll("#incidents-list tbody tr")].some((tr) => tr.textContent.includes(t)),
      `db failover ${ending}`,
      { timeout: 5000 },
    );
    await one.click(`#incidents-list tbody tr:has-text('db failover ${ending}') .incident-open`);
    one.once("dialog", (dialog) => dialog.accept());
    await one.click("#incidents-delete");
    await two.waitForSelector("#incidents-lost-0-text", { timeout: 5000 });
    const notice = await two.textContent("#incidents-lost-0-text");
    assert.match(notice, /was deleted in another window while you had it open here\. What it held: /);
    assert.ok(notice.includes("“rolled back v2”"), notice);
    assert.equal((await incidents(two)).some((i) => i.title === `db failover ${ending}`), false);
    if (ending === "restore") {
      await two.click("#incidents-lost-0-restore");
      await two.waitForSelector("#incidents-lost-0", { state: "detached" });
      assert.equal(await two.inputValue("#incidents-title"), "db failover restore");
      await two.waitForFunction(
        () => localStorage.getItem("headroom.incidents")?.includes("rolled back v2"),
        null,
        { timeout: 5000 },
      );
      // The other window gets it back too.
      await one.waitForFunction(
        () => [...document.querySelectorAll("#incidents-list tbody tr")].some((tr) => tr.textContent.includes("db failover restore")),
        null,
        { timeout: 5000 },
      );
    } else {
      await two.click("#incidents-lost-0-dismiss");
      await two.waitForSelector("#incidents-lost-0", { state: "detached" });
      assert.equal((await incidents(two)).some((i) => i.title === "db failover dismiss"), false);
    }
  }
  await context.close();
});

test("Incidents: a restored incident whose title was typed here is kept in a notice again if deleted again", async () => {
  // Restored, it no longer counted as typed in here, so a second deletion took it silently.
  const { context, pages } = await twoWindows("#/incidents");
  const [one, two] = pages;
  const deleteIn = async (page, title) => {
    await page.waitForFunction(
      (t) => [...document.querySelectorAll("#incidents-list tbody tr")].some((tr) => tr.textContent.includes(t)),
      title,
      { timeout: 5000 },
    );
    await page.click(`#incidents-list tbody tr:has-text('${title}') .incident-open`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.click("#incidents-delete");
  };
  await two.click("#incidents-declare");
  await two.waitForFunction(() => document.activeElement?.id === "incidents-title");
  await two.keyboard.type("cache purge");
  await two.waitForFunction(() => localStorage.getItem("headroom.incidents")?.includes("cache purge"), null, { timeout: 5000 });
  await two.waitForTimeout(400);
  await deleteIn(one, "cache purge");
  await two.waitForSelector("#incidents-lost-0-text", { timeout: 5000 });
  await two.click("#incidents-lost-0-restore");
  await two.waitForSelector("#incidents-lost-0", { state: "detached" });
  assert.equal(await two.inputValue("#incidents-title"), "cache purge");
  await two.waitForFunction(() => localStorage.getItem("headroom.incidents")?.includes("cache purge"), null, { timeout: 5000 });
  await two.waitForTimeout(400);
  await deleteIn(one, "cache purge");
  await two.waitForSelector("#incidents-lost-0-text", { timeout: 5000 });
  assert.match(await two.textContent("#incidents-lost-0-text"), /“cache purge”/);
  await context.close();
});

test("Incidents: a timeline entry deleted in another window while it is written here is kept in a notice, and can be put back", async () => {
  const { context, pages } = await twoWindows("#/incidents");
  const [one, two] = pages;
  await one.click("#incidents-declare");
  await one.waitForFunction(() => document.activeElement?.id === "incidents-title");
  await one.keyboard.type("cache stampede");
  for (const message of ["paged", "scaled out"]) {
    await one.click("#incidents-add-entry");
    await one.fill("#incidents-timeline tr.editing .entry-message", message);
    await one.click("#incidents-timeline tr.editing .entry-done");
    await one.waitForSelector("#incidents-timeline tr.editing", { state: "detached" });
  }
  const saved = (page, text) =>
    page.waitForFunction((t) => localStorage.getItem("headroom.incidents")?.includes(t), text, { timeout: 5000 });
  const rowTexts = (page) => page.$$eval("#incidents-timeline tbody tr", (trs) => trs.map((tr) => tr.textContent));
  for (const ending of ["put back", "dismiss"]) {
    await two.waitForFunction(() => document.querySelectorAll("#incidents-timeline tbody tr").length === 2, null, {
      timeout: 5000,
    });
    await two.click("#incidents-timeline tbody tr:nth-child(2) .entry-edit");
    await two.waitForFunction(() => document.activeElement?.id === "incidents-entry-1-message");
    await two.keyboard.type(` (${ending})`);
    await saved(two, `scaled out (${ending})`);
    await saved(one, `scaled out (${ending})`);
    await one.waitForFunction(
      (t) => document.querySelector("#incidents-timeline tbody tr:nth-child(2)")?.textContent.includes(t),
      `scaled out (${ending})`,
      { timeout: 5000 },
    );
    await one.click("#incidents-timeline tbody tr:nth-child(2) .entry-delete");
    await two.waitForSelector("#incidents-lost-entry-0-text", { timeout: 5000 });
    const notice = await two.textContent("#incidents-lost-entry-0-text");
    assert.match(notice, /^A timeline entry of incident INC-\d{8}-\d{6} “cache stampede” was deleted in another window while you had it open here\. What it held: /);
    assert.ok(notice.includes(`“scaled out (${ending})”`), notice);
    assert.equal(await two.locator("#incidents-timeline tr.editing").count(), 0);
    if (ending === "put back") {
      await two.click("#incidents-lost-entry-0-restore");
      await two.waitForSelector("#incidents-lost-entry-0", { state: "detached" });
      // Back in its place, its editor open again with the focus in its message.
      await two.waitForFunction(() => document.activeElement?.matches("#incidents-timeline tr.editing .entry-message"));
      assert.equal(await two.inputValue("#incidents-timeline tr.editing .entry-message"), "scaled out (put back)");
      await two.click("#incidents-timeline tr.editing .entry-done");
      await one.waitForFunction(
        () => document.querySelector("#incidents-timeline tbody tr:nth-child(2)")?.textContent.includes("scaled out (put back)"),
        null,
        { timeout: 5000 },
      );
      // Restore the message both runs start from.
      await two.click("#incidents-timeline tbody tr:nth-child(2) .entry-edit");
      await two.fill("#incidents-timeline tr.editing .entry-message", "scaled out");
      await two.click("#incidents-timeline tr.editing .entry-done");
      await saved(one, '"scaled out"');
    } else {
      await two.click("#incidents-lost-entry-0-dismiss");
      await two.waitForSelector("#incidents-lost-entry-0", { state: "detached" });
      assert.equal((await rowTexts(two)).length, 1);
    }
  }
  await context.close();
});
