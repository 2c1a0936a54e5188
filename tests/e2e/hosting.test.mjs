// Ready for a static host: the Content-Security-Policy is on and blocks what it should, the page
// opens with the network off after one visit, and a new deployment is noticed.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST, launchBrowser, openApp, startServer } from "./support.mjs";

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

/** Waits until the service worker controls the page (it claims the page once installed). */
async function waitForWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
    }
  });
}

test("the page carries a policy that allows only its own files and no inline script", async () => {
  const { context, page, problems } = await openApp(browser, server.url);
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, "no unsafe-inline, no unsafe-eval");
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  const inlineScripts = await page.$$eval("script:not([src])", (all) => all.length);
  assert.equal(inlineScripts, 0, "Trunk's loader was moved into a file");

  const headers = (await page.request.get(server.url)).headers();
  assert.match(headers["content-security-policy"], /frame-ancestors 'none'/, "_headers is served");
  assert.deepEqual(problems, [], "the app runs under the policy without a violation");
  await context.close();
});

test("a planted inline script, external request or external image is blocked", async () => {
  const { context, page } = await openApp(browser, server.url);
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
    const script = document.createElement("script");
    script.textContent = "window.__planted = true;";
    document.head.append(script);
    let fetched = "blocked";
    try {
      await fetch("http://127.0.0.2:9/steal");
      fetched = "allowed";
    } catch {
      // refused by connect-src (and there is nothing listening)
    }
    const image = new Image();
    image.src = "http://127.0.0.2:9/pixel.png";
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { planted: window.__planted === true, fetched, violations };
  });
  assert.equal(outcome.planted, false, "inline script did not run");
  assert.equal(outcome.fetched, "blocked");
  assert.ok(outcome.violations.some((d) => d.startsWith("script-src")), `${outcome.violations}`);
  assert.ok(outcome.violations.includes("connect-src"), `${outcome.violations}`);
  assert.ok(outcome.violations.includes("img-src"), `${outcome.violations}`);
  await context.close();
});

test("after one visit the page opens with the network off", async () => {
  const { context, page, problems } = await openApp(browser, `${server.url}#/toil`);
  await waitForWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("#toil-total-hours");
  await page.click("#tab-budget");
  assert.equal(await page.textContent("#window-downtime"), "43m 12s");
  assert.deepEqual(problems, []);
  await context.close();
});

test("after a visit to the first tab only, every tab opens with the network off", async () => {
  // The other tabs' code is in wasm chunks the visit never fetched: the worker keeps them too.
  const { context, page, problems } = await openApp(browser, server.url);
  await page.waitForSelector("#window-downtime");
  await waitForWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("#window-downtime");
  for (const [tab, shows] of [
    ["alerts", "#alerts-figures"],
    ["capacity", "#capacity-import"],
    ["toil", "#toil-total-hours"],
    ["incidents", "#incidents-log-title"],
    ["scenarios", "#scenario-name"],
  ]) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(shows, { timeout: 15_000 });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("two deployments on one host each keep their own offline copy", async () => {
  // A stable and a newer copy in two folders of one host: visiting one must not delete the
  // other's kept files.
  const host = mkdtempSync(join(tmpdir(), "headroom-host-"));
  cpSync(DIST, join(host, "stable"), { recursive: true });
  cpSync(DIST, join(host, "beta"), { recursive: true });
  const html = readFileSync(join(host, "beta", "index.html"), "utf8");
  const build = /name=headroom-build content=(\w+)/.exec(html)[1];
  const next = "fedcba9876543210";
  writeFileSync(join(host, "beta", "index.html"), html.replace(build, next));
  const worker = readFileSync(join(host, "beta", "sw.js"), "utf8");
  writeFileSync(join(host, "beta", "sw.js"), worker.replace(`"${build}"`, `"${next}"`));
  const served = await startServer({ dir: host });
  try {
    const { context, page, problems } = await openApp(browser, `${served.url}stable/#/budget`);
    await waitForWorker(page);
    await page.goto(`${served.url}beta/#/budget`);
    await page.waitForSelector("#window-downtime");
    await waitForWorker(page);
    await context.setOffline(true);
    for (const folder of ["stable", "beta"]) {
      await page.goto(`${served.url}${folder}/#/budget`);
      await page.waitForSelector("#window-downtime");
      assert.equal(await page.textContent("#window-downtime"), "43m 12s", folder);
    }
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    served.close();
    rmSync(host, { recursive: true, force: true });
  }
});

test("a new deployment is picked up on the next load and announced to an open page", async () => {
  // A copy of the built page, so that a "new deployment" can be made by changing it.
  const folder = mkdtempSync(join(tmpdir(), "headroom-deploy-"));
  cpSync(DIST, folder, { recursive: true });
  const deployed = await startServer({ dir: folder });
  try {
    const { context, page } = await openApp(browser, deployed.url);
    await waitForWorker(page);
    assert.equal(await page.$("#update-ready"), null, "the current build is not announced");

    const html = readFileSync(join(folder, "index.html"), "utf8");
    const build = /name=headroom-build content=(\w+)/.exec(html)[1];
    const next = "0123456789abcdef";
    writeFileSync(join(folder, "index.html"), html.replace(build, next));
    const worker = readFileSync(join(folder, "sw.js"), "utf8");
    writeFileSync(join(folder, "sw.js"), worker.replace(`"${build}"`, `"${next}"`));

    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await page.waitForSelector("#update-ready", { timeout: 10_000 });
    assert.match(await page.textContent("#update-ready"), /new version of Headroom is ready/);

    await page.click("#update-ready button");
    await page.waitForSelector("nav.tabs a.tab");
    const shown = await page.getAttribute('meta[name="headroom-build"]', "content");
    assert.equal(shown, next, "the reload shows the new deployment");
    assert.equal(await page.$("#update-ready"), null);
    await context.close();
  } finally {
    deployed.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
