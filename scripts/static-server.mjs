// A small static file server for the built dist/ folder, bound to 127.0.0.1 only.
//
// Usage: node scripts/static-server.mjs [--dir dist] [--port 8080] [--base /] (--help for more)
// --base serves the folder under a subpath (e.g. /tools/headroom/), as a static host would.
// --port 0 picks a free port; the chosen address is printed as "serving http://127.0.0.1:N/...".
// A _headers file in the folder (Netlify/Cloudflare Pages style) is applied as such hosts do,
// with its paths taken relative to --base; --no-headers ignores it.

import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

const USAGE = `Usage: node scripts/static-server.mjs [--dir dist] [--port 8080] [--base /] [--no-headers]
Serves a built Headroom folder on 127.0.0.1 only.
  --dir DIR       the folder to serve (default dist)
  --port N        the port (default 8080; 0 picks a free one)
  --base /PATH/   serve the folder under a subpath, as a static host would (default /)
  --no-headers    ignore the folder's _headers file (applied by default, as such hosts do)`;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const known = new Set(["--dir", "--port", "--base", "--no-headers"]);
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (!known.has(arg)) {
    console.error(`static-server: unknown option ${arg}\n${USAGE}`);
    process.exit(2);
  }
  if (arg !== "--no-headers") i++;
}

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const root = resolve(option("dir", "dist"));
const port = Number(option("port", "8080"));
let base = option("base", "/");
if (!base.startsWith("/")) base = `/${base}`;
if (!base.endsWith("/")) base = `${base}/`;

/** Rules of a _headers file: a path pattern (`*` matches anything) and its headers. */
function readHeaderRules(folder) {
  if (process.argv.includes("--no-headers")) return [];
  let text;
  try {
    text = readFileSync(join(folder, "_headers"), "utf8");
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim().replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*");
      rules.push({ pattern: new RegExp(`^${pattern}$`), headers: {} });
    } else if (rules.length > 0) {
      const colon = line.indexOf(":");
      if (colon > 0) rules.at(-1).headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

const headerRules = readHeaderRules(root);

function headersFor(sitePath) {
  const headers = {};
  for (const rule of headerRules) {
    if (rule.pattern.test(sitePath)) Object.assign(headers, rule.headers);
  }
  return headers;
}

async function respond(request, response) {
  const path = decodeURIComponent(new URL(request.url, "http://127.0.0.1").pathname);
  if (path === base.slice(0, -1)) {
    response.writeHead(301, { Location: base });
    return response.end();
  }
  if (!path.startsWith(base)) {
    response.writeHead(404, { "Content-Type": "text/plain" });
    return response.end("not found");
  }
  if (path.slice(base.length) === "_headers") {
    // Hosts read this file; they do not serve it.
    response.writeHead(404, { "Content-Type": "text/plain" });
    return response.end("not found");
  }
  let file = normalize(join(root, path.slice(base.length)));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403);
    return response.end();
  }
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    response.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-cache",
      ...headersFor(`/${path.slice(base.length)}`),
    });
    response.end(body);
  } catch {
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("not found");
  }
}

const server = createServer((request, response) => {
  respond(request, response).catch(() => {
    response.writeHead(500);
    response.end();
  });
});
server.on("error", (error) => {
  console.error(`static-server: cannot serve on 127.0.0.1:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`serving http://127.0.0.1:${server.address().port}${base}`);
});
