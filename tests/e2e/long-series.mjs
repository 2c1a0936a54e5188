// A generated million-row metric export and a long-task recorder, shared by the Capacity tab's
// end-to-end test and scripts/bench.mjs.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Writes a CSV of `rows` samples, one every 30 seconds from 2024-01-01 00:00 UTC, with ISO 8601
 * times with an offset (`2024-01-01T00:00:00+00:00`) and one-decimal values: a slow wave plus
 * hashed noise. A million rows make about 30 MB, and the series packs to about 1.1 MB, so it is
 * kept in storage and comes back after a reload. Returns the file's path.
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
 * Records every long task (over 50 ms) of every page of `context` from the start of each
 * document, in `window.__longTasks` as { start, duration } in page time (ms since navigation),
 * and the time selected elements first appear in `window.__seen[selector]`.
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
