/* Promises Kept — self-scoring quizzes, course progress and the loyalty checklist.
 * Markup comes from course/render.py and course/checklist.py; answers and ratings are saved in
 * this browser only (localStorage). Runs on first load and after every instant navigation
 * (Material's document$). */
(function () {
  "use strict";

  var PREFIX = "promises-kept:quiz:";

  /* In an LMS package the launch page around this frame records progress (course/lms/launch.js). */
  function lms() {
    try {
      return window.parent !== window && window.parent.PromisesKept ? window.parent.PromisesKept : null;
    } catch (error) {
      return null; /* a frame from another site: not our launch page */
    }
  }

  /* Storage may be missing, full, blocked or hold junk: none of that may break the page. */
  function load(id) {
    try {
      var record = JSON.parse(window.localStorage.getItem(PREFIX + id) || "null");
      return record && typeof record === "object" && !Array.isArray(record) ? record : null;
    } catch (error) {
      return null;
    }
  }

  function save(id, record) {
    try {
      window.localStorage.setItem(PREFIX + id, JSON.stringify(record));
    } catch (error) {
      /* Private mode or a full quota: scoring still works, it is just not remembered. */
    }
  }

  function validBest(best) {
    return best && typeof best.percent === "number" && typeof best.passed === "boolean" ? best : null;
  }

  function questions(form) {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset[data-question]"));
  }

  function inputs(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll("input"));
  }

  function chosen(fieldset) {
    return inputs(fieldset).filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }

  function isCorrect(fieldset) {
    /* Right only when exactly the right set is chosen: no missing and no extra options. */
    return inputs(fieldset).every(function (input) {
      return input.checked === input.hasAttribute("data-correct");
    });
  }

  /* ---- Option order: each learner's own shuffle, kept with the attempt ---- */

  function shuffled(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i]; copy[i] = copy[j]; copy[j] = swap;
    }
    return copy;
  }

  /* Places for the right option of single-answer questions, dealt so each place comes round in
   * turn: always picking the first (or last) option then scores about one question in four. */
  function deck() {
    var cards = [];
    return function deal(count) {
      for (var i = 0; i < cards.length; i++) {
        if (cards[i] < count) return cards.splice(i, 1)[0];
      }
      var fresh = [];
      for (var place = 0; place < count; place++) fresh.push(place);
      cards = cards.concat(shuffled(fresh));
      return deal(count);
    };
  }

  function values(fieldset) {
    return inputs(fieldset).map(function (input) { return input.value; });
  }

  function newOrders(form) {
    var deal = deck();
    var orders = {};
    questions(form).forEach(function (fieldset) {
      var all = values(fieldset);
      var order = all;
      if (fieldset.getAttribute("data-shuffle") !== "false") {
        order = shuffled(all);
        if (fieldset.getAttribute("data-type") === "single") {
          var right = fieldset.querySelector("input[data-correct]").value;
          order.splice(order.indexOf(right), 1);
          order.splice(deal(all.length), 0, right);
        }
      }
      orders[fieldset.getAttribute("data-question")] = order;
    });
    return orders;
  }

  /* A saved order fits when it holds exactly this question's options (the file may have changed). */
  function fits(fieldset, order) {
    var all = values(fieldset);
    return Array.isArray(order) && order.length === all.length &&
      all.every(function (value) { return order.indexOf(value) !== -1; });
  }

  function applyOrders(form, orders) {
    questions(form).forEach(function (fieldset) {
      var box = fieldset.querySelector(".pk-quiz__options");
      orders[fieldset.getAttribute("data-question")].forEach(function (value) {
        box.appendChild(box.querySelector('[data-option="' + value + '"]'));
      });
    });
  }

  /* The order on screen now, as saved with the attempt. */
  function shownOrders(form) {
    var orders = {};
    questions(form).forEach(function (fieldset) {
      orders[fieldset.getAttribute("data-question")] = Array.prototype.map.call(
        fieldset.querySelectorAll("[data-option]"), function (el) { return el.getAttribute("data-option"); });
    });
    return orders;
  }

  /* ---- Scoring and what the learner sees afterwards ---- */

  function announce(form, text, wrong) {
    var status = form.querySelector("[role=status]");
    status.textContent = "";
    /* A fresh text node in a later frame makes screen readers repeat an unchanged message. */
    window.requestAnimationFrame(function () {
      status.textContent = text;
      if (!wrong || !wrong.length) return;
      status.appendChild(document.createTextNode(" Still wrong: "));
      wrong.forEach(function (fieldset, i) {
        var link = document.createElement("a");
        link.href = "#" + fieldset.id;
        link.textContent = "question " + (questions(form).indexOf(fieldset) + 1);
        link.addEventListener("click", function () { fieldset.focus(); });
        status.appendChild(link);
        status.appendChild(document.createTextNode(i < wrong.length - 1 ? ", " : "."));
      });
    });
  }

  var MARKS = {
    "chosen-right": "Your answer: right",
    "chosen-wrong": "Your answer: wrong",
    "missed-right": "A right answer you did not choose"
  };

  function clearMarks(fieldset) {
    fieldset.removeAttribute("data-result");
    fieldset.removeAttribute("data-unanswered");
    var result = fieldset.querySelector(".pk-quiz__result");
    result.hidden = true;
    result.textContent = "";
    fieldset.querySelectorAll(".pk-quiz__feedback, .pk-quiz__explanation, .pk-quiz__mark").forEach(function (el) {
      el.hidden = true;
    });
    fieldset.querySelectorAll("[data-option]").forEach(function (option) { option.removeAttribute("data-mark"); });
    /* Descriptions point at feedback only once it is shown, so nothing is read out before checking. */
    inputs(fieldset).forEach(function (input) { input.removeAttribute("aria-describedby"); });
  }

  function markOptions(fieldset) {
    inputs(fieldset).forEach(function (input) {
      var right = input.hasAttribute("data-correct");
      var kind = input.checked ? (right ? "chosen-right" : "chosen-wrong") : (right ? "missed-right" : "");
      if (!kind) return;
      var option = input.closest("[data-option]");
      option.setAttribute("data-mark", kind);
      var mark = option.querySelector(".pk-quiz__mark");
      mark.textContent = MARKS[kind];
      mark.hidden = false;
      var described = [mark.id];
      var feedback = option.querySelector(".pk-quiz__feedback");
      if (feedback) {
        feedback.hidden = false;
        described.push(feedback.id);
      }
      input.setAttribute("aria-describedby", described.join(" "));
    });
  }

  function describeScore(correct, total, passMark) {
    var percent = Math.round((100 * correct) / total);
    /* Compare the exact fraction: 2 of 3 is 66.7%, which must not pass a 67% mark. */
    var passed = correct * 100 >= passMark * total;
    var text = correct + " of " + total + " correct (" + percent + "%) — " +
      (passed ? "passed" : "not passed yet: you need " + passMark + "%. Read the explanations, then try again.");
    return { percent: percent, passed: passed, text: text };
  }

  function markUnanswered(form, missing) {
    missing.forEach(function (fieldset) {
      fieldset.setAttribute("data-unanswered", "true");
      var result = fieldset.querySelector(".pk-quiz__result");
      result.textContent = "Not answered yet";
      result.hidden = false;
    });
    var numbers = missing.map(function (fieldset) { return questions(form).indexOf(fieldset) + 1; });
    announce(form, "Answer every question before checking. Still to answer: question " +
      numbers.join(", question ") + ".");
    inputs(missing[0])[0].focus();
  }

  function record(form) {
    var id = form.getAttribute("data-quiz");
    var saved = load(id) || {};
    return { id: id, best: validBest(saved.best) };
  }

  function score(form, remember) {
    var all = questions(form);
    var missing = all.filter(function (fieldset) { return chosen(fieldset).length === 0; });
    all.forEach(clearMarks);
    if (missing.length) {
      form.removeAttribute("data-scored");
      form.querySelector("[data-quiz-reset]").hidden = true;
      markUnanswered(form, missing);
      return;
    }
    var correct = 0;
    var answers = {};
    var wrong = [];
    all.forEach(function (fieldset) {
      var ok = isCorrect(fieldset);
      correct += ok ? 1 : 0;
      if (!ok) wrong.push(fieldset);
      answers[fieldset.getAttribute("data-question")] = chosen(fieldset);
      fieldset.setAttribute("data-result", ok ? "correct" : "incorrect");
      var result = fieldset.querySelector(".pk-quiz__result");
      result.textContent = ok ? "Correct" : "Incorrect";
      result.hidden = false;
      markOptions(fieldset);
      fieldset.querySelector(".pk-quiz__explanation").hidden = false;
    });
    var outcome = describeScore(correct, all.length, Number(form.getAttribute("data-pass-mark")) || 80);
    form.setAttribute("data-scored", outcome.passed ? "passed" : "failed");
    form.querySelector("[data-quiz-reset]").hidden = false;
    announce(form, outcome.text, wrong);
    if (remember) {
      var saved = record(form);
      var best = saved.best;
      if (!best || outcome.percent > best.percent) {
        best = { percent: outcome.percent, passed: outcome.passed };
      }
      save(saved.id, { version: form.getAttribute("data-quiz-version"), order: shownOrders(form), answers: answers, best: best });
      var host = lms();
      if (host) {
        host.scored(saved.id, all.map(function (fieldset) {
          return { id: fieldset.getAttribute("data-question"), chosen: chosen(fieldset), ok: isCorrect(fieldset),
            correct: inputs(fieldset).filter(function (i) { return i.hasAttribute("data-correct"); }).map(function (i) { return i.value; }) };
        }));
      }
    }
  }

  /* A new attempt: a fresh shuffle, saved at once so a reload shows the same page. */
  function startAttempt(form) {
    var orders = newOrders(form);
    applyOrders(form, orders);
    var saved = record(form);
    save(saved.id, { version: form.getAttribute("data-quiz-version"), order: orders, best: saved.best });
  }

  function reset(form) {
    questions(form).forEach(function (fieldset) {
      clearMarks(fieldset);
      inputs(fieldset).forEach(function (input) { input.checked = false; });
    });
    form.removeAttribute("data-scored");
    form.querySelector("[data-quiz-reset]").hidden = true;
    startAttempt(form);
    announce(form, "Answers cleared and the options shuffled again. Choose your answers again.");
    questions(form)[0].querySelector("input").focus();
  }

  function restore(form) {
    var saved = load(form.getAttribute("data-quiz"));
    /* Order and answers saved for an older version of the quiz file may no longer fit its questions. */
    var version = form.getAttribute("data-quiz-version");
    /* An LMS package keeps a prefix of the version, to stay within SCORM 1.2's size limit. */
    if (!saved || typeof saved.version !== "string" || !(saved.version === version ||
        (saved.version.length >= 6 && version.indexOf(saved.version) === 0))) {
      startAttempt(form);
      return;
    }
    var ordered = saved.order && typeof saved.order === "object" && questions(form).every(function (fieldset) {
      return fits(fieldset, saved.order[fieldset.getAttribute("data-question")]);
    });
    if (!ordered) {
      /* Answers without an order (restored from an LMS): a fresh shuffle, the answers kept. */
      saved.order = newOrders(form);
      save(form.getAttribute("data-quiz"), saved);
    }
    applyOrders(form, saved.order);
    if (!saved.answers || typeof saved.answers !== "object") return;
    var complete = questions(form).every(function (fieldset, index) {
      /* By question id; from an LMS, by position. */
      var answer = Array.isArray(saved.answers) ? saved.answers[index] : saved.answers[fieldset.getAttribute("data-question")];
      if (!Array.isArray(answer) || !answer.length) return false;
      inputs(fieldset).forEach(function (input) { input.checked = answer.indexOf(input.value) !== -1; });
      return true;
    });
    if (complete) score(form, false);
  }

  function setUp(form) {
    if (form.hasAttribute("data-quiz-ready")) return;
    form.setAttribute("data-quiz-ready", "");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      score(form, true);
    });
    form.querySelector("[data-quiz-reset]").addEventListener("click", function () { reset(form); });
    restore(form);
  }

  function showProgress(element) {
    var record = load(element.getAttribute("data-quiz-status"));
    var best = record && validBest(record.best);
    element.setAttribute("data-status", best ? (best.passed ? "passed" : "tried") : "not-started");
    element.textContent = !best ? "Not started"
      : best.passed ? "Passed (best " + best.percent + "%)"
      : "Best " + best.percent + "%, not passed yet";
  }

  /* ---- Course completion: the one rule from mkdocs.yml, applied to what this browser saved ---- */

  var VISITS = "promises-kept:visits";
  var COMPLETED = "promises-kept:completed";
  var NAME = "promises-kept:learner-name";

  function readJSON(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (error) { return null; }
  }

  function writeJSON(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* not remembered */ }
  }

  function recordVisit(element) {
    var visits = readJSON(VISITS);
    if (!visits || typeof visits !== "object" || Array.isArray(visits)) visits = {};
    visits[element.getAttribute("data-lesson-visit")] = true;
    writeJSON(VISITS, visits);
  }

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

  /* ---- The loyalty checklist ---- */

  var CHECKLIST_KEY = "promises-kept:checklist:";

  function readingFor(form, average) {
    var rule = [];
    try { rule = JSON.parse(form.getAttribute("data-reading-rule") || "[]"); } catch (error) { rule = []; }
    for (var i = 0; i < rule.length; i++) {
      if (average >= rule[i][0]) return { code: rule[i][1], words: rule[i][2] };
    }
    return { code: "", words: "" };
  }

  function formatAverage(value) {
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  function ratings(form) {
    var saved = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      saved[input.name] = Number(input.value);
    });
    return saved;
  }

  function areaLine(title, sum, rated, count, max, average, reading) {
    if (!rated) return title + ": not rated yet (0 of " + count + " statements).";
    return title + ": subtotal " + sum + " of " + max + ", average " + formatAverage(average) +
      " (" + rated + " of " + count + " statements rated) — " + reading.words + ".";
  }

  function summarise(form, changedArea) {
    var allSum = 0;
    var allRated = 0;
    var announcement = "";
    form.querySelectorAll("section[data-area]").forEach(function (area) {
      var items = area.querySelectorAll("fieldset[data-item]");
      var checked = area.querySelectorAll("input[type=radio]:checked");
      var sum = 0;
      checked.forEach(function (input) { sum += Number(input.value); });
      var average = checked.length ? sum / checked.length : 0;
      var reading = checked.length ? readingFor(form, average) : { code: "", words: "" };
      var title = area.querySelector(".pk-area__title").firstChild.textContent; // without its ¶ link
      var line = areaLine(title, sum, checked.length, items.length, Number(area.getAttribute("data-max")), average, reading);
      area.querySelector(".pk-area__result").textContent = line;
      area.setAttribute("data-reading", reading.code || "unrated");
      area.toggleAttribute("data-rated", checked.length > 0);
      if (area === changedArea) announcement = line;
      allSum += sum;
      allRated += checked.length;
    });
    var total = Number(form.getAttribute("data-items"));
    var overall = form.querySelector("[data-overall]");
    overall.textContent = allRated
      ? "Overall: average " + formatAverage(allSum / allRated) + " across " + allRated + " of " + total +
        " statements (total " + allSum + " of " + 3 * total + ")."
      : "Overall: not rated yet (0 of " + total + " statements).";
    if (announcement) form.querySelector("[role=status]").textContent = announcement;
  }

  function setUpChecklist(form) {
    if (form.hasAttribute("data-checklist-ready")) return;
    form.setAttribute("data-checklist-ready", "");
    var key = CHECKLIST_KEY + form.getAttribute("data-checklist");
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      saved = null;
    }
    var version = form.getAttribute("data-checklist-version");
    /* Ratings saved against other statements (the checklist was edited) are dropped. */
    if (saved && typeof saved === "object" && saved.version === version && saved.ratings && typeof saved.ratings === "object") {
      Object.keys(saved.ratings).forEach(function (name) {
        var value = String(saved.ratings[name]);
        form.querySelectorAll("input[type=radio]").forEach(function (input) {
          if (input.name === name && input.value === value) input.checked = true;
        });
      });
    }
    summarise(form, null);
    form.addEventListener("change", function (event) {
      summarise(form, event.target.closest("section[data-area]"));
      try {
        window.localStorage.setItem(key, JSON.stringify({ version: version, ratings: ratings(form) }));
      } catch (error) {
        /* Not remembered, still summed. */
      }
    });
    form.querySelector("[data-checklist-reset]").addEventListener("click", function () {
      if (!window.confirm("Clear all your ratings on this checklist? This cannot be undone.")) return;
      form.querySelectorAll("input[type=radio]").forEach(function (input) { input.checked = false; });
      try { window.localStorage.removeItem(key); } catch (error) { /* nothing saved to clear */ }
      summarise(form, null);
      form.querySelector("[role=status]").textContent = "All ratings cleared.";
    });
    form.querySelector("[data-checklist-print]").addEventListener("click", function () { window.print(); });
  }

  function init() {
    document.querySelectorAll("form[data-quiz]").forEach(setUp);
    document.querySelectorAll("[data-quiz-status]").forEach(showProgress);
    document.querySelectorAll("form[data-checklist]").forEach(setUpChecklist);
    document.querySelectorAll("[data-lesson-visit]").forEach(recordVisit);
    var host = lms();
    if (host) host.opened(window.location.href);
    document.querySelectorAll("[data-course-progress]").forEach(showCourseProgress);
    document.querySelectorAll("[data-certificate]").forEach(setUpCertificate);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
