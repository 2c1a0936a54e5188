// A generated million-row metric export and two ways of seeing how long the page was busy at
// once, shared by the Capacity tab's long-series test and scripts/bench.mjs:
// - the Long Tasks API in the page (every task over 50 ms, in wall-clock time);
// - a Chromium trace of the page's main thread, which gives every task's wall-clock time and
//   its CPU time (the time the thread actually ran: on a machine busy with other work a task can
//   wait for a core in the middle, which lengthens its wall-clock time but not its CPU time).

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Writes a CSV of `rows` samples, one every 30 seconds from 2024-01-01 00:00 UTC, with ISO 8601
 * times with an offset (`2024-01-01T00:00:00+00:00`) and one-decimal values: a slow wave plus
 * hashed noise. A million rows make about 31 MB, and the series packs to about 1.1 MB, under
 * the 2 MB Headroom keeps in storage, so it comes back after a reload. Returns the file's path.
 */
export function writeLongCsv(rows = 1_000_000) {
  const folder = mkdtempSync(join(tmpdir(), "headroom-long-"));
  const path = join(folder, "long-series.csv");
  const lines = ["timestamp,value"];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const when = new Date(start + i * 30_000).toISOString().slice(0, 19);
    const noise = ((Math.imul(i, 2654435761) >>> 0) % 1000) / 100;
    lines.push(`${when}+00:00,${(50 + 20 * Math.sin(i / 2880) + noise).toFixed(1)}`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/**
 * In every page of `context`, from the start of each document: records every long task in
 * `window.__longTasks` as { start, duration } (ms of page time), the page time each of
 * `selectors` first appears in `window.__seen[selector]`, and a user-timing mark
 * `headroom:seen <selector>` at that moment (which a trace shows, see `traceTasks`).
 */
export async function recordLongTasks(context, selectors = []) {
  await context.addInitScript((watched) => {
    window.__longTasks = [];
    window.__seen = {};
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: "longtask", buffered: true });
    const look = () => {
      for (const selector of watched) {
        if (window.__seen[selector] === undefined && document.querySelector(selector)) {
          window.__seen[selector] = performance.now();
          performance.mark(`headroom:seen ${selector}`);
        }
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
  }, selectors);
}

/** The long tasks recorded so far in `page`, and when the watched elements appeared. */
export function longTasks(page) {
  return page.evaluate(() => ({ tasks: window.__longTasks, seen: window.__seen }));
}

/** Sets the user-timing mark `headroom:<name>` in `page`, for `traceTasks`. */
export function mark(page, name) {
  return page.evaluate((label) => performance.mark(`headroom:${label}`), name);
}

/**
 * Runs `action` while Chromium traces, and returns what it returned with the tasks of the
 * page's main thread: { result, tasks: [{ at_ms, wall_ms, cpu_ms }], marks: { name: at_ms } },
 * where `at_ms` is the task's start on the trace's clock and marks are the `headroom:` user
 * timing marks of `mark` and `recordLongTasks` on the same clock. The page is the renderer that
 * set the last mark, so the action must set at least one.
 */
export async function traceTasks(browser, action) {
  await browser.startTracing(undefined, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"],
  });
  let result;
  let buffer;
  try {
    result = await action();
  } finally {
    buffer = await browser.stopTracing();
  }
  const events = JSON.parse(buffer.toString()).traceEvents;
  const marks = {};
  let last;
  for (const e of events) {
    if (typeof e.name === "string" && e.name.startsWith("headroom:") && e.cat?.includes("user_timing")) {
      marks[e.name.slice("headroom:".length)] ??= e.ts / 1000;
      if (!last || e.ts > last.ts) last = e;
    }
  }
  // The renderer of the last mark: the page as it is once the action is done.
  const pid = last?.pid;
  const main = events.find(
    (e) => e.ph === "M" && e.name === "thread_name" && e.pid === pid && e.args?.name === "CrRendererMain",
  );
  const tasks = events
    .filter((e) => e.name === "RunTask" && e.ph === "X" && main && e.pid === pid && e.tid === main.tid)
    .map((e) => ({ at_ms: e.ts / 1000, wall_ms: e.dur / 1000, cpu_ms: (e.tdur ?? e.dur) / 1000 }));
  return { result, tasks, marks };
}

/** The task that used the most CPU among `tasks`, as { at_ms, wall_ms, cpu_ms } (or zeros). */
export function busiest(tasks, by = "cpu_ms") {
  return tasks.reduce((top, t) => (t[by] > top[by] ? t : top), { at_ms: 0, wall_ms: 0, cpu_ms: 0 });
}
