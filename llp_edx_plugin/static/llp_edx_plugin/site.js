/* LLP Certificates: the site's two small behaviours (docs/decisions/0023-own-stylesheet.md).
   - a button with data-llp-toggle="collapse" and data-llp-target="#id" shows or hides that element (the
     navbar menu on a phone) and keeps aria-expanded in step;
   - a button with data-llp-dismiss="alert" removes the alert it sits in.
   Dialogs are native <dialog> elements: <form method="dialog"> buttons close them without script. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-llp-toggle='collapse']");
    if (toggle) {
      var target = document.querySelector(toggle.getAttribute("data-llp-target"));
      if (target) {
        var open = target.classList.toggle("show");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      }
      return;
    }
    var dismiss = event.target.closest("[data-llp-dismiss='alert']");
    if (dismiss) {
      var alert = dismiss.closest(".alert");
      if (alert) { alert.remove(); }
    }
  });
})();
