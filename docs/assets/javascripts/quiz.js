/* Promises Kept — self-scoring quizzes and course progress.
 * Quiz markup comes from course/render.py; answers are saved in this browser only (localStorage).
 * Runs on first load and after every instant navigation (Material's document$). */
(function () {
  "use strict";

  var PREFIX = "promises-kept:quiz:";

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

  function announce(form, text) {
    var status = form.querySelector("[role=status]");
    status.textContent = "";
    /* A fresh text node in a later frame makes screen readers repeat an unchanged message. */
    window.requestAnimationFrame(function () { status.textContent = text; });
  }

  function clearMarks(fieldset) {
    fieldset.removeAttribute("data-result");
    fieldset.removeAttribute("data-unanswered");
    var result = fieldset.querySelector(".pk-quiz__result");
    result.hidden = true;
    result.textContent = "";
    fieldset.querySelectorAll(".pk-quiz__feedback, .pk-quiz__explanation").forEach(function (el) {
      el.hidden = true;
    });
  }

  function describeScore(correct, total, passMark) {
    var percent = Math.round((100 * correct) / total);
    var passed = percent >= passMark;
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

  function score(form, remember) {
    var all = questions(form);
    var missing = all.filter(function (fieldset) { return chosen(fieldset).length === 0; });
    all.forEach(clearMarks);
    if (missing.length) {
      markUnanswered(form, missing);
      return;
    }
    var correct = 0;
    var answers = {};
    all.forEach(function (fieldset) {
      var ok = isCorrect(fieldset);
      var picked = chosen(fieldset);
      correct += ok ? 1 : 0;
      answers[fieldset.getAttribute("data-question")] = picked;
      fieldset.setAttribute("data-result", ok ? "correct" : "incorrect");
      var result = fieldset.querySelector(".pk-quiz__result");
      result.textContent = ok ? "Correct" : "Incorrect";
      result.hidden = false;
      picked.forEach(function (value) {
        var feedback = fieldset.querySelector('[data-feedback-for="' + value + '"]');
        if (feedback) feedback.hidden = false;
      });
      fieldset.querySelector(".pk-quiz__explanation").hidden = false;
    });
    var outcome = describeScore(correct, all.length, Number(form.getAttribute("data-pass-mark")) || 80);
    form.setAttribute("data-scored", outcome.passed ? "passed" : "failed");
    form.querySelector("[data-quiz-reset]").hidden = false;
    announce(form, outcome.text);
    if (remember) {
      var id = form.getAttribute("data-quiz");
      var record = load(id) || {};
      var best = validBest(record.best);
      if (!best || outcome.percent > best.percent) {
        best = { percent: outcome.percent, passed: outcome.passed };
      }
      save(id, { version: form.getAttribute("data-quiz-version"), answers: answers, best: best });
    }
  }

  function reset(form) {
    questions(form).forEach(function (fieldset) {
      clearMarks(fieldset);
      inputs(fieldset).forEach(function (input) { input.checked = false; });
    });
    form.removeAttribute("data-scored");
    form.querySelector("[data-quiz-reset]").hidden = true;
    var id = form.getAttribute("data-quiz");
    var record = load(id);
    if (record) save(id, { best: validBest(record.best) });
    announce(form, "Answers cleared. Choose your answers again.");
    inputs(questions(form)[0])[0].focus();
  }

  function restore(form) {
    var record = load(form.getAttribute("data-quiz"));
    /* Answers saved for an older version of the quiz file may no longer fit its questions. */
    if (!record || record.version !== form.getAttribute("data-quiz-version") || !record.answers) return;
    var complete = questions(form).every(function (fieldset) {
      var saved = record.answers[fieldset.getAttribute("data-question")];
      if (!Array.isArray(saved) || !saved.length) return false;
      inputs(fieldset).forEach(function (input) { input.checked = saved.indexOf(input.value) !== -1; });
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

  function init() {
    document.querySelectorAll("form[data-quiz]").forEach(setUp);
    document.querySelectorAll("[data-quiz-status]").forEach(showProgress);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
