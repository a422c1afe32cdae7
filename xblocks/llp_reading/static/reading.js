/* llp_reading: the "Mark as read" button calls the block's complete handler. Initialises each block once. */
(function () {
  "use strict";
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function init(root) {
    if (root.dataset.llpReady) { return; }
    root.dataset.llpReady = "1";
    var button = root.querySelector(".llp-reading-done");
    var badge = root.querySelector(".llp-reading-badge");
    var error = root.querySelector(".llp-reading-error");
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch(root.dataset.handlerUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: "{}"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (answer.ok && answer.data.complete) {
          button.hidden = true;
          badge.hidden = false;
          error.hidden = true;
        } else {
          error.hidden = false;
          error.textContent = answer.data.detail || root.dataset.msgNotSaved || "Not saved.";
        }
      }).catch(function () {
        error.hidden = false;
        error.textContent = root.dataset.msgConnection || "Not saved: connection problem.";
      }).then(function () { button.disabled = false; });
    });
  }
  function initAll() { document.querySelectorAll(".llp-reading[data-handler-url]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initAll); } else { initAll(); }
})();
