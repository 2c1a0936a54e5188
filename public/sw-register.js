// Registers Headroom's service worker (public/sw.js), so the page opens offline after one
// visit, and says when a newer version has been deployed and is ready: the page shows a line
// with a reload button. Nothing here sends data anywhere; the worker only fetches the page's
// own files.

const build = document.querySelector('meta[name="headroom-build"]')?.content;

function showUpdateReady() {
  if (document.getElementById("update-ready")) return;
  const line = document.createElement("div");
  line.id = "update-ready";
  line.className = "update-ready";
  line.setAttribute("role", "status");
  line.append("A new version of Headroom is ready. ");
  const reload = document.createElement("button");
  reload.type = "button";
  reload.textContent = "Reload to use it";
  reload.addEventListener("click", () => location.reload());
  line.append(reload);
  document.body.prepend(line);
}

if ("serviceWorker" in navigator && build) {
  const workers = navigator.serviceWorker;
  const askBuild = () => workers.controller?.postMessage("build?");
  workers.addEventListener("message", (event) => {
    if (event.data?.build && event.data.build !== build) showUpdateReady();
  });
  workers.addEventListener("controllerchange", askBuild);
  askBuild();
  workers
    .register("./sw.js")
    .then((registration) => {
      // A page left open for days looks for a new deployment whenever it is shown again.
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") registration.update().catch(() => {});
      });
    })
    .catch(() => {
      // Without a worker the page still works; it just needs the network to open.
    });
}
