// Start-up with bad or missing browser storage, using the browser's real localStorage.

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

/** Plants `value` under `key` in the page origin's localStorage before the app starts. */
function plant(key, value) {
  return (context) =>
    context.addInitScript(
      ([k, v]) => {
        if (!sessionStorage.getItem("planted")) {
          localStorage.setItem(k, v);
          sessionStorage.setItem("planted", "1");
        }
      },
      [key, value],
    );
}

const CORRUPT = [
  ["not JSON", "{this is not json"],
  ["wrong shape", JSON.stringify({ schema: 1, value: { target_percent: 99.9 } })],
  ["newer schema", JSON.stringify({ schema: 99, value: { target_percent: "99.5" } })],
  ["plain number", "42"],
];

for (const [name, raw] of CORRUPT) {
  test(`a corrupt saved value (${name}) is kept as a backup and the app starts`, async () => {
    const { context, page, problems } = await openApp(browser, server.url, {
      before: plant("headroom.budget", raw),
    });
    assert.equal(await page.textContent("#window-downtime"), "43m 12s", "defaults are used");
    assert.match(await page.textContent(".notices"), /could not be read.*headroom\.backup\.budget\.1/);
    const backup = await page.evaluate(() => localStorage.getItem("headroom.backup.budget.1"));
    assert.equal(backup, raw, "the unreadable text is kept verbatim");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(".notice .notice-download"),
    ]);
    assert.equal(download.suggestedFilename(), "headroom.backup.budget.1.txt");
    assert.equal(await readFile(await download.path(), "utf8"), raw, "offered as it is");

    await typeInto(page, "#slo-target", "99.5");
    await page.reload();
    await page.waitForSelector("#window-downtime");
    assert.equal(await page.inputValue("#slo-target"), "99.5", "new input saved after the copy");
    const stillThere = await page.evaluate(() => localStorage.getItem("headroom.backup.budget.1"));
    assert.equal(stillThere, raw);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a saved value of the wrong shape is named by its field in the notice", async () => {
  const raw = JSON.stringify({ schema: 1, value: { target_percent: 99 } });
  const { context, page, problems } = await openApp(browser, server.url, {
    before: plant("headroom.budget", raw),
  });
  // It said "a value is the number 99 … (line 1, column 32)": which value, the person had to count.
  assert.match(
    await page.textContent(".notices"),
    /because it has an unexpected shape: the value's target_percent is the number 99, but must be text in double quotes\. It was copied to "headroom\.backup\.budget\.1"/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("another tab's unreadable saved value is left as it is until that tab opens, then kept as a backup", async () => {
  const raw = "{this is not json";
  const { context, page, problems } = await openApp(browser, server.url, {
    before: plant("headroom.toil", raw),
  });
  await page.waitForLoadState("networkidle");
  assert.doesNotMatch(await page.textContent(".notices"), /could not be read/, "the first screen does not read it");
  const untouched = await page.evaluate(() => [
    localStorage.getItem("headroom.toil"),
    Object.keys(localStorage).filter((k) => k.startsWith("headroom.backup.")),
  ]);
  assert.deepEqual(untouched, [raw, []]);

  await page.click("#tab-toil");
  await page.waitForSelector("#toil-total-hours", { timeout: 15_000 });
  assert.match(await page.textContent(".notices"), /could not be read.*headroom\.backup\.toil\.1/);
  const backup = await page.evaluate(() => localStorage.getItem("headroom.backup.toil.1"));
  assert.equal(backup, raw, "the unreadable text is kept verbatim");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with localStorage blocked the app runs in memory and says so", async () => {
  const block = (context) =>
    context.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
  const { context, page, problems } = await openApp(browser, server.url, { before: block });
  assert.match(await page.textContent(".notices"), /storage is unavailable.*nothing you enter/s);
  assert.match(await page.textContent("footer"), /storage is not available to it, so what you type is not kept/);
  await typeInto(page, "#slo-target", "99.99");
  assert.equal(await page.textContent("#window-downtime"), "4m 19.2s");
  assert.deepEqual(problems, []);
  await context.close();
});

test("when storage refuses every write the page says the input was not saved", async () => {
  const full = (context) =>
    context.addInitScript(() => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.startsWith("headroom.") && key !== "headroom.probe") {
          throw new DOMException("quota exceeded", "QuotaExceededError");
        }
        return real.call(this, key, value);
      };
    });
  const { context, page, problems } = await openApp(browser, server.url, { before: full });
  await typeInto(page, "#slo-target", "99.95");
  assert.match(await page.textContent(".notices"), /Not saved.*QuotaExceededError/);
  assert.equal(await page.textContent("#window-downtime"), "21m 36s");
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing is saved shortly after the last keystroke, without a reload", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  assert.match(await page.textContent("footer"), /What you type is kept only in this browser's storage\./);
  await typeInto(page, "#slo-target", "99.95");
  await page.waitForFunction(
    () => JSON.parse(localStorage.getItem("headroom.budget") ?? "{}").value?.target_percent === "99.95",
    null,
    { timeout: 3_000 },
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("unknown saved choices get a message at their field and nothing is worked out from a guess", async () => {
  const raw = JSON.stringify({ schema: 1, value: { window_kind: "lunar", sli_kind: "vibes" } });
  const { context, page, problems } = await openApp(browser, server.url, {
    before: plant("headroom.budget", raw),
  });
  // The select said "Rolling window of N days" while the calendar date field showed, and the
  // budget was worked out over 30 rolling days.
  await page.waitForSelector("#window-kind-error");
  assert.equal(
    await page.textContent("#window-kind-error"),
    'Unknown choice "lunar": choose one of Rolling window of N days, Calendar month, Calendar quarter, Calendar year',
  );
  assert.match(await page.textContent("#sli-kind-error"), /^Unknown choice "vibes": choose one of /);
  // Each select shows the value as saved, not a blank or an option it was guessed to mean.
  assert.equal(await page.$eval("#window-kind", (s) => s.selectedOptions[0].textContent), "lunar (unknown)");
  assert.equal(await page.$eval("#sli-kind", (s) => s.selectedOptions[0].textContent), "vibes (unknown)");
  for (const id of ["#window-kind", "#sli-kind"]) {
    assert.equal(await page.inputValue(id), "", id);
    assert.equal(await page.getAttribute(id, "aria-invalid"), "true", id);
  }
  for (const id of ["#window-days", "#calendar-date", "#timeslice-minutes", "#expected-requests"]) {
    assert.equal(await page.isVisible(id), false, `${id} is hidden`);
  }
  assert.doesNotMatch(await page.textContent("main"), /43m 12s/);
  await page.selectOption("#sli-kind", "requests");
  // A choice made clears the message and the figures come back.
  await page.selectOption("#window-kind", "rolling");
  await page.waitForFunction(() => !document.querySelector("#window-kind-error")?.textContent);
  assert.ok(await page.isVisible("#window-days"));
  await page.waitForFunction(() => document.querySelector("#window-downtime")?.textContent === "43m 12s");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a damaged saved Capacity tab offers its unreadable text for download, as every tab does", async () => {
  const raw = "{capacity is broken";
  const { context, page, problems } = await openApp(browser, `${server.url}#/capacity`, {
    before: plant("headroom.capacity", raw),
  });
  await page.waitForSelector(".notice .notice-download");
  assert.match(await page.textContent(".notices"), /headroom\.backup\.capacity\.1/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".notice .notice-download")]);
  assert.equal(await readFile(await download.path(), "utf8"), raw);
  assert.deepEqual(problems, []);
  await context.close();
});

test("unreadable text put under a key behind the page's back is backed up before a save writes over it", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  await typeInto(page, "#slo-target", "99.5");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("headroom.budget")).value.target_percent === "99.5");
  // Written from this window itself: no storage event tells the page.
  await page.evaluate(() => localStorage.setItem("headroom.budget", "{written by another tool"));
  await typeInto(page, "#slo-target", "99.95");
  await page.waitForFunction(() => localStorage.getItem("headroom.backup.budget.1") !== null);
  assert.equal(await page.evaluate(() => localStorage.getItem("headroom.backup.budget.1")), "{written by another tool");
  assert.match(await page.textContent(".notices"), /changed outside this window.*headroom\.backup\.budget\.1/s);
  assert.ok(await page.isVisible(".notice .notice-download"));
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("headroom.budget")).value.target_percent === "99.95");
  assert.deepEqual(problems, []);
  await context.close();
});
