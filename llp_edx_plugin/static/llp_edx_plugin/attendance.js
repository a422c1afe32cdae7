/* Attendance roster: "Select all" and the selection count. The forms work without this script. */
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  var count = document.getElementById("selected-count");
  if (!all) { return; }
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".llp-row-check"));
  var bulk = [document.getElementById("bulk-present"), document.getElementById("bulk-absent")];
  var locked = bulk.some(function (b) { return b && b.disabled; });

  function update() {
    var checked = boxes.filter(function (b) { return b.checked; }).length;
    all.checked = checked > 0 && checked === boxes.length;
    all.indeterminate = checked > 0 && checked < boxes.length;
    count.textContent = checked ? "(" + checked + " selected)" : "";
    bulk.forEach(function (b) { if (b) { b.disabled = locked || checked === 0; } });
  }

  all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
    update();
  });
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  update();
})();
