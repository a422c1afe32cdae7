/* Company pages: poll the regeneration job shown on the page and draw its progress bar. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-url]");
  if (!box) { return; }
  var bar = box.querySelector(".progress-bar");
  var track = box.querySelector(".progress");
  var status = box.querySelector(".llp-job-status");
  var counts = box.querySelector(".llp-job-counts");
  var ready = box.querySelector(".llp-job-done");

  function draw(job) {
    var processed = job.done + job.failed;
    var percent = job.status === "done" ? 100 : (job.total ? Math.min(100, Math.floor(processed * 100 / job.total)) : 0);
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
    track.setAttribute("aria-valuenow", String(percent));
    status.textContent = job.status;
    counts.textContent = job.done + " of " + job.total + " done · " + job.failed + " failed";
    if (job.status === "done" && box.hasAttribute("data-done-url")) { ready.hidden = false; }
    return job.status === "done" || job.status === "failed";
  }

  function poll() {
    fetch(box.getAttribute("data-job-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) { if (!draw(job)) { window.setTimeout(poll, 1000); } })
      .catch(function () { counts.textContent = "Could not read the progress; reload the page to try again."; });
  }
  poll();
})();
