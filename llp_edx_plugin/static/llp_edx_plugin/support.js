/* Contact form: redraw the automatic diagnosis when the learner picks another training. */
(function () {
  "use strict";
  var select = document.getElementById("id_course_key");
  var box = document.getElementById("llp-diagnosis");
  if (!select || !box) { return; }
  var list = box.querySelector("[data-findings]");

  function draw(findings) {
    list.textContent = "";
    var previousLink = null;
    findings.forEach(function (finding) {
      var item = document.createElement("li");
      item.className = "llp-finding d-flex gap-2 py-2";
      item.dataset.code = finding.code;
      var dot = document.createElement("span");
      dot.className = "llp-finding-dot flex-shrink-0";
      dot.setAttribute("aria-hidden", "true");
      var text = document.createElement("span");
      text.className = "flex-grow-1 llp-min-0";
      var message = document.createElement("span");
      message.className = "llp-finding-message";
      message.textContent = finding.message;
      text.appendChild(message);
      if (finding.link_url && finding.link_url !== previousLink) {  // a shared link is shown once
        var link = document.createElement("a");
        link.className = "ms-1 text-nowrap";
        link.href = finding.link_url;
        link.textContent = finding.link_label + " \u2192";
        text.appendChild(link);
      }
      previousLink = finding.link_url || null;
      item.appendChild(dot);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  select.addEventListener("change", function () {
    var url = box.dataset.api + "?course_key=" + encodeURIComponent(select.value);
    box.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        draw(data.diagnosis);
        var address = new URL(window.location.href);
        if (select.value) { address.searchParams.set("course_key", select.value); } else { address.searchParams.delete("course_key"); }
        window.history.replaceState(null, "", address);
      })
      .catch(function () { /* keep the previous diagnosis: the form still works */ })
      .finally(function () { box.removeAttribute("aria-busy"); });
  });
})();
