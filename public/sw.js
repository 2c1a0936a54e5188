// Headroom's service worker: keeps this build's own files so the page opens with the network
// off. Pages are fetched from the network first (a new deployment shows on the next load) and
// fall back to the kept copy; the other files have hashed names and are served from the copy.
// scripts/post-build.mjs fills in the build id and the file list.

const BUILD = "__HEADROOM_BUILD__";
const FILES = ["__HEADROOM_FILES__"];
// A cache per deployment (the folder this worker serves) and build: two copies of Headroom on
// one host (a stable and a beta folder) each keep, and clean up, only their own.
const PREFIX = `headroom ${self.registration.scope} `;
const CACHE = `${PREFIX}${BUILD}`;
// Caches named by builds before the folder was part of the name.
const UNSCOPED = /^headroom-[0-9a-f]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(["./", ...FILES]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => (key.startsWith(PREFIX) && key !== CACHE) || UNSCOPED.test(key))
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match("./", { cacheName: CACHE }).then((kept) => kept ?? Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((kept) => kept ?? fetch(request)),
  );
});

// A page asks which build this worker serves, to tell whether a newer one is ready.
self.addEventListener("message", (event) => {
  if (event.data === "build?") event.source?.postMessage({ build: BUILD });
});
