/* llp_video: report what the learner watched (the player's played ranges) while playing, on seek,
   pause and at the end. The server decides how much of it counts. Initialises every player once. */
(function () {
  "use strict";
  var REPORT_EVERY_MS = 10000;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function playedRanges(video) {
    var ranges = [];
    for (var i = 0; i < video.played.length; i++) {
      ranges.push([video.played.start(i), video.played.end(i)]);
    }
    return ranges;
  }

  function init(root) {
    if (root.dataset.llpReady) { return; }
    root.dataset.llpReady = "1";
    var video = root.querySelector("video");
    if (!video) { return; }
    var bar = root.querySelector(".llp-video-bar");
    var status = root.querySelector(".llp-video-status");
    var error = root.querySelector(".llp-video-error");
    var timer = null;
    var sending = false;

    function show(result) {
      var percent = Math.floor(result.watched_ratio * 100);
      bar.style.width = percent + "%";
      bar.parentNode.setAttribute("aria-valuenow", percent);
      status.innerHTML = "";
      if (result.complete) {
        var badge = document.createElement("span");
        badge.className = "badge text-bg-success";
        badge.textContent = root.dataset.msgComplete || "Complete";
        status.appendChild(badge);
      } else {
        status.textContent = (root.dataset.msgWatched || "Watched {percent}%").replace("{percent}", percent);
      }
    }

    function report() {
      if (sending) { return; }
      sending = true;
      var body = { watched: playedRanges(video), position: video.currentTime || 0 };
      fetch(root.dataset.handlerUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        error.hidden = answer.ok;
        if (answer.ok) { show(answer.data); } else { error.textContent = answer.data.detail || root.dataset.msgNotSaved || "Progress not saved."; }
      }).catch(function () {
        error.hidden = false;
        error.textContent = root.dataset.msgConnection || "Progress not saved: connection problem.";
      }).then(function () { sending = false; });
    }

    video.addEventListener("play", function () {
      report();  // starts the server's clock for this viewing
      if (!timer) { timer = window.setInterval(report, REPORT_EVERY_MS); }
    });
    ["pause", "seeked", "ended"].forEach(function (name) { video.addEventListener(name, report); });
    ["pause", "ended"].forEach(function (name) {
      video.addEventListener(name, function () { window.clearInterval(timer); timer = null; });
    });
    video.addEventListener("loadedmetadata", function () {
      var position = parseFloat(root.dataset.position || "0");
      if (position > 0 && position < video.duration) { video.currentTime = position; }
    });
  }

  function initAll() { document.querySelectorAll(".llp-video[data-handler-url]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initAll); } else { initAll(); }
})();
