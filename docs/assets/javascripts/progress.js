/* Promises Kept — course progress on the home page, and the certificate.
 * Loaded only by the pages that have it (course/assets.py), after course.js, whose helpers it uses. */
(function () {
  "use strict";
  var course = window.PromisesKeptCourse;
  if (!course || !course.firstRun("progress")) return;
  var lms = course.lms, load = course.load, validBest = course.validBest;
  var readJSON = course.readJSON, writeJSON = course.writeJSON, VISITS = course.visits;

  /* A lesson's quiz on the learning path: not started, tried or passed. */
  function showQuizStatus(element) {
    var record = load(element.getAttribute("data-quiz-status"));
    var best = record && validBest(record.best);
    element.setAttribute("data-status", best ? (best.passed ? "passed" : "tried") : "not-started");
    element.textContent = !best ? "Not started"
      : best.passed ? "Passed (best " + best.percent + "%)"
      : "Best " + best.percent + "%, not passed yet";
  }

  /* The one completion rule from mkdocs.yml, applied to what this browser saved. */
  var COMPLETED = "promises-kept:completed";
  var NAME = "promises-kept:learner-name";

  /* Each lesson with its best score and what it still lacks under the rule. */
  function courseState(element) {
    var rule = [];
    var lessons = [];
    try {
      rule = JSON.parse(element.getAttribute("data-rule"));
      lessons = JSON.parse(element.getAttribute("data-lessons"));
    } catch (error) { /* markup from the build: not expected to fail */ }
    var visits = readJSON(VISITS) || {};
    var rows = lessons.map(function (lesson) {
      var record = lesson.quiz ? load(lesson.quiz) : null;
      var best = record && validBest(record.best);
      var missing = [];
      if (rule.indexOf("quizzes") !== -1 && !(best && best.passed)) missing.push(best ? "quiz not passed yet" : "quiz not taken yet");
      if (rule.indexOf("visits") !== -1 && visits[lesson.id] !== true) missing.push("not opened yet");
      return { lesson: lesson, best: best, missing: missing, started: !!best || visits[lesson.id] === true };
    });
    var done = rows.filter(function (row) { return !row.missing.length; }).length;
    var complete = rows.length > 0 && done === rows.length;
    var date = readJSON(COMPLETED);
    if (complete && typeof date !== "string") {
      date = new Date().toISOString().slice(0, 10);
      writeJSON(COMPLETED, date);
    }
    return { rows: rows, done: done, complete: complete, date: complete ? date : null };
  }

  function showCourseProgress(element) {
    var state = courseState(element);
    var total = state.rows.length;
    element.querySelector("[data-course-count]").textContent =
      state.done + " of " + total + " lessons complete" + (state.complete ? "." : ": " + (total - state.done) + " to go.");
    var bar = element.querySelector("progress");
    bar.value = state.done;
    bar.hidden = false;
    var next = element.querySelector("[data-course-next]");
    var todo = state.rows.filter(function (row) { return row.missing.length; })[0];
    if (todo) {
      var started = state.rows.some(function (row) { return row.started; });
      next.href = todo.lesson.url;
      next.textContent = started ? "Continue where you left off: " + todo.lesson.title : "Start the course";
    }
    next.hidden = !todo;
    element.querySelector("[data-course-done]").hidden = !state.complete;
  }

  function setUpCertificate(element) {
    if (element.hasAttribute("data-certificate-ready")) return;
    element.setAttribute("data-certificate-ready", "");
    var state = courseState(element);
    element.querySelector("[data-certificate-locked]").hidden = state.complete;
    element.querySelector("[data-certificate-unlocked]").hidden = !state.complete;
    if (!state.complete) {
      var list = element.querySelector("[data-certificate-missing]");
      state.rows.forEach(function (row) {
        if (!row.missing.length) return;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = row.lesson.url;
        link.textContent = row.lesson.title;
        item.appendChild(link);
        item.appendChild(document.createTextNode(": " + row.missing.join(", ")));
        list.appendChild(item);
      });
      return;
    }
    if (lms()) {
      element.querySelector(".pk-certificate__honest").textContent =
        "Your learning system holds the official record of this course; this certificate shows the results it keeps.";
    }
    var body = element.querySelector("[data-certificate-rows]");
    state.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      [row.lesson.title, row.best ? row.best.percent + "%" : "—"].forEach(function (text) {
        var td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var time = element.querySelector("[data-certificate-date]");
    time.setAttribute("datetime", state.date);
    time.textContent = new Date(state.date + "T12:00:00").toLocaleDateString(document.documentElement.lang || "en",
      { year: "numeric", month: "long", day: "numeric" });
    var input = element.querySelector("[data-learner-name]");
    var shown = element.querySelector("[data-certificate-learner]");
    var saved = readJSON(NAME);
    input.value = typeof saved === "string" ? saved : "";
    var update = function () {
      shown.textContent = input.value.trim() || "Your name";
      writeJSON(NAME, input.value.trim());
    };
    input.addEventListener("input", update);
    update();
    element.querySelector("[data-certificate-print]").addEventListener("click", function () { window.print(); });
  }

  course.onPage(function () {
    document.querySelectorAll("[data-quiz-status]").forEach(showQuizStatus);
    document.querySelectorAll("[data-course-progress]").forEach(showCourseProgress);
    document.querySelectorAll("[data-certificate]").forEach(setUpCertificate);
  });
})();
