/* Promises Kept — the loyalty checklist: sums, readings and saved ratings.
 * Loaded only by the pages that have it (course/assets.py), after course.js, whose helpers it uses. */
(function () {
  "use strict";
  var course = window.PromisesKeptCourse;
  if (!course || !course.firstRun("checklist")) return;

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

  course.onPage(function () {
    document.querySelectorAll("form[data-checklist]").forEach(setUpChecklist);
  });
})();
