/* Promises Kept — the script every page loads: self-scoring quizzes, a lesson's visit, the LMS bridge.
 * Markup comes from course/render.py; answers are saved in this browser only (localStorage). Runs on
 * first load and after every instant navigation (Material's document$). Pages with a feature of
 * their own (the checklist, course progress and the certificate) also load that feature's script,
 * which uses what this one shares as window.PromisesKeptCourse (course/assets.py adds it). */
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

  /* ---- Lessons opened: one of the course's completion rules (progress.js applies it) ---- */

  var VISITS = "promises-kept:visits";

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

  function init() {
    document.querySelectorAll("form[data-quiz]").forEach(setUp);
    document.querySelectorAll("[data-lesson-visit]").forEach(recordVisit);
    var host = lms();
    if (host) host.opened(window.location.href);
  }

  /* Runs `setUp` on this page and after every instant navigation to another. */
  function onPage(setUp) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  }

  /* A feature's script tag runs again on every instant navigation to a page that has it. */
  var features = {};
  function firstRun(name) {
    if (features[name]) return false;
    features[name] = true;
    return true;
  }

  window.PromisesKeptCourse = {
    lms: lms, load: load, validBest: validBest, readJSON: readJSON, writeJSON: writeJSON,
    visits: VISITS, onPage: onPage, firstRun: firstRun
  };
  onPage(init);
})();
