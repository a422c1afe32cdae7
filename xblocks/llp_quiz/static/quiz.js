/* llp_quiz and CAPA problems: collect the answers, call the submit handler, show the result. */
(function () {
  "use strict";
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function answersOf(form) {
    var answers = {};
    form.querySelectorAll(".llp-quiz-question").forEach(function (fieldset) {
      var id = fieldset.dataset.questionId;
      var kind = fieldset.dataset.kind;
      if (kind === "multiple") {
        answers[id] = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (i) { return i.value; });
      } else if (kind === "single") {
        var checked = fieldset.querySelector("input:checked");
        if (checked) { answers[id] = checked.value; }
      } else {
        var value = fieldset.querySelector("input, select").value.trim();  // a text input or a dropdown
        if (value !== "") { answers[id] = value; }
      }
    });
    return answers;
  }
  function init(form) {
    if (form.dataset.llpReady) { return; }
    form.dataset.llpReady = "1";
    var button = form.querySelector(".llp-quiz-submit");
    var result = form.querySelector(".llp-quiz-result");
    var attempts = form.querySelector(".llp-quiz-attempts");
    var error = form.querySelector(".llp-quiz-error");
    // Messages in the page's language: the template puts them, translated, in data-msg-* attributes.
    function msg(name, english) { return form.dataset["msg" + name.charAt(0).toUpperCase() + name.slice(1)] || english; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      fetch(form.dataset.handlerUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body: JSON.stringify({ answers: answersOf(form) })
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        error.hidden = answer.ok;
        if (!answer.ok) { error.textContent = answer.data.detail || msg("notSubmitted", "Not submitted."); return; }
        var data = answer.data;
        // A CAPA problem answers "complete" (done once submitted, right or wrong); a quiz must be passed.
        result.textContent = data.complete === true
          ? msg("submittedScore", "Submitted: score {score}/{max_score}").replace("{score}", data.score).replace("{max_score}", data.max_score)
          : msg("score", "Score {score}/{max_score}").replace("{score}", data.score).replace("{max_score}", data.max_score) +
            (data.passed ? msg("passed", " \u2014 passed") : msg("notPassed", " \u2014 not passed yet"));
        if (data.attempts_left !== null) {
          attempts.textContent = (data.attempts_left === 1 ? msg("attemptLeft", "{n} attempt left") : msg("attemptsLeft", "{n} attempts left")).replace("{n}", data.attempts_left);
        }
        button.dataset.exhausted = data.attempts_left === 0 ? "1" : "";
      }).catch(function () {
        error.hidden = false;
        error.textContent = msg("connection", "Not submitted: connection problem.");
      }).then(function () { button.disabled = button.dataset.exhausted === "1"; });
    });
  }
  function initAll() { document.querySelectorAll("form.llp-quiz[data-handler-url]").forEach(init); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", initAll); } else { initAll(); }
})();
