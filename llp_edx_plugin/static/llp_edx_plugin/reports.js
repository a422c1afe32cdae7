/* Reports → History: poll the reports still being prepared and redraw their progress, then the download link. */
(function () {
  "use strict";
  function poll(row) {
    fetch(row.getAttribute("data-poll-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (report) {
        var status = row.querySelector(".llp-report-status");
        if (report.status === "done" || report.status === "failed") {
          var badge = document.createElement("span");
          badge.className = "badge " + (report.status === "done" ? "text-bg-success" : "text-bg-danger");
          badge.textContent = report.status;
          status.replaceChildren(badge);
          row.querySelector(".llp-report-rows").textContent = report.rows === null ? "" : String(report.rows);
          if (report.download_url) {
            var link = document.createElement("a");
            link.className = "btn btn-outline-primary btn-sm";
            link.href = report.download_url;
            link.textContent = "Download CSV";
            link.setAttribute("data-testid", "download");
            row.querySelector(".llp-report-download").replaceChildren(link);
          }
          return;
        }
        var bar = status.querySelector(".progress-bar");
        bar.style.width = report.percent + "%";
        bar.textContent = report.percent + "%";
        status.querySelector(".progress").setAttribute("aria-valuenow", String(report.percent));
        status.querySelector(".text-muted").textContent = report.status;
        window.setTimeout(function () { poll(row); }, 1000);
      })
      .catch(function () { window.setTimeout(function () { poll(row); }, 5000); });
  }
  document.querySelectorAll("tr[data-poll-url]").forEach(poll);
})();
