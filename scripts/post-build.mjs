// Trunk post-build hook (see Trunk.toml): finishes the staged page. One script, because Trunk
// runs the hooks of one stage at the same time, and these steps must run in this order:
//
// 1. WASM code splitting. Every tab but Budget, and a few actions (opening and saving a share
//    link, reading the incident log for the Budget tab), are `#[lazy]` functions (cargo feature
//    `split`, turned on by index.html). Trunk 0.21 cannot split: the split needs
//    the wasm cargo linked (with relocations, `--emit-relocs`, see build.rs), before
//    wasm-bindgen, and Trunk has no hook between its cargo and wasm-bindgen steps. So Trunk
//    builds as usual (with its wasm-opt off, see index.html) and this step redoes the back half
//    from cargo's wasm:
//    a. wasm-split-cli (crates.io wasm_split_cli_support, the splitter cargo-leptos uses;
//       scripts/tools.sh installs it) cuts target/wasm32-unknown-unknown/<profile>/headroom.wasm
//       into the main module, one wasm per `#[lazy]` function (plus shared chunks) and the
//       loader module __wasm_split.js;
//    b. wasm-bindgen (the version in Cargo.lock) makes the JS glue for the main module, keeping
//       the exports the chunks import (--keep-lld-exports);
//    c. wasm-opt (npm binaryen, version_132) optimizes the main module and every chunk (release
//       builds only, as Trunk does);
//    d. the glue and the loader are minified (npm terser, release builds only, as Trunk
//       minifies its own JS); every file gets a content-hashed name; the loader fetches each
//       chunk with its Subresource Integrity hash; index.html's names, preloads and integrity
//       are rewritten.
//    Every URL stays relative (the loader fetches `new URL("./chunk.wasm", import.meta.url)`),
//    so the page works under any subpath. A build without split points is only wasm-opt'ed.
// 2. Trunk writes its wasm loader as an inline <script type=module>. It is moved into its own
//    file, start-<hash>.js, so the Content-Security-Policy needs no inline script at all.
// 3. The build gets an id (a hash of every staged file's name and content). It is written into
//    the page (<meta name=headroom-build>) and into sw.js with the list of files to keep offline
//    (the chunks too, so every tab opens offline after one visit), so a new deployment is a new
//    service worker and the page can tell it is out of date.
//
// Environment: TRUNK_STAGING_DIR, TRUNK_PROFILE, TRUNK_SOURCE_DIR, TRUNK_PUBLIC_URL (set by
// Trunk); CARGO_TARGET_DIR if set.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { delimiter, join, relative, resolve } from "node:path";

const BIN = "headroom"; // the data-bin of index.html's rust link
const WASM_OPT_VERSION = "version_132";
const WASM_OPT_FEATURES = [
  // What rustc's wasm32-unknown-unknown target emits by default (Rust 1.82+); the chunks carry no
  // target_features section of their own, so wasm-opt is told.
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
];

const started = Date.now();
// Each line says how long the hook has run: its steps take minutes in a release build.
const say = (message) =>
  console.log(`post-build (${Math.round((Date.now() - started) / 1000)} s): ${message}`);
function fail(message) {
  console.error(`post-build: error: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set; run this through trunk build");
const source = resolve(process.env.TRUNK_SOURCE_DIR ?? ".");
const profile = process.env.TRUNK_PROFILE ?? "release";
const publicUrl = process.env.TRUNK_PUBLIC_URL || "./";
const release = profile === "release";
const targetDir = resolve(source, process.env.CARGO_TARGET_DIR ?? "target");

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const hex = (bytes) => sha256(bytes).slice(0, 16);
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");

/** An executable: `name` on PATH, else the first existing fallback. */
function tool(name, fallbacks = []) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const found = fallbacks.find((path) => existsSync(path));
  if (!found) fail(`${name} not found on PATH or in ${fallbacks.join(", ")} (scripts/tools.sh)`);
  return found;
}

function run(command, args) {
  try {
    return execFileSync(command, args, {
      cwd: source,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    return fail(`${command} ${args.join(" ")} failed:\n${error.stderr || error.message}`);
  }
}

/** Sets the integrity attribute of the <link> tags naming `file` to the hash of `bytes`. */
function setIntegrity(file, bytes) {
  html = html.replace(/<link\b[^>]*>/g, (tag) =>
    [`${file} `, `${file}"`, `${file}>`].some((s) => tag.includes(s))
      ? tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity=$1${sri(bytes)}$1`)
      : tag,
  );
}

/** `code`, an ES module, minified by terser (npm, package-lock.json); `name` is for messages. */
async function minifyModule(code, name) {
  try {
    const { minify } = await import("terser");
    const result = await minify(code, {
      module: true,
      ecma: 2020,
      compress: { passes: 2 },
      mangle: true,
      keep_classnames: true,
      format: { comments: false },
    });
    return result.code;
  } catch (error) {
    return fail(`minifying ${name} failed: ${error.message ?? error}`);
  }
}

// --- 1. split the wasm ----------------------------------------------------------------------------
async function splitWasm() {
  const named = new RegExp(`\\b(${BIN}(?:-[0-9a-f]+)?)\\.js\\b`).exec(html);
  if (!named) fail(`no ${BIN}.js or ${BIN}-<hash>.js in ${htmlPath}`);
  const trunkBase = named[1];
  for (const file of [`${trunkBase}.js`, `${trunkBase}_bg.wasm`]) {
    if (!existsSync(join(staging, file))) fail(`Trunk's ${file} is not in ${staging}`);
  }
  // Trunk ran wasm-bindgen on this same file: cargo's artifact for the bin, in cargo's target
  // directory (CARGO_TARGET_DIR or ./target; a target-dir in .cargo/config.toml is not read).
  const linked = join(targetDir, "wasm32-unknown-unknown", profile, `${BIN}.wasm`);
  if (!existsSync(linked)) fail(`cargo's wasm ${linked} is missing`);

  const wasmOpt = tool("wasm-opt", [join(source, "node_modules/.bin/wasm-opt")]);
  const optVersion = run(wasmOpt, ["--version"]);
  if (!optVersion.includes(WASM_OPT_VERSION)) {
    fail(`${wasmOpt} is not ${WASM_OPT_VERSION}: ${optVersion}`);
  }
  const optimize = (input, output) =>
    release
      ? run(wasmOpt, ["-Oz", ...WASM_OPT_FEATURES, input, "-o", output])
      : copyFileSync(input, output);

  const module = new WebAssembly.Module(readFileSync(linked));
  const splitPoints = WebAssembly.Module.imports(module).filter(
    (i) => i.module === "__wasm_split_placeholder__",
  );
  if (splitPoints.length === 0) {
    if (WebAssembly.Module.customSections(module, "linking").length > 0) {
      fail(`${linked} has relocations but no split points: they would stay in the page (build.rs)`);
    }
    const file = join(staging, `${trunkBase}_bg.wasm`);
    optimize(file, file);
    say(`no #[lazy] split points in ${linked}: only optimized ${trunkBase}_bg.wasm`);
    return;
  }

  // a. split
  // scripts/tools.sh installs it into cargo's bin folder, which it puts on PATH.
  const cargoBin = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? "", ".cargo"), "bin");
  const splitCli = tool("wasm-split-cli", [join(cargoBin, "wasm-split-cli")]);
  const work = join(targetDir, "wasm-split", profile);
  rmSync(work, { recursive: true, force: true });
  const splitDir = join(work, "split");
  const bindgenDir = join(work, "bindgen");
  const outDir = join(work, "out");
  for (const dir of [splitDir, bindgenDir, outDir]) mkdirSync(dir, { recursive: true });
  say("splitting the wasm into the main module and the lazy chunks (wasm-split-cli)…");
  run(splitCli, [linked, splitDir, "--out-name", BIN, "--target", "web"]);
  const loaderName = "__wasm_split.js";
  if (!existsSync(join(splitDir, loaderName))) fail(`wasm-split-cli wrote no ${loaderName}`);
  const chunkFiles = readdirSync(splitDir).filter(
    (f) => f.endsWith(".wasm") && f !== `${BIN}.wasm`,
  );

  // b. wasm-bindgen
  say("writing the main module's JS glue (wasm-bindgen)…");
  run(tool("wasm-bindgen"), [
    "--target=web",
    "--keep-lld-exports",
    "--no-typescript",
    `--out-dir=${bindgenDir}`,
    `--out-name=${BIN}`,
    join(splitDir, `${BIN}.wasm`),
  ]);
  if (existsSync(join(bindgenDir, "snippets"))) fail("wasm-bindgen wrote snippets: not handled here");

  // c. wasm-opt
  if (release) {
    say(`optimizing the main module and ${chunkFiles.length} chunks (wasm-opt -Oz; a minute or two on 2 cores)…`);
  }
  optimize(join(bindgenDir, `${BIN}_bg.wasm`), join(outDir, `${BIN}_bg.wasm`));
  for (const chunk of chunkFiles) optimize(join(splitDir, chunk), join(outDir, chunk));

  // d. hashed names. Chunks first: the loader names them. The main JS imports the loader and the
  // loader imports the main JS, so those two (and the main wasm) share one hash over all three.
  const renames = new Map(); // old name -> new name
  for (const chunk of chunkFiles) {
    const bytes = readFileSync(join(outDir, chunk));
    renames.set(chunk, chunk.replace(/\.wasm$/, `-${hex(bytes)}.wasm`));
  }
  let loader = readFileSync(join(splitDir, loaderName), "utf8");
  // Each chunk is fetched with its content hash as Subresource Integrity, like Trunk's own files.
  for (const [from, to] of renames) {
    const call = `fetch(new URL("./${from}", import.meta.url))`;
    if (!loader.includes(call)) fail(`the loader does not fetch ./${from} as expected`);
    const integrity = sri(readFileSync(join(outDir, from)));
    loader = loader.replaceAll(
      call,
      `fetch(new URL("./${to}", import.meta.url), { integrity: "${integrity}" })`,
    );
  }
  let mainJs = readFileSync(join(bindgenDir, `${BIN}.js`), "utf8");
  const mainWasm = readFileSync(join(outDir, `${BIN}_bg.wasm`));
  const buildHash = hex(Buffer.concat([Buffer.from(mainJs), Buffer.from(loader), mainWasm]));
  const base = `${BIN}-${buildHash}`;
  const loaderHashed = `__wasm_split-${buildHash}.js`;

  const mainImport = `"./${BIN}.js"`;
  if (!loader.includes(mainImport)) fail(`the loader does not import ${mainImport}`);
  loader = loader.replaceAll(mainImport, `"./${base}.js"`);
  // Only the ES import statements change: the wasm's import module is still named
  // "./__wasm_split.js", and so must the key of the imports object the glue passes to it.
  const loaderImport = new RegExp(
    `^(import \\* as \\w+ from )(["'])\\./${loaderName.replace(".", "\\.")}\\2`,
    "gm",
  );
  if (!loaderImport.test(mainJs)) fail(`the wasm-bindgen glue does not import ./${loaderName}`);
  mainJs = mainJs.replace(loaderImport, `$1"./${loaderHashed}"`);
  // The glue's default wasm URL (used only when init() is given none) follows the new name too.
  mainJs = mainJs.replaceAll(`${BIN}_bg.wasm`, `${base}_bg.wasm`);

  // Trunk minifies the JS it writes in release builds; these two replace its glue, so they are
  // minified here, as modules (their imports and exports keep their names).
  if (release) {
    say("minifying the glue and the loader (terser)…");
    mainJs = await minifyModule(mainJs, `${base}.js`);
    loader = await minifyModule(loader, loaderHashed);
  }

  rmSync(join(staging, `${trunkBase}.js`));
  rmSync(join(staging, `${trunkBase}_bg.wasm`));
  writeFileSync(join(staging, `${base}.js`), mainJs);
  writeFileSync(join(staging, `${base}_bg.wasm`), mainWasm);
  writeFileSync(join(staging, loaderHashed), loader);
  for (const [from, to] of renames) renameSync(join(outDir, from), join(staging, to));

  // Trunk's names in the page (the preloads and the inline loader, moved into a file below).
  html = html
    .replaceAll(`${trunkBase}_bg.wasm`, `${base}_bg.wasm`)
    .replaceAll(`${trunkBase}.js`, `${base}.js`);
  // Integrity of the preloaded main JS (Trunk's SRI), recomputed for the new file (the wasm's
  // preload has none, see below).
  setIntegrity(`${base}.js`, Buffer.from(mainJs));
  // The loader module is a static import of the main JS: preload it with it. Chunks are not
  // preloaded: the first screen (the Budget tab) needs none of them.
  html = html.replace(
    "</head>",
    `<link rel=modulepreload crossorigin href=${publicUrl}${loaderHashed} ` +
      `integrity=${sri(Buffer.from(loader))}></head>`,
  );
  const size = (f) => statSync(join(staging, f)).size;
  const chunkBytes = [...renames.values()].reduce((sum, f) => sum + size(f), 0);
  say(
    `split into the main module (${size(`${base}_bg.wasm`)} B) and ${chunkFiles.length} chunks ` +
      `(${chunkBytes} B in all; scripts/bench lists every file)`,
  );
}

// --- 2. the inline loader becomes a file ----------------------------------------------------------
function moveLoader() {
  const inline = /<script type=("?)module\1>([\s\S]*?)<\/script>/;
  const found = inline.exec(html);
  if (!found) fail("no inline module script found in index.html; has Trunk changed?");
  const loader = found[2];
  const loaderName = `start-${hex(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);
  html = html.replace(found[0], `<script type=module src="${publicUrl}${loaderName}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
    fail("index.html still has an inline script; the policy would block it");
  }
  return loaderName;
}

// --- 3. the build id and the offline file list ----------------------------------------------------
function stampBuild() {
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

  const swPath = join(staging, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  if (!sw.includes('"__HEADROOM_BUILD__"') || !sw.includes('["__HEADROOM_FILES__"]')) {
    fail("sw.js lacks its build placeholders");
  }
  writeFileSync(
    swPath,
    sw
      .replace('"__HEADROOM_BUILD__"', JSON.stringify(build))
      .replace('["__HEADROOM_FILES__"]', JSON.stringify(files.map((name) => `./${name}`))),
  );
  return { build, kept: files.length };
}

await splitWasm();
// Trunk gives the wasm's `<link rel=preload as=fetch>` an integrity attribute, which Chromium
// ignores for fetch preloads and warns about in the console on every load (crbug.com/981419).
// Without it nothing changes but the warning: the glue fetches the wasm without integrity.
html = html.replace(/<link\b[^>]*\bas=("?)fetch\1[^>]*>/g, (tag) =>
  tag.replace(/\s+integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, ""),
);
const loaderName = moveLoader();
const { build, kept } = stampBuild();
writeFileSync(htmlPath, html);
say(`build ${build}, loader ${loaderName}, ${kept} files kept offline`);
