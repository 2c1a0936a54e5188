// Trunk post-build hook (see Trunk.toml): finishes the staged page so that it runs under a strict
// Content-Security-Policy and works offline.
//
// 1. Trunk writes its wasm loader as an inline <script type=module>. It is moved into its own
//    file, start-<hash>.js, so the policy needs no inline script at all.
// 2. The build gets an id (a hash of every staged file's name and content). It is written into
//    the page (<meta name=headroom-build>) and into sw.js with the list of files to keep offline,
//    so a new deployment is a new service worker and the page can tell it is out of date.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "./";
if (!staging) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run this through trunk build");
  process.exit(1);
}

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");

// 1. The inline loader becomes a file.
const inline = /<script type=("?)module\1>([\s\S]*?)<\/script>/;
const found = inline.exec(html);
if (!found) {
  console.error("post-build: no inline module script found in index.html; has Trunk changed?");
  process.exit(1);
}
const loader = found[2];
const loaderName = `start-${sha256(loader).slice(0, 16)}.js`;
writeFileSync(join(staging, loaderName), loader);
html = html.replace(found[0], `<script type=module src="${publicUrl}${loaderName}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error("post-build: index.html still has an inline script; the policy would block it");
  process.exit(1);
}

// 2. The build id and the offline file list.
const files = (function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(staging, path)];
  });
})(staging)
  .filter((name) => !["index.html", "sw.js", "_headers"].includes(name))
  .sort();
const build = sha256(
  files.map((name) => `${name}\n${sha256(readFileSync(join(staging, name)))}\n`).join("") +
    sha256(html),
).slice(0, 16);

html = html.replace(/<title>/, `<meta name=headroom-build content=${build}><title>`);
writeFileSync(htmlPath, html);

const swPath = join(staging, "sw.js");
const sw = readFileSync(swPath, "utf8");
if (!sw.includes('"__HEADROOM_BUILD__"') || !sw.includes('["__HEADROOM_FILES__"]')) {
  console.error("post-build: sw.js lacks its build placeholders");
  process.exit(1);
}
writeFileSync(
  swPath,
  sw
    .replace('"__HEADROOM_BUILD__"', JSON.stringify(build))
    .replace('["__HEADROOM_FILES__"]', JSON.stringify(files.map((name) => `./${name}`))),
);
console.log(`post-build: build ${build}, loader ${loaderName}, ${files.length} files kept offline`);
