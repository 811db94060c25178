/* Live progress of a solver run: polls the JSON endpoint named in data-url until the run finishes. */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || box.dataset.finished === "true") { return; }
  var bar = document.getElementById("run-bar");
  function show(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = (value === null || value === undefined) ? "–" : String(value); }
  }
  function update(data) {
    bar.setAttribute("aria-valuenow", data.percent);
    bar.firstElementChild.style.width = data.percent + "%";
    show("run-phase", data.phase_label);
    show("run-incumbent", data.incumbent);
    show("run-bound", data.bound);
    show("run-gap", data.gap);
    show("run-elapsed", data.elapsed_s);
    var status = document.getElementById("run-status");
    if (status) {
      status.className = "badge status-" + data.status;
      status.dataset.status = data.status;
      if (data.status_label) { status.textContent = data.status_label; }
    }
    var queued = document.getElementById("run-queued");
    if (queued && data.status !== "queued") { queued.hidden = true; }
    if (data.finished) {
      box.dataset.finished = "true";
      var stop = document.getElementById("run-stop");
      if (stop) { stop.hidden = true; }
      document.getElementById("run-done").hidden = false;
      // The result (metrics, "apply") is rendered by the server: show it.
      window.setTimeout(function () { window.location.reload(); }, 300);
      return true;
    }
    return false;
  }
  function poll() {
    fetch(box.dataset.url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (data) { if (!update(data)) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
}());
