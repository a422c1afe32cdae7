/* Instructor Dashboard, Certificates tab: every action calls the REST API of CONTRACT.md with the session
 * and the CSRF token, shows the answer inline (never raw JSON), and polls jobs for their progress bars. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("llp-instructor-config").textContent);
  var URLS = config.urls; // the REST routes of this course, from the page (never typed here)
  var FLASH_KEY = "llp-instructor-flash";
  var POLL_MS = 1000;
  // Job statuses and the history's labels come from the page (instructor/views.py), never retyped here.
  var ACTIVE = config.activeJobStatuses;
  var DONE = config.doneJobStatus;
  var JOB_BADGES = config.jobBadges;
  var COUNT_LABELS = config.countLabels;
  var VALUE_LABELS = config.valueLabels;
  var RESULT_HIDDEN = config.resultHidden;

  // --- HTTP -------------------------------------------------------------------------------------------

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /** Resolve to {ok, status, data}; a network failure is status 0. Never rejects. */
  function request(method, url, body) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(
      function (response) {
        var type = response.headers.get("Content-Type") || "";
        var parse = type.indexOf("json") !== -1 ? response.json().catch(function () { return null; }) : Promise.resolve(null);
        return parse.then(function (data) { return { ok: response.ok, status: response.status, data: data }; });
      },
      function () { return { ok: false, status: 0, data: null }; }
    );
  }

  /** The human text of an error answer: the contract's field errors or detail, else a plain sentence. */
  function errorText(answer) {
    var data = answer.data;
    if (data && data.errors && typeof data.errors === "object") {
      var messages = [];
      Object.keys(data.errors).forEach(function (field) {
        [].concat(data.errors[field]).forEach(function (message) { messages.push(String(message)); });
      });
      if (messages.length) { return messages.join(" "); }
    }
    if (data && typeof data.detail === "string") { return data.detail; }
    if (answer.status === 0) { return "Could not reach the server. Check your connection and try again."; }
    if (answer.status === 401) { return "Your session has ended: sign in again."; }
    if (answer.status === 403) { return "You are not allowed to do this."; }
    if (answer.status === 404) { return "This action is not available (not found)."; }
    return "The server could not complete the request (HTTP " + answer.status + ").";
  }

  // --- Feedback ---------------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  /** An alert; ``content`` is text or an array of nodes/strings. */
  function alertBox(kind, content) {
    var box = el("div", "alert alert-" + kind + " alert-dismissible");
    box.setAttribute("role", kind === "danger" ? "alert" : "status");
    [].concat(content).forEach(function (part) {
      box.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    var close = el("button", "btn-close");
    close.type = "button";
    close.setAttribute("data-llp-dismiss", "alert");
    close.setAttribute("aria-label", "Close");
    box.appendChild(close);
    return box;
  }

  function show(containerId, kind, content) {
    var container = document.getElementById(containerId) || document.getElementById("llp-flash");
    container.textContent = "";
    container.appendChild(alertBox(kind, content));
    return container;
  }

  /** Per-row results of a CSV upload as a small table. */
  function rowResults(rows) {
    var wrap = el("div", "table-responsive llp-row-results mt-2");
    var table = el("table", "table table-sm small mb-0");
    var head = el("thead");
    var headRow = el("tr");
    ["Row", "Learner", "Result"].forEach(function (title) { headRow.appendChild(el("th", null, title)); });
    head.appendChild(headRow);
    table.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr", row.ok ? "" : "table-danger");
      tr.appendChild(el("td", null, String(row.row !== undefined ? row.row : "")));
      tr.appendChild(el("td", null, row.username || ""));
      tr.appendChild(el("td", null, row.ok ? "Added" : row.error || "Not added"));
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  /** Keep a message across a reload, so the server-rendered lists show the change with its feedback. */
  function flashAndReload(target, kind, message, rows) {
    try {
      sessionStorage.setItem(FLASH_KEY, JSON.stringify({ target: target, kind: kind, message: message, rows: rows || null }));
    } catch (ignored) { /* private mode: the reload still shows the new state */ }
    window.location.reload();
  }

  function showStoredFlash() {
    var stored = null;
    try {
      stored = JSON.parse(sessionStorage.getItem(FLASH_KEY) || "null");
      sessionStorage.removeItem(FLASH_KEY);
    } catch (ignored) { return; }
    if (!stored) { return; }
    var content = [stored.message];
    if (stored.rows && stored.rows.length) { content.push(rowResults(stored.rows)); }
    show(stored.target, stored.kind, content);
  }

  /** Disable a button while its request runs, with a spinner; returns a function that restores it. */
  function busy(button) {
    if (!button) { return function () {}; }
    var label = button.innerHTML;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    var spinner = el("span", "spinner-border spinner-border-sm me-1");
    spinner.setAttribute("aria-hidden", "true");
    button.insertBefore(spinner, button.firstChild);
    return function () {
      button.innerHTML = label;
      button.disabled = false;
      button.removeAttribute("aria-busy");
    };
  }

  /** A confirmation step in the page's modal; resolves true when confirmed. */
  function confirmDialog(options) {
    var modalEl = document.getElementById("llp-confirm");
    document.getElementById("llp-confirm-title").textContent = options.title;
    var body = document.getElementById("llp-confirm-body");
    body.textContent = "";
    [].concat(options.body).forEach(function (text, i) {
      var p = el("p", i === 0 ? "mb-2" : "alert alert-warning small mb-0", text);
      body.appendChild(p);
    });
    var ok = document.getElementById("llp-confirm-ok");
    ok.textContent = options.ok;
    ok.className = "btn " + (options.okClass || "btn-danger");
    return new Promise(function (resolve) {
      var confirmed = false;
      function onOk() { confirmed = true; modalEl.close(); }
      function onClose() {
        ok.removeEventListener("click", onOk);
        modalEl.removeEventListener("close", onClose);
        resolve(confirmed);
      }
      ok.addEventListener("click", onOk);
      modalEl.addEventListener("close", onClose);
      modalEl.showModal();
    });
  }

  // --- Job progress -----------------------------------------------------------------------------------

  function percentOf(job) {
    if (job.status === DONE) { return 100; }
    if (!job.total) { return 0; }
    return Math.min(100, Math.floor(((job.done || 0) + (job.failed || 0)) * 100 / job.total));
  }

  function resultParts(result) {
    result = result || {};
    // A fixed order: counts first, then the other values by name (jsonb does not keep key order).
    var parts = Object.keys(COUNT_LABELS).filter(function (key) { return typeof result[key] === "number"; })
      .map(function (key) { return result[key] + " " + COUNT_LABELS[key]; });
    Object.keys(result).sort().forEach(function (key) {
      var value = result[key];
      if (COUNT_LABELS[key] || RESULT_HIDDEN.indexOf(key) !== -1 || value === null || value === "") { return; }
      if (["string", "number", "boolean"].indexOf(typeof value) !== -1) {
        var label = VALUE_LABELS[key] || key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, " ");
        parts.push(label + ": " + value);
      }
    });
    return parts;
  }

  /** A progress bar bound to one of the page's ``.llp-job`` boxes. */
  function JobProgress(box) {
    this.box = box;
    this.bar = box.querySelector(".progress-bar");
    this.track = box.querySelector(".progress");
    this.badge = box.querySelector(".llp-job-status");
    this.counts = box.querySelector(".llp-job-counts");
    this.result = box.querySelector(".llp-job-result");
    this.timer = null;
    this.errors = 0;
  }

  JobProgress.prototype.render = function (job) {
    var percent = percentOf(job);
    var finished = ACTIVE.indexOf(job.status) === -1;
    this.box.hidden = false;
    this.box.setAttribute("data-job-id", job.id);
    this.box.setAttribute("data-status", job.status);
    this.bar.style.width = percent + "%";
    this.bar.textContent = percent + "%";
    this.track.setAttribute("aria-valuenow", String(percent));
    this.bar.className = "progress-bar" + (finished ? (job.status === DONE ? " bg-success" : " bg-danger") : " progress-bar-striped progress-bar-animated");
    this.badge.textContent = job.status;
    this.badge.className = "badge llp-job-status " + (JOB_BADGES[job.status] || "text-bg-danger");
    this.counts.textContent = (job.done || 0) + " of " + (job.total || 0) + " done · " + (job.failed || 0) + " failed";
    this.result.textContent = "";
    if (!finished) { return; }
    var reload = el("button", "btn btn-link btn-sm p-0 align-baseline ms-1", "Refresh the page to update the history and the lists.");
    reload.type = "button";
    reload.setAttribute("data-llp-reload", "");
    if (job.status === DONE) {
      var parts = resultParts(job.result);
      var text = "Finished: " + (parts.length ? parts.join(", ") : (job.done || 0) + " done, " + (job.failed || 0) + " failed") + ".";
      this.result.appendChild(alertBox(job.failed ? "warning" : "success", [text, " ", reload]));
    } else {
      var error = (job.result && job.result.error) || "The job stopped before the end.";
      this.result.appendChild(alertBox("danger", ["Failed: " + error + " ", reload]));
    }
  };

  /** Poll the job's URL (``config.jobUrl``) every second until the job ends; ``onEnd(job)`` then. */
  JobProgress.prototype.follow = function (jobId, onEnd) {
    var self = this;
    clearTimeout(self.timer);
    self.box.hidden = false;
    function tick() {
      request("GET", config.jobUrl.replace("{id}", encodeURIComponent(jobId))).then(function (answer) {
        if (!answer.ok || !answer.data) {
          self.errors += 1;
          if (answer.status === 404 || answer.status === 403 || self.errors >= 5) {
            self.result.textContent = "";
            self.result.appendChild(alertBox("danger", "Could not read the job's progress: " + errorText(answer)));
            if (onEnd) { onEnd(null); }
            return;
          }
          self.timer = setTimeout(tick, POLL_MS);
          return;
        }
        self.errors = 0;
        self.render(answer.data);
        if (ACTIVE.indexOf(answer.data.status) !== -1) {
          self.timer = setTimeout(tick, POLL_MS);
        } else if (onEnd) {
          onEnd(answer.data);
        }
      });
    }
    tick();
  };

  // --- Example certificates and activation ------------------------------------------------------------

  var exampleOk = Boolean(config.exampleSucceeded);
  var videosMissing = Number(config.videosMissing || 0);

  function updateActivate() {
    var button = document.getElementById("activate");
    if (!button) { return; }
    var boxes = document.querySelectorAll(".llp-confirm");
    var allChecked = Array.prototype.every.call(boxes, function (box) { return box.checked; });
    button.disabled = !(allChecked && exampleOk && !videosMissing);
    var hint = document.getElementById("activate-hint");
    if (videosMissing) {
      hint.textContent = "Set the duration of every required video first.";
    } else if (!exampleOk) {
      hint.textContent = "Generate an example certificate that succeeds first.";
    } else if (!allChecked) {
      hint.textContent = "Confirm each rule above to activate.";
    } else {
      hint.textContent = "";
    }
  }

  function onExamples(event) {
    var restore = busy(event.currentTarget);
    show("examples-feedback", "info", "Generating the example certificates…");
    request("POST", URLS.examples, {}).then(function (answer) {
      restore();
      if (!answer.ok) {
        show("examples-feedback", "danger", "The example certificates could not be generated: " + errorText(answer));
        return;
      }
      var results = [].concat(answer.data || []);
      var container = document.getElementById("examples-feedback");
      container.textContent = "";
      results.forEach(function (result) {
        if (result.status === "success") {
          exampleOk = true;
          var content = ["The example certificate was generated. "];
          if (result.preview_url) {
            var link = el("a", "alert-link", "Open the example certificate (PDF)");
            link.href = result.preview_url;
            link.target = "_blank";
            link.rel = "noopener";
            content.push(link);
          }
          container.appendChild(alertBox("success", content));
        } else {
          container.appendChild(alertBox("danger", "The example certificate failed: " + (result.error || "unknown error") + "."));
        }
      });
      updateActivate();
    });
  }

  function onActivation(active) {
    return function (event) {
      var button = event.currentTarget;
      var ask = active ? Promise.resolve(true) : confirmDialog({
        title: "Deactivate certificates?",
        body: ["No new certificates will be issued until they are activated again. Certificates already issued stay valid."],
        ok: "Deactivate Certificates",
      });
      ask.then(function (confirmed) {
        if (!confirmed) { return; }
        var restore = busy(button);
        request("PUT", URLS.activation, { active: active }).then(function (answer) {
          if (answer.ok) {
            flashAndReload("activation-feedback", "success", active ? "Certificates are now active." : "Certificates are now deactivated.");
            return;
          }
          restore();
          updateActivate();
          show("activation-feedback", "danger", errorText(answer));
        });
      });
    };
  }

  function onLearnerGeneration(event) {
    var toggle = event.currentTarget;
    var enabled = toggle.checked;
    toggle.disabled = true;
    request("PUT", URLS.learnerGeneration, { enabled: enabled }).then(function (answer) {
      toggle.disabled = false;
      if (answer.ok) {
        show("learner-generation-feedback", "success", enabled ? "Learner-generated certificates are enabled." : "Learner-generated certificates are disabled.");
      } else {
        toggle.checked = !enabled;
        show("learner-generation-feedback", "danger", errorText(answer));
      }
    });
  }

  // --- Bulk generation and regeneration ---------------------------------------------------------------

  var generateProgress = new JobProgress(document.getElementById("generate-progress"));
  var regenerateProgress = new JobProgress(document.getElementById("regenerate-progress"));
  var generationButtons = ["generate-certificates", "regenerate"].map(function (id) { return document.getElementById(id); });

  function setGenerating(running) {
    generationButtons.forEach(function (button) {
      if (button) { button.disabled = running || !config.active; }
    });
  }

  function followGeneration(jobId) {
    setGenerating(true);
    generateProgress.follow(jobId, function () {
      setGenerating(false);
      var started = document.querySelector("#generate-feedback .alert-info");
      if (started) { started.remove(); } // the bar now tells how it ended
    });
  }

  /** The running job after a 409: named in the answer, or the newest active run of the history. */
  function resumeRunning(answer) {
    var match = answer.data && typeof answer.data.detail === "string" && answer.data.detail.match(/job (\d+)/);
    if (match) { followGeneration(match[1]); return; }
    if (config.runningJobId) { followGeneration(config.runningJobId); return; }
    request("GET", URLS.history).then(function (history) {
      var runs = history.ok ? [].concat((history.data && history.data.results) || history.data || []) : [];
      var running = runs.filter(function (run) { return ACTIVE.indexOf(run.status) !== -1; })[0];
      if (running) { followGeneration(running.job_id || running.id); } else { setGenerating(false); }
    });
  }

  function startGeneration(body, button, startedMessage) {
    var restore = busy(button);
    request("POST", URLS.generate, body).then(function (answer) {
      restore();
      if (answer.status === 409) {
        show("generate-feedback", "warning", "A generation is already running: its progress is shown below.");
        resumeRunning(answer);
        return;
      }
      if (!answer.ok || !answer.data || answer.data.job_id === undefined) {
        show("generate-feedback", "danger", errorText(answer));
        return;
      }
      show("generate-feedback", "info", startedMessage);
      followGeneration(answer.data.job_id);
    });
  }

  function onGenerate(event) {
    startGeneration({}, event.currentTarget, "Certificate generation started.");
  }

  function onRegenerate(event) {
    event.preventDefault();
    var form = event.currentTarget;
    var statuses = Array.prototype.map.call(form.querySelectorAll("input[name=statuses]:checked"), function (box) { return box.value; });
    if (!statuses.length) {
      show("generate-feedback", "warning", "Choose at least one status to regenerate.");
      return;
    }
    var labels = Array.prototype.map.call(form.querySelectorAll("input[name=statuses]:checked"), function (box) {
      return form.querySelector("label[for=" + box.id + "]").firstChild.textContent.trim();
    });
    confirmDialog({
      title: "Regenerate certificates?",
      body: [
        "Learners whose certificate is " + labels.join(", ").toLowerCase() + " will have it generated again.",
        document.getElementById("regenerate-warning").textContent,
      ],
      ok: "Regenerate",
      okClass: "btn-primary",
    }).then(function (confirmed) {
      if (confirmed) { startGeneration({ statuses: statuses }, document.getElementById("regenerate"), "Regeneration started."); }
    });
  }

  // --- Exceptions and invalidations -------------------------------------------------------------------

  function formValues(form) {
    return { username: form.elements.username.value.trim(), notes: form.elements.notes.value.trim() };
  }

  function listAction(options) {
    var restore = busy(options.button);
    request(options.method, options.url, options.body).then(function (answer) {
      if (answer.ok) {
        flashAndReload(options.feedback, "success", options.success);
        return;
      }
      restore();
      show(options.feedback, "danger", errorText(answer));
    });
  }

  function onAddException(event) {
    event.preventDefault();
    var values = formValues(event.currentTarget);
    if (!values.username) { show("exceptions-feedback", "warning", "Give a username or an e-mail address."); return; }
    listAction({
      method: "POST", url: URLS.exceptions, body: values, button: event.submitter,
      feedback: "exceptions-feedback", success: "'" + values.username + "' was added to the exceptions.",
    });
  }

  function onRemoveException(button) {
    var username = button.getAttribute("data-remove-exception");
    listAction({
      method: "DELETE", url: URLS.exceptions, body: { username: username }, button: button,
      feedback: "exceptions-feedback", success: "'" + username + "' was removed from the exceptions.",
    });
  }

  function onExceptionsCsv(event) {
    event.preventDefault();
    var input = document.getElementById("exception-csv");
    if (!input.files.length) { show("exceptions-feedback", "warning", "Choose a CSV file first."); return; }
    var data = new FormData();
    data.append("file", input.files[0]);
    var restore = busy(event.submitter);
    request("POST", URLS.exceptionsCsv, data).then(function (answer) {
      restore();
      if (!answer.ok) { show("exceptions-feedback", "danger", "The file was not imported: " + errorText(answer)); return; }
      var rows = [].concat((answer.data && answer.data.results) || answer.data || []);
      var added = rows.filter(function (row) { return row.ok; }).length;
      var message = added + " of " + rows.length + " row" + (rows.length === 1 ? "" : "s") + " added.";
      flashAndReload("exceptions-feedback", added === rows.length ? "success" : "warning", message, rows);
    });
  }

  function onInvalidate(event) {
    event.preventDefault();
    var values = formValues(event.currentTarget);
    if (!values.username) { show("invalidations-feedback", "warning", "Give a username or an e-mail address."); return; }
    listAction({
      method: "POST", url: URLS.invalidations, body: values, button: event.submitter,
      feedback: "invalidations-feedback", success: "The certificate of '" + values.username + "' is invalidated.",
    });
  }

  function onRevalidate(button) {
    var username = button.getAttribute("data-revalidate");
    listAction({
      method: "DELETE", url: URLS.invalidations, body: { username: username }, button: button,
      feedback: "invalidations-feedback", success: "The certificate of '" + username + "' is valid again.",
    });
  }

  // --- Problem attempts -------------------------------------------------------------------------------

  function onResetAttempts(event) {
    event.preventDefault();
    var form = event.currentTarget;
    var values = { username: form.elements.username.value.trim(), usage_key: form.elements.usage_key.value };
    if (!values.username) { show("attempts-feedback", "warning", "Give a username or an e-mail address."); return; }
    var name = form.elements.usage_key.selectedOptions[0].textContent;
    listAction({
      method: "POST", url: URLS.attemptsReset, body: values, button: event.submitter,
      feedback: "attempts-feedback", success: "The attempts of '" + values.username + "' on '" + name + "' are reset.",
    });
  }

  // --- Per-learner actions ----------------------------------------------------------------------------

  function rowOf(button) {
    return button.closest("tr");
  }

  function usernameOf(button) {
    return rowOf(button).getAttribute("data-username");
  }

  function onDelete(button) {
    var username = usernameOf(button);
    confirmDialog({
      title: "Delete this certificate?",
      body: [
        "The certificate of '" + username + "' will be deleted: the learner no longer sees it and its verification page says so.",
        "The record and its history are kept for audit.",
      ],
      ok: "Delete",
    }).then(function (confirmed) {
      if (!confirmed) { return; }
      listAction({
        method: "DELETE", url: rowOf(button).getAttribute("data-url"), button: button,
        feedback: "certificates-feedback", success: "The certificate of '" + username + "' was deleted.",
      });
    });
  }

  function onRegenerateOne(button) {
    var username = usernameOf(button);
    confirmDialog({
      title: "Regenerate this certificate?",
      body: [
        "The certificate of '" + username + "' will be generated again with the current template.",
        document.getElementById("regenerate-warning").textContent,
      ],
      ok: "Regenerate",
      okClass: "btn-primary",
    }).then(function (confirmed) {
      if (!confirmed) { return; }
      var restore = busy(button);
      request("POST", rowOf(button).getAttribute("data-regenerate-url")).then(function (answer) {
        if (!answer.ok || !answer.data || answer.data.job_id === undefined) {
          restore();
          show("certificates-feedback", "danger", errorText(answer));
          return;
        }
        document.getElementById("certificates-feedback").textContent = "";
        regenerateProgress.box.querySelector(".llp-job-title").textContent = "Regenerating the certificate of " + username;
        regenerateProgress.follow(answer.data.job_id, restore);
      });
    });
  }

  // --- Wiring -----------------------------------------------------------------------------------------

  function on(id, type, handler) {
    var node = document.getElementById(id);
    if (node) { node.addEventListener(type, handler); }
  }

  on("generate-examples", "click", onExamples);
  on("activate", "click", onActivation(true));
  on("deactivate", "click", onActivation(false));
  on("learner-generation-toggle", "change", onLearnerGeneration);
  on("generate-certificates", "click", onGenerate);
  on("regenerate-form", "submit", onRegenerate);
  on("exception-form", "submit", onAddException);
  on("exception-csv-form", "submit", onExceptionsCsv);
  on("invalidation-form", "submit", onInvalidate);
  on("attempts-reset-form", "submit", onResetAttempts);
  document.querySelectorAll(".llp-confirm").forEach(function (box) { box.addEventListener("change", updateActivate); });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-remove-exception], [data-revalidate], [data-delete], [data-regenerate], [data-llp-reload]");
    if (!target) { return; }
    if (target.hasAttribute("data-llp-reload")) { event.preventDefault(); window.location.reload(); }
    else if (target.hasAttribute("data-remove-exception")) { onRemoveException(target); }
    else if (target.hasAttribute("data-revalidate")) { onRevalidate(target); }
    else if (target.hasAttribute("data-delete")) { onDelete(target); }
    else if (target.hasAttribute("data-regenerate")) { onRegenerateOne(target); }
  });

  showStoredFlash();
  updateActivate();
  if (config.runningJobId) { followGeneration(config.runningJobId); }
})();
